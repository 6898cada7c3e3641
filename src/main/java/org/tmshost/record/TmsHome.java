package org.tmshost.record;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where tmshost keeps its site data: the record database, the users file and the fire journals.
 * The system property {@value #PROPERTY} wins (tests set it, so they need not touch the
 * environment), then the environment variable {@value #ENV}, then {@code ~/.tmshost}.
 */
public record TmsHome(Path directory) {
    public static final String PROPERTY = "tmshost.home";
    public static final String ENV = "TMSHOST_HOME";

    /** The home directory for this process. */
    public static TmsHome resolve() {
        return resolve(System.getProperties().getProperty(PROPERTY), System.getenv());
    }

    static TmsHome resolve(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return new TmsHome(Path.of(property));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new TmsHome(Path.of(fromEnv));
        }
        return new TmsHome(Path.of(System.getProperty("user.home"), ".tmshost"));
    }

    /** The SQLite record store. */
    public Path database() {
        return directory.resolve("records.db");
    }

    /** The site's users and roles (salted PBKDF2 hashes). */
    public Path usersFile() {
        return directory.resolve("users.yaml");
    }

    /** Directory of the per-session memory-mapped fire journals. */
    public Path journals() {
        return directory.resolve("journals");
    }

    /** A site's own outcome measures for courses, one YAML file each (issue 16). */
    public Path outcomes() {
        return directory.resolve("outcomes");
    }

    public Path journalFor(long sessionId) {
        return journals().resolve("session-" + sessionId + ".journal");
    }
}
