package org.tmshost.safety;

import org.tmshost.protocol.PulsePlan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope's answer for one protocol, thresholds, profile and dose history.
 *
 * @param level    the worst finding, except that WARN-only gives PASS (warnings are shown, not gated)
 * @param findings every finding of every rule, worst first (stable within a severity)
 * @param plan     the expanded plan the findings refer to; empty when it could not be expanded
 *                 ({@code mt.missing})
 */
public record Verdict(Severity level, List<Finding> findings, Optional<PulsePlan> plan) {

    public Verdict {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(plan, "plan");
        findings = List.copyOf(findings);
        Severity expected = levelOf(findings);
        if (level != expected) {
            throw new IllegalArgumentException("verdict level " + level + " does not match its findings (" + expected + ")");
        }
    }

    /** A verdict whose level is derived from the findings. */
    public static Verdict of(List<Finding> findings, Optional<PulsePlan> plan) {
        return new Verdict(levelOf(findings), findings, plan);
    }

    /** The worst severity among the findings, with WARN counted as PASS. */
    public static Severity levelOf(List<Finding> findings) {
        Severity worst = Severity.PASS;
        for (Finding finding : findings) {
            Severity severity = finding.severity() == Severity.WARN ? Severity.PASS : finding.severity();
            if (severity.worseThan(worst)) {
                worst = severity;
            }
        }
        return worst;
    }

    /** {@code "PASS"}, {@code "NEEDS_OVERRIDE"} or {@code "BLOCKED"}, as the JSON output writes it. */
    public String name() {
        return level.name();
    }

    /** The findings a supervisor must approve before the protocol may be delivered. */
    public List<Finding> needingOverride() {
        return findings.stream().filter(finding -> finding.severity() == Severity.NEEDS_OVERRIDE).toList();
    }

    public boolean blocked() {
        return level == Severity.BLOCKED;
    }
}
