package org.tmshost.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The site's users and roles ({@code $TMSHOST_HOME/users.yaml}). Passwords are stored only as salted
 * PBKDF2-HMAC-SHA512 hashes ({@link PasswordHash}; {@value #DEFAULT_ITERATIONS} iterations by
 * default, OWASP 2023), each entry carrying its own iteration count so it can be raised later. The
 * file is written atomically and, where the file system allows, readable by its owner only.
 *
 * <p>Every failed sign-in is audited; {@value #MAX_FAILED_SIGN_INS} in a row lock the account (its
 * entry keeps the count and the lock, so both survive a restart and every sign-in reads them) until
 * a supervisor unlocks it. Changes go through {@link #changes()}, which applies the four-eyes rules.
 *
 * <pre>{@code
 * SiteUsers users = SiteUsers.load(home.usersFile(), UserAudit.into(store));
 * users.changes().add("ana", Role.SUPERVISOR, password, Optional.empty());   // the site's first user
 * Optional<AuthenticatedUser> ana = users.authenticate("ana", password, "approve overrides");
 * }</pre>
 */
public final class SiteUsers {
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Failed sign-ins in a row that lock an account. */
    public static final int MAX_FAILED_SIGN_INS = 5;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One stored user, as in the file; {@code failedSignIns} counts failures since the last success. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Entry(@JsonProperty("role") String role, @JsonProperty("salt") String salt,
                 @JsonProperty("iterations") int iterations, @JsonProperty("hash") String hash,
                 @JsonProperty("failedSignIns") int failedSignIns, @JsonProperty("locked") boolean locked) {
        Role parsedRole() {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        }
    }

    private final Path file;
    private final int iterations;
    private final Map<String, Entry> users;
    private final UserAudit audit;

    private SiteUsers(Path file, int iterations, Map<String, Entry> users, UserAudit audit) {
        this.file = file;
        this.iterations = iterations;
        this.users = users;
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** The users file, auditing into {@code audit}; a missing file is an empty site. */
    public static SiteUsers load(Path file, UserAudit audit) throws IOException {
        return load(file, DEFAULT_ITERATIONS, audit);
    }

    /** As {@link #load(Path, UserAudit)}, hashing new passwords with {@code iterations} (tests use fewer). */
    public static SiteUsers load(Path file, int iterations, UserAudit audit) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Map<String, Map<String, Entry>> root = YAML.readValue(file.toFile(),
                    new TypeReference<Map<String, Map<String, Entry>>>() { });
            if (root != null && root.get("users") != null) {
                users.putAll(root.get("users"));
            }
        }
        return new SiteUsers(file, iterations, users, audit);
    }

    /** Adding, resetting, re-roling, removing and unlocking users, under the four-eyes rules. */
    public UserChanges changes() {
        return new UserChanges(this);
    }

    /**
     * The user, if the name exists, the account is not locked, its hash has at least the work factor
     * in force (an entry edited down to {@code iterations: 1} signs no one in) and the password
     * matches (constant-time comparison). A failure is audited with {@code purpose}; a wrong password
     * counts towards the lock, a success resets the count.
     *
     * @param purpose what the sign-in is for, recorded with a failure (e.g. "approve overrides")
     */
    public Optional<AuthenticatedUser> authenticate(String name, char[] password, String purpose) throws IOException {
        Entry entry = users.get(name);
        if (entry == null) {
            return failed(name, "unknown user", purpose);
        }
        if (entry.locked()) {
            return failed(name, "account locked", purpose);
        }
        if (entry.iterations() < iterations) {
            return failed(name, "password hash below the work factor in force (" + entry.iterations() + " < "
                    + iterations + " iterations)", purpose);
        }
        if (!PasswordHash.matches(password, entry.salt(), entry.hash(), entry.iterations())) {
            int failures = entry.failedSignIns() + 1;
            boolean lock = failures >= MAX_FAILED_SIGN_INS;
            users.put(name, new Entry(entry.role(), entry.salt(), entry.iterations(), entry.hash(), failures, lock));
            save();
            failed(name, "wrong password (" + failures + " of " + MAX_FAILED_SIGN_INS + " in a row)", purpose);
            if (lock) {
                audit.record(name, name, UserAction.LOCKED, "after " + MAX_FAILED_SIGN_INS
                        + " failed sign-ins in a row; a supervisor unlocks it");
            }
            return Optional.empty();
        }
        if (entry.failedSignIns() > 0) {
            users.put(name, new Entry(entry.role(), entry.salt(), entry.iterations(), entry.hash(), 0, false));
            save();
        }
        return Optional.of(new AuthenticatedUser(name, entry.parsedRole()));
    }

    /** As {@link #authenticate(String, char[], String)} for a plain sign-in. */
    public Optional<AuthenticatedUser> authenticate(String name, char[] password) throws IOException {
        return authenticate(name, password, "sign in");
    }

    private Optional<AuthenticatedUser> failed(String name, String why, String purpose) {
        audit.record(name, name, UserAction.SIGN_IN_FAILED, why + "; for: " + purpose);
        return Optional.empty();
    }

    /** Whether {@code name}'s account is locked by failed sign-ins. */
    public boolean locked(String name) {
        Entry entry = users.get(name);
        return entry != null && entry.locked();
    }

    /** Names and roles, in the order they were added, with the lock or failed sign-ins where there are any. */
    public List<String> describe() {
        var lines = new ArrayList<String>();
        users.forEach((name, entry) -> lines.add(name + " " + entry.role() + (entry.locked()
                ? "  LOCKED after " + entry.failedSignIns() + " failed sign-ins"
                : entry.failedSignIns() > 0 ? "  (" + entry.failedSignIns() + " failed sign-ins in a row)" : "")));
        return lines;
    }

    public boolean isEmpty() {
        return users.isEmpty();
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
        return Optional.ofNullable(users.get(name)).map(Entry::parsedRole);
    }

    /** How many users have {@code role}. */
    int count(Role role) {
        return (int) users.values().stream().filter(e -> e.parsedRole() == role).count();
    }

    /** Sets {@code name}'s role and a new password, clearing failed sign-ins and any lock; saves. */
    void put(String name, Role role, char[] password) throws IOException {
        String[] saltAndHash = PasswordHash.create(password, iterations);
        users.put(name, new Entry(role.name().toLowerCase(Locale.ROOT), saltAndHash[0], iterations, saltAndHash[1],
                0, false));
        save();
    }

    void setRole(String name, Role role) throws IOException {
        Entry e = users.get(name);
        users.put(name, new Entry(role.name().toLowerCase(Locale.ROOT), e.salt(), e.iterations(), e.hash(),
                e.failedSignIns(), e.locked()));
        save();
    }

    void unlock(String name) throws IOException {
        Entry e = users.get(name);
        users.put(name, new Entry(e.role(), e.salt(), e.iterations(), e.hash(), 0, false));
        save();
    }

    void delete(String name) throws IOException {
        users.remove(name);
        save();
    }

    UserAudit audit() {
        return audit;
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
