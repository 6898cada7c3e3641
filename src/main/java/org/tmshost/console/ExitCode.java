package org.tmshost.console;

/** Exit codes that scripts rely on (contracts.md §2). */
public final class ExitCode {
    public static final int OK = 0;
    public static final int BAD_INPUT = 2;
    public static final int SAFETY_REFUSED = 3;
    public static final int DEVICE_FAULT = 4;
    public static final int INTERLOCK_ABORT = 5;
    /**
     * {@code records verify} ran and found a record changed, removed or inserted outside tmshost
     * (docs/records.md): a finding about the record, apart from a request that could not run (2, 4).
     */
    public static final int RECORD_FAILS_VERIFICATION = 6;
    /** A bug in tmshost itself. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCode() {
    }
}
