package org.tmshost.profile;

import org.tmshost.yaml.ContentDigest;

import java.util.Objects;

/**
 * A limits file (hardware profile or site policy) as it was loaded: where from, its text, the
 * SHA-256 of that text, and whether it is one the site has in force. A file that is not in force
 * still loads (within the hard bounds), but a session under it needs a supervisor's approval.
 *
 * @param path       where it was read from, as the operator named it (or the jar's resource)
 * @param standing   shipped, installed, not installed, or changed since it was installed
 * @param provenance who installed it and when, or why it is not in force, in words
 */
public record LimitsFile(String path, String text, String sha256, Standing standing, String provenance) {
    public enum Standing {
        /** Byte-identical to the copy shipped in the jar, and no installed file replaces that copy. */
        SHIPPED,
        /** Byte-identical to a file a supervisor installed into the site. */
        INSTALLED,
        /** Not byte-identical to any file in force (a path, a ./hardware-profiles file, a shadow). */
        NOT_INSTALLED,
        /** An installed file whose text changed after its installation. */
        CHANGED_SINCE_INSTALLED;

        public boolean inForce() {
            return this == SHIPPED || this == INSTALLED;
        }

        /** As records and {@code --json} write it: {@code shipped}, {@code not-installed}, ... */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public LimitsFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** A file whose standing is {@code standing}; the SHA-256 is computed from the text. */
    public static LimitsFile of(String path, String text, Standing standing, String provenance) {
        return new LimitsFile(path, text, ContentDigest.sha256(text), standing, provenance);
    }
}
