package org.tmshost.session;

import org.tmshost.device.Stimulator;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.record.NewSession;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionLimits;
import org.tmshost.record.TrainRow;
import org.tmshost.safety.Verdict;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What preparing a session settles before the session exists: the request as this link reaches the
 * device, the settings on it, the subject's dose ledger, the envelope's verdict with that ledger,
 * and the record created for it (protocol text, profile and policy texts and SHA-256, envelope SHA-256, thresholds, trains,
 * SIMULATION flag; a continuation's link to its treatment and the overrides that carry over).
 */
record PreparedSession(SessionRequest request, SessionSettings settings, DoseLedger ledger, Verdict verdict,
                       long id, Overrides overrides) {

    /** A new treatment: the protocol checked with the subject's ledger as it stands. */
    static PreparedSession fresh(SessionRequest asked, Stimulator device, RecordStore store, SessionSettings given) {
        SessionSettings settings = given.forDevice(device); // a rig's own stop input trips the session
        DoseLedger ledger = new DoseLedger(store, settings.zone());
        SessionRequest request = reached(asked, device);
        Verdict verdict = withPlanFindings(request, request.envelope().check(request.protocol(),
                request.thresholds().thresholds(), request.profile(), ledger.history(request.subjectId(),
                        settings.wallClock().instant())));
        return create(request, settings, ledger, verdict, store, null, 0);
    }

    /**
     * A continuation: the treatment's whole plan checked with a ledger that leaves its sessions out,
     * delivered from its first deliverable pulse (see {@link Session#prepareContinuation}).
     */
    static PreparedSession continuing(SessionRequest asked, Continuation continuation, Stimulator device,
                                      RecordStore store, SessionSettings given) throws ContinuationRefused {
        continuation.requireProfile(asked.profile());
        SessionSettings settings = given.forDevice(device);
        DoseLedger ledger = new DoseLedger(store, settings.zone(), continuation.treatment());
        SessionRequest request = reached(asked, device);
        Verdict whole = withPlanFindings(request, request.envelope().check(request.protocol(),
                request.thresholds().thresholds(), request.profile(), ledger.history(request.subjectId(),
                        settings.wallClock().instant())));
        int first = whole.plan().isEmpty() ? continuation.nextPulse()
                : continuation.firstDeliverable(whole.plan().get(), request.protocol().kind(), request.profile());
        Verdict rest = new Verdict(whole.level(), whole.findings(), whole.plan().map(plan -> plan.from(first)));
        return create(request, settings, ledger, rest, store, continuation, first);
    }

    /** The envelope's verdict with the findings of the plan the session belongs to (a course's) added. */
    private static Verdict withPlanFindings(SessionRequest request, Verdict envelope) {
        if (request.planFindings().isEmpty()) {
            return envelope;
        }
        var findings = new ArrayList<>(envelope.findings());
        findings.addAll(request.planFindings());
        return Verdict.of(findings, envelope.plan());
    }

    /** The envelope and the delivery see the device as this link reaches it. */
    private static SessionRequest reached(SessionRequest asked, Stimulator device) {
        return asked.withProfile(asked.profile().reaching(device.reachableChannels()));
    }

    /** Creates the record; {@code continuation} null for a new treatment. */
    private static PreparedSession create(SessionRequest request, SessionSettings settings, DoseLedger ledger,
                                          Verdict verdict, RecordStore store, Continuation continuation,
                                          int firstPulse) {
        Instant now = settings.wallClock().instant();
        MotorThresholds thresholds = request.thresholds().thresholds();
        int planned = plannedPulses(request, verdict);
        long id = store.createSession(new NewSession(request.subjectId(), request.operatorId(), request.protocolName(),
                request.protocolText(), request.profile().name(), request.profile().sha256(),
                request.envelope().sha256(), request.deviceUri(), request.simulated(), verdict.name(), planned,
                thresholds.rmtPercentMso().map(BigDecimal::doubleValue),
                thresholds.amtPercentMso().map(BigDecimal::doubleValue), thresholds.method().name(),
                Optional.of(new SessionLimits(request.profile().file(), request.envelope().policyName(),
                        request.envelope().policyFile()))), now);
        Overrides overrides = new Overrides(verdict, store, id, settings.wallClock(), request.operatorId());
        if (continuation != null) {
            store.recordContinuation(id, continuation.continues().id(), firstPulse);
            overrides.carryOver(continuation, now);
        }
        thresholds.rmtPercentMso().ifPresent(rmt -> store.recordThreshold(request.subjectId(), "RMT",
                rmt.doubleValue(), thresholds.method().name(), request.thresholds().measuredAt(),
                request.profile().name(), id));
        thresholds.amtPercentMso().ifPresent(amt -> store.recordThreshold(request.subjectId(), "AMT",
                amt.doubleValue(), thresholds.method().name(), request.thresholds().measuredAt(),
                request.profile().name(), id));
        verdict.plan().ifPresent(plan -> store.recordTrains(id, trains(plan)));
        return new PreparedSession(request, settings, ledger, verdict, id, overrides);
    }

    /** The plan's pulses, or the protocol's when the envelope could not expand it. */
    int plannedPulses() {
        return plannedPulses(request, verdict);
    }

    private static int plannedPulses(SessionRequest request, Verdict verdict) {
        return verdict.plan().map(PulsePlan::pulseCount).orElse(request.protocol().pulseCount());
    }

    private static List<TrainRow> trains(PulsePlan plan) {
        var rows = new ArrayList<TrainRow>();
        for (int train = 0; train < plan.trainCount(); train++) {
            rows.add(new TrainRow(train, plan.trainFirstPulse(train), plan.trainPulseCount(train),
                    plan.trainStartNanos(train)));
        }
        return rows;
    }
}
