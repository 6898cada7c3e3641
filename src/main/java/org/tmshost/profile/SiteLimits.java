package org.tmshost.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.tmshost.profile.LimitsFile.Standing;
import org.tmshost.yaml.ContentDigest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The limits a site has in force: the profiles and site policy shipped in the jar, plus those a
 * supervisor installed into {@code $TMSHOST_HOME/limits/} ({@code profiles/NAME.yaml},
 * {@code site-policy.yaml}, and {@code installed.yaml}: each installed file's SHA-256, who installed
 * it and when). An installed profile replaces the shipped one of its name; an installed policy
 * replaces the shipped policy. Any other file (a path, a {@code ./hardware-profiles} copy that
 * differs) loads as NOT_INSTALLED, and an installed file edited afterwards as CHANGED_SINCE_INSTALLED:
 * the envelope turns both into findings a supervisor must approve.
 *
 * <p>The home is found as {@code record.TmsHome} finds it (system property {@code tmshost.home},
 * then {@code $TMSHOST_HOME}, then {@code ~/.tmshost}); this package sits below {@code record}.
 */
public final class SiteLimits {
    public static final String SHIPPED_POLICY = "safety/site-policy.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One installed file, as {@code installed.yaml} holds it. */
    public record Installation(@JsonProperty("sha256") String sha256, @JsonProperty("installedBy") String installedBy,
                               @JsonProperty("installedAt") String installedAt) {
        String describe() {
            return "installed by " + installedBy + " at " + installedAt;
        }
    }

    /** The manifest's shape. */
    record Manifest(@JsonProperty("profiles") Map<String, Installation> profiles,
                    @JsonProperty("policy") Installation policy) {
    }

    private final Path directory;
    private final Map<String, Installation> profiles;
    private final Optional<Installation> policy;

    private SiteLimits(Path directory, Map<String, Installation> profiles, Optional<Installation> policy) {
        this.directory = directory;
        this.profiles = profiles;
        this.policy = policy;
    }

    /** This process's site: {@code limits/} under the tmshost home. */
    public static SiteLimits current() {
        String property = System.getProperty("tmshost.home");
        String env = System.getenv("TMSHOST_HOME");
        Path home = property != null && !property.isBlank() ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".tmshost");
        return at(home.resolve("limits"));
    }

    /** The site whose installed limits are under {@code directory}; none installed if it does not exist. */
    public static SiteLimits at(Path directory) {
        Path manifest = directory.resolve("installed.yaml");
        Map<String, Installation> profiles = new TreeMap<>();
        Optional<Installation> policy = Optional.empty();
        if (Files.isRegularFile(manifest)) {
            try {
                Manifest read = YAML.readValue(manifest.toFile(), Manifest.class);
                if (read != null && read.profiles() != null) {
                    profiles.putAll(read.profiles());
                }
                policy = read == null ? Optional.empty() : Optional.ofNullable(read.policy());
            } catch (IOException e) {
                throw new UncheckedIOException("the site's list of installed limits " + manifest + " is unreadable", e);
            }
        }
        return new SiteLimits(directory, profiles, policy);
    }

    public Path directory() {
        return directory;
    }

    /** The installed copy of profile {@code name}. */
    public Path profileFile(String name) {
        return directory.resolve("profiles").resolve(name + ".yaml");
    }

    public Path policyFile() {
        return directory.resolve("site-policy.yaml");
    }

    /** Installed profiles by name. */
    public Map<String, Installation> installedProfiles() {
        return Map.copyOf(profiles);
    }

    public Optional<Installation> installedPolicy() {
        return policy;
    }

    // --- profiles ---

    /** The profile {@code name} in force, if the site installed one: its file as it is now. */
    Optional<LimitsFile> installedProfile(String name) {
        Installation installation = profiles.get(name);
        if (installation == null) {
            return Optional.empty();
        }
        return Optional.of(installed(profileFile(name), installation));
    }

    /** The SHA-256 in force for profile {@code name}: the installed one, else the shipped one. */
    Optional<String> inForceProfileSha(String name) {
        Installation installation = profiles.get(name);
        if (installation != null) {
            return Optional.of(installation.sha256());
        }
        return HardwareProfiles.shippedText(name).map(ContentDigest::sha256);
    }

    /**
     * A profile text read from {@code path} (a file the operator named, or a profile directory's):
     * in force when byte-identical to the profile in force under some name.
     */
    LimitsFile judgeProfile(String path, String text) {
        String sha = ContentDigest.sha256(text);
        var names = new java.util.TreeSet<String>(profiles.keySet());
        names.addAll(HardwareProfiles.shippedNames());
        for (String name : names) {
            if (inForceProfileSha(name).filter(sha::equals).isPresent()) {
                Installation installation = profiles.get(name);
                return installation == null
                        ? new LimitsFile(path, text, sha, Standing.SHIPPED, "identical to the shipped profile " + name)
                        : new LimitsFile(path, text, sha, Standing.INSTALLED, "identical to profile " + name + ", "
                        + installation.describe());
            }
        }
        return new LimitsFile(path, text, sha, Standing.NOT_INSTALLED, "not a profile installed at this site");
    }

    // --- policy ---

    /** The site policy in force: the installed file (as it is now), else the shipped one. */
    public LimitsFile policyInForce() {
        return policy.map(installation -> installed(policyFile(), installation)).orElseGet(() ->
                new LimitsFile(SHIPPED_POLICY, shippedPolicyText(), ContentDigest.sha256(shippedPolicyText()),
                        Standing.SHIPPED, "shipped in the jar"));
    }

    /** A policy text the operator named: in force when byte-identical to the policy in force. */
    public LimitsFile judgePolicy(String path, String text) {
        String sha = ContentDigest.sha256(text);
        String inForce = policy.map(Installation::sha256).orElseGet(() -> ContentDigest.sha256(shippedPolicyText()));
        if (!sha.equals(inForce)) {
            return new LimitsFile(path, text, sha, Standing.NOT_INSTALLED, "not the site policy in force (SHA-256 "
                    + inForce + ")");
        }
        return policy.map(installation -> new LimitsFile(path, text, sha, Standing.INSTALLED,
                        "identical to the site policy " + installation.describe()))
                .orElseGet(() -> new LimitsFile(path, text, sha, Standing.SHIPPED, "identical to the shipped policy"));
    }

    // --- installing ---

    /** Installs a profile's text as profile {@code name} (replacing any installed before). */
    public SiteLimits installProfile(String name, String text, String supervisor, Instant at) throws IOException {
        write(profileFile(name), text);
        var next = new TreeMap<>(profiles);
        next.put(name, new Installation(ContentDigest.sha256(text), supervisor, at.toString()));
        return save(next, policy);
    }

    /** Installs a site policy's text (replacing the one in force). */
    public SiteLimits installPolicy(String text, String supervisor, Instant at) throws IOException {
        write(policyFile(), text);
        return save(profiles, Optional.of(new Installation(ContentDigest.sha256(text), supervisor, at.toString())));
    }

    private SiteLimits save(Map<String, Installation> nextProfiles, Optional<Installation> nextPolicy)
            throws IOException {
        var manifest = new LinkedHashMap<String, Object>();
        manifest.put("profiles", nextProfiles);
        nextPolicy.ifPresent(installation -> manifest.put("policy", installation));
        write(directory.resolve("installed.yaml"), YAML.writeValueAsString(manifest));
        return new SiteLimits(directory, new TreeMap<>(nextProfiles), nextPolicy);
    }

    /** Writes atomically, the directory its owner's alone and the file 0600 where the file system allows. */
    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "limits", ".tmp");
        try {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the home's own permissions apply
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static LimitsFile installed(Path file, Installation installation) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        String sha = ContentDigest.sha256(text);
        if (sha.equals(installation.sha256())) {
            return new LimitsFile(file.toString(), text, sha, Standing.INSTALLED, installation.describe());
        }
        return new LimitsFile(file.toString(), text, sha, Standing.CHANGED_SINCE_INSTALLED, "changed since it was "
                + installation.describe() + " (installed SHA-256 " + installation.sha256() + ")");
    }

    static String shippedPolicyText() {
        try (InputStream in = SiteLimits.class.getResourceAsStream("/" + SHIPPED_POLICY)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_POLICY + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
