package org.tmshost.record;

/**
 * What the chain says of one record (or of the chain itself, kind {@code "chain"}).
 *
 * @param kind   the record's kind ({@link ChainedKind#name()}) or {@code "chain"}
 * @param noun   how to name it ("session", "chain entry")
 * @param ref    its id (a chain entry's seq)
 * @param status verified, sealed at upgrade, not yet sealed, or fails
 * @param detail what is wrong when it fails (empty otherwise)
 */
public record RecordVerification(String kind, String noun, long ref, Status status, String detail) {
    public enum Status {
        VERIFIED("verified"),
        SEALED_AT_UPGRADE("verified since it was sealed at upgrade (not verifiable before)"),
        NOT_YET_SEALED("not yet sealed (still being written)"),
        FAILS("FAILS");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public boolean fails() {
        return status == Status.FAILS;
    }

    /** "verified", "not yet sealed …" or "FAILS: reason". */
    public String said() {
        return fails() ? "FAILS: " + detail : status.words();
    }

    /** "session 3: FAILS: …". */
    @Override
    public String toString() {
        return noun + " " + ref + ": " + said();
    }
}
