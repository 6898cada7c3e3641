package org.tmshost.session;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The result of one complete run of the arming checks for a pulse path: which ran, and every failure
 * with its reason. The path may arm only if {@link #canArm()}: every check guarding it ran and none
 * failed. Notes say what the operator should know and does not block arming (the pulse thread's
 * real-time setup).
 */
public record ArmingReport(PulsePath path, Set<CheckId> checksRun, List<ArmingFailure> failures, List<String> notes) {
    public ArmingReport {
        checksRun = Set.copyOf(checksRun);
        failures = List.copyOf(failures);
        notes = List.copyOf(notes);
    }

    /** A session's report. */
    public ArmingReport(Set<CheckId> checksRun, List<ArmingFailure> failures) {
        this(PulsePath.SESSION, checksRun, failures, List.of());
    }

    /** This report with {@code note} added. */
    public ArmingReport withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new ArmingReport(path, checksRun, failures, more);
    }

    /** True only when every check guarding the path ran (fail closed) and none failed. */
    public boolean canArm() {
        return failures.isEmpty() && checksRun.containsAll(ArmingChecks.required(path));
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
        private final PulsePath path;
        private final Set<CheckId> ran = EnumSet.noneOf(CheckId.class);
        private final List<ArmingFailure> failures = new ArrayList<>();

        Collector(PulsePath path) {
            this.path = path;
        }

        void ran(CheckId check) {
            ran.add(check);
        }

        /** Reports a failure of {@code check}; the message says what was found, with numbers. */
        public void fail(CheckId check, String message) {
            failures.add(new ArmingFailure(check, check.component(), message));
        }

        ArmingReport finish() {
            return new ArmingReport(path, ran, failures, List.of());
        }
    }
}
