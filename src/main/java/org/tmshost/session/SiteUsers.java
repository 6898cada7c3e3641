package org.tmshost.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The site's users and roles ({@code $TMSHOST_HOME/users.yaml}). Passwords are stored only as salted
 * PBKDF2-HMAC-SHA512 hashes (16-byte random salt, {@value #DEFAULT_ITERATIONS} iterations by default,
 * OWASP 2023), each entry carrying its own iteration count so it can be raised later. The file is
 * written atomically and, where the file system allows, readable by its owner only.
 *
 * <pre>{@code
 * SiteUsers users = SiteUsers.load(home.usersFile());
 * users.add("ana", Role.SUPERVISOR, password);                 // tmshost users add ana --role supervisor
 * Optional<AuthenticatedUser> ana = users.authenticate("ana", password);
 * }</pre>
 */
public final class SiteUsers {
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One stored user, as in the file. */
    record Entry(@JsonProperty("role") String role, @JsonProperty("salt") String salt,
                 @JsonProperty("iterations") int iterations, @JsonProperty("hash") String hash) {
    }

    private final Path file;
    private final int iterations;
    private final Map<String, Entry> users;

    private SiteUsers(Path file, int iterations, Map<String, Entry> users) {
        this.file = file;
        this.iterations = iterations;
        this.users = users;
    }

    /** The users file; a missing file is an empty site. */
    public static SiteUsers load(Path file) throws IOException {
        return load(file, DEFAULT_ITERATIONS);
    }

    /** As {@link #load(Path)}, hashing new passwords with {@code iterations} (tests use fewer). */
    public static SiteUsers load(Path file, int iterations) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Map<String, Map<String, Entry>> root = YAML.readValue(file.toFile(),
                    new TypeReference<Map<String, Map<String, Entry>>>() { });
            if (root != null && root.get("users") != null) {
                users.putAll(root.get("users"));
            }
        }
        return new SiteUsers(file, iterations, users);
    }

    /**
     * Adds a user (or replaces their role and password) and saves the file.
     *
     * @throws IllegalArgumentException for a bad name or a password shorter than 8 characters
     */
    public void add(String name, Role role, char[] password) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1-64 letters, digits, '.', '_' or '-': '" + name + "'");
        }
        if (password.length < 8) {
            throw new IllegalArgumentException("a password needs at least 8 characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = hash(password, salt, iterations);
        users.put(name, new Entry(role.name().toLowerCase(Locale.ROOT), Base64.getEncoder().encodeToString(salt),
                iterations, Base64.getEncoder().encodeToString(hash)));
        save();
    }

    /**
     * Removes a user (someone who left the lab) and saves the file; sessions already recorded keep
     * their name.
     *
     * @return false if there was no such user
     */
    public boolean remove(String name) throws IOException {
        if (users.remove(name) == null) {
            return false;
        }
        save();
        return true;
    }

    /**
     * The user, if the name exists, the password matches (constant-time comparison) and its hash has
     * at least the work factor in force: an entry edited down to {@code iterations: 1} signs no one in.
     */
    public Optional<AuthenticatedUser> authenticate(String name, char[] password) {
        Entry entry = users.get(name);
        if (entry == null || entry.iterations() < iterations) {
            return Optional.empty();
        }
        byte[] expected = Base64.getDecoder().decode(entry.hash());
        byte[] actual = hash(password, Base64.getDecoder().decode(entry.salt()), entry.iterations());
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(name, Role.valueOf(entry.role().toUpperCase(Locale.ROOT))));
    }

    /** Names and roles, in the order they were added. */
    public List<String> describe() {
        var lines = new ArrayList<String>();
        users.forEach((name, entry) -> lines.add(name + " " + entry.role()));
        return lines;
    }

    /**
     * Why {@code id} may not operate here: once a site has users, its operator is one of them (a
     * non-user once ran a session); a site with none records the id as given.
     */
    public Optional<String> operatorRefusal(String id) {
        if (users.isEmpty() || users.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.of("'" + id + "' is not a site user; a supervisor adds operators with 'tmshost users add'");
    }

    public Optional<Role> roleOf(String name) {
        return Optional.ofNullable(users.get(name)).map(e -> Role.valueOf(e.role().toUpperCase(Locale.ROOT)));
    }

    private static byte[] hash(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    private void save() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "users", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions apply
        }
        YAML.writeValue(temp.toFile(), Map.of("users", users));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Overwrites a password buffer once it is no longer needed. */
    public static void wipe(char[] password) {
        Arrays.fill(password, '\0');
    }
}
