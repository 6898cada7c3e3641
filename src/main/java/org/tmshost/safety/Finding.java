package org.tmshost.safety;

import java.util.Objects;

/**
 * One result of one envelope rule: a stable rule id (e.g. {@code rossi2009.train-duration}), its
 * severity, a message stating the asked and allowed numbers with their units, and the citation
 * of the data the rule used (contracts.md section 3).
 */
public record Finding(String ruleId, Severity severity, String message, String citation) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(citation, "citation");
        if (severity == Severity.PASS) {
            throw new IllegalArgumentException("a finding reports something; PASS is the absence of findings");
        }
    }

    @Override
    public String toString() {
        return severity + " " + ruleId + ": " + message + " [" + citation + "]";
    }
}
