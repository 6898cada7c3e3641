package org.tmshost.console;

import org.HdrHistogram.Histogram;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.Stimulator;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.session.InterlockCause;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;
import org.tmshost.timing.PulseTelemetry;
import org.tmshost.timing.LatenessRecorder;

import java.util.Optional;

/**
 * Samples a session for the console thread: its public state, the fire journal (read-only, for the
 * lateness percentiles, so the scheduler's own histogram is left to its owner) and the device's coil
 * temperature (at most four times a second). Never blocks the pulse thread; console thread only.
 */
final class StatusProbe {
    private static final long COIL_POLL_NANOS = 250_000_000L;

    private final Session session;
    private final Stimulator device;
    private final Histogram lateness = new Histogram(LatenessRecorder.HIGHEST_TRACKABLE_NANOS,
            LatenessRecorder.SIGNIFICANT_DIGITS);
    private int latenessRead;
    private long startedNanos = -1;
    private long endedNanos = -1;
    private long coilPolledNanos;
    private double coilCelsius = Double.NaN;

    StatusProbe(Session session, Stimulator device) {
        this.session = session;
        this.device = device;
    }

    /** Marks the start (elapsed time counts from here). */
    void started() {
        startedNanos = System.nanoTime();
    }

    Session session() {
        return session;
    }

    StatusSnapshot snapshot() {
        long now = System.nanoTime();
        SessionState state = session.state();
        Optional<SessionOutcome> outcome = session.outcome();
        PulsePlan plan = session.verdict().plan().orElse(null);
        int planned = plan == null ? session.request().protocol().pulseCount() : plan.pulseCount();
        int fired = outcome.map(SessionOutcome::firedPulses).orElse(session.firedCount());
        if (state.isTerminal() && endedNanos < 0) {
            endedNanos = now;
        }
        long elapsed = startedNanos < 0 ? 0 : (endedNanos >= 0 ? endedNanos : now) - startedNanos;
        int trains = plan == null ? 0 : plan.trainCount();
        int train = 0;
        long remaining = 0;
        long nextTrainIn = -1;
        int output = 0;
        if (plan != null && planned > 0) {
            int next = Math.min(fired, planned - 1);
            train = plan.trainOf(next) + 1;
            output = plan.outputPercentMso(next);
            Optional<PulseTelemetry> scheduler = session.telemetry();
            remaining = RunProgress.left(plan, fired, state, scheduler, now);
            if (scheduler.isPresent() && state == SessionState.RUNNING && fired > 0 && fired < planned
                    && plan.trainFirstPulse(plan.trainOf(fired)) == fired) {
                nextTrainIn = Math.max(0, scheduler.get().t0Nanos() + plan.trainStartNanos(plan.trainOf(fired)) - now);
            }
        }
        return new StatusSnapshot(session.request().simulated(), session.id(), session.request().protocolName(), state,
                fired, planned, train, trains, elapsed, remaining, nextTrainIn, output, coil(now, state),
                session.request().profile().limits().coilTemperature().warnCelsius().doubleValue(),
                session.request().profile().limits().coilTemperature().stopCelsius().doubleValue(), p99(), trip(outcome),
                session.recordsOutOfReach().orElse(null));
    }

    private double coil(long now, SessionState state) {
        if (!state.isTerminal() && (Double.isNaN(coilCelsius) || now - coilPolledNanos >= COIL_POLL_NANOS)) {
            coilPolledNanos = now;
            try {
                DeviceStatus status = device.status();
                coilCelsius = status.coilTemperatureCelsius();
            } catch (RuntimeException e) {
                coilCelsius = Double.NaN; // the interlock monitor deals with a device that cannot answer
            }
        }
        return coilCelsius;
    }

    private long p99() {
        Optional<PulseTelemetry> telemetry = session.telemetry();
        if (telemetry.isEmpty()) {
            return -1;
        }
        int count = telemetry.get().firedCount();
        for (; latenessRead < count; latenessRead++) {
            long late = telemetry.get().latenessNanos(latenessRead);
            lateness.recordValue(Math.max(0, Math.min(late, LatenessRecorder.HIGHEST_TRACKABLE_NANOS)));
        }
        return lateness.getTotalCount() == 0 ? -1 : lateness.getValueAtPercentile(99);
    }

    private String trip(Optional<SessionOutcome> outcome) {
        if (outcome.isPresent() && outcome.get().state() != SessionState.COMPLETED
                && outcome.get().cause().isPresent()) {
            return outcome.get().cause().get().name() + ": " + outcome.get().reason();
        }
        Optional<InterlockCause> cause = session.tripCause();
        return cause.map(c -> c.name() + ": " + c.advice()).orElse(null);
    }
}
