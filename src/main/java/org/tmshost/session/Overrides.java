package org.tmshost.session;

import org.tmshost.record.RecordStore;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Verdict;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approvals of a verdict's NEEDS_OVERRIDE findings: by a supervisor with a reason, or carried
 * over from the treatment a continuation continues; each recorded per finding. A BLOCKED verdict
 * has none: nothing overrides it.
 */
final class Overrides {
    private final Verdict verdict;
    private final RecordStore store;
    private final long sessionId;
    private final InstantSource wallClock;
    private final String operatorId;
    private final Set<String> approvedRuleIds = ConcurrentHashMap.newKeySet();

    /** @param operatorId the session's operator, who never approves its overrides (four eyes) */
    Overrides(Verdict verdict, RecordStore store, long sessionId, InstantSource wallClock, String operatorId) {
        this.verdict = verdict;
        this.store = store;
        this.sessionId = sessionId;
        this.wallClock = wallClock;
        this.operatorId = operatorId;
    }

    /**
     * Approves every NEEDS_OVERRIDE finding, recorded with the supervisor's name and reason.
     *
     * @return the findings approved
     * @throws OverrideRefused if the verdict is BLOCKED, the user is not a supervisor, is the session's
     *                         operator, or the reason is blank
     */
    int approve(AuthenticatedUser approver, String reason) throws OverrideRefused {
        if (verdict.blocked()) {
            throw new OverrideRefused("the verdict is BLOCKED: a BLOCKED protocol cannot be overridden");
        }
        if (approver.role() != Role.SUPERVISOR) {
            throw new OverrideRefused(approver.name() + " is an operator; operators cannot approve overrides, "
                    + "a supervisor must");
        }
        if (approver.name().strip().equalsIgnoreCase(operatorId.strip())) {
            throw new OverrideRefused(approver.name() + " operates this session and cannot also approve its overrides;"
                    + " another supervisor must (four eyes)");
        }
        if (reason == null || reason.isBlank()) {
            throw new OverrideRefused("an override needs a reason");
        }
        Instant now = wallClock.instant();
        List<Finding> needing = verdict.needingOverride();
        for (Finding finding : needing) {
            store.recordOverride(sessionId, finding.ruleId(), approver.name(), reason.strip(), now);
            approvedRuleIds.add(finding.ruleId());
        }
        return needing.size();
    }

    /** Records the overrides approved for the treatment {@code continuation} continues that this verdict needs. */
    void carryOver(Continuation continuation, Instant now) {
        Set<String> needing = new HashSet<>(verdict.needingOverride().stream().map(Finding::ruleId).toList());
        for (var approved : continuation.overrides()) {
            if (needing.contains(approved.ruleId()) && approvedRuleIds.add(approved.ruleId())) {
                store.recordOverride(sessionId, approved.ruleId(), approved.approvedBy(), "carried over from session "
                        + continuation.continues().id() + " (same treatment): " + approved.reason(), now);
            }
        }
    }

    /** The rule ids approved, as they change. */
    Set<String> approvedRuleIds() {
        return Collections.unmodifiableSet(approvedRuleIds);
    }

    /** The verdict may be delivered: not BLOCKED, and every finding that needs an override has one. */
    boolean deliverable() {
        return !verdict.blocked() && approvedRuleIds.containsAll(verdict.needingOverride().stream()
                .map(Finding::ruleId).toList());
    }
}
