package org.tmshost.safety;

/**
 * How serious a finding is, worst first (envelope-rules.md): a BLOCKED protocol is never delivered;
 * NEEDS_OVERRIDE is deliverable only with a supervisor's recorded approval and reason; WARN is
 * shown and recorded; PASS is nothing to report.
 */
public enum Severity {
    BLOCKED, NEEDS_OVERRIDE, WARN, PASS;

    /** True if this severity is worse than {@code other}. */
    public boolean worseThan(Severity other) {
        return ordinal() < other.ordinal();
    }
}
