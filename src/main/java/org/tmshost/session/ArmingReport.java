package org.tmshost.session;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The result of one complete run of every arming check: which ran, and every failure with its
 * reason. A session may arm only if {@link #canArm()}: every mandatory check ran and none failed.
 * Notes say what the operator should know and does not block arming (the pulse thread's real-time setup).
 */
public record ArmingReport(Set<CheckId> checksRun, List<ArmingFailure> failures, List<String> notes) {
    public ArmingReport {
        checksRun = Set.copyOf(checksRun);
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
    }

    public ArmingReport(Set<CheckId> checksRun, List<ArmingFailure> failures) {
        this(checksRun, failures, List.of());
    }

    /** This report with {@code note} added. */
    public ArmingReport withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new ArmingReport(checksRun, failures, more);
    }

    /** True only when every check of {@link CheckId} ran (fail closed) and none failed. */
    public boolean canArm() {
        return failures.isEmpty() && checksRun.containsAll(EnumSet.allOf(CheckId.class));
    }

    /** The failed check ids, in order. */
    public List<CheckId> failedChecks() {
        return failures.stream().map(ArmingFailure::check).toList();
    }

    /** One line per failure, {@code PreArm: [id] component: message}. */
    public List<String> lines() {
        return failures.stream().map(ArmingFailure::toString).toList();
    }

    /**
     * The collector checks report into. {@link #finish()} returns the report; a check that throws is
     * itself a failure (the run goes on).
     */
    public static final class Collector {
        private final Set<CheckId> ran = EnumSet.noneOf(CheckId.class);
        private final List<ArmingFailure> failures = new ArrayList<>();

        void ran(CheckId check) {
            ran.add(check);
        }

        /** Reports a failure of {@code check}; the message says what was found, with numbers. */
        public void fail(CheckId check, String message) {
            failures.add(new ArmingFailure(check, check.component(), message));
        }

        ArmingReport finish() {
            return new ArmingReport(ran, failures);
        }
    }
}
