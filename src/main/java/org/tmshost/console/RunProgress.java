package org.tmshost.console;

import org.tmshost.yaml.Durations;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;
import org.tmshost.timing.PulseTelemetry;

import java.util.Optional;

/**
 * How far a session is, as {@code run} prints it and the console's status shows it:
 * "312 / 600 pulses · 1 min 32 s left". Time left comes from the plan's schedule, not from a rate:
 * while RUNNING, from now to the plan's end on the scheduler's t0 (which a resume moves); paused or
 * not yet started, the rest of the plan from its next pulse.
 *
 * @param fired     pulses fired so far (the outcome's count once ended)
 * @param planned   pulses in the plan
 * @param leftNanos time left on the plan's schedule, 0 once ended or all fired
 */
public record RunProgress(SessionState state, int fired, int planned, long leftNanos) {

    /** The session's progress at {@code nowNanos} on its own monotonic clock (the one its t0 is read on). */
    public static RunProgress of(Session session, long nowNanos) {
        SessionState state = session.state();
        Optional<SessionOutcome> outcome = session.outcome();
        Optional<PulsePlan> plan = session.verdict().plan();
        int planned = plan.map(PulsePlan::pulseCount).orElse(session.request().protocol().pulseCount());
        int fired = outcome.map(SessionOutcome::firedPulses).orElse(session.firedCount());
        return new RunProgress(state, fired, planned, plan.map(p -> left(p, fired, state, session.telemetry(),
                nowNanos)).orElse(0L));
    }

    /** Time left on the plan's schedule: see the type's comment. */
    static long left(PulsePlan plan, int fired, SessionState state, Optional<PulseTelemetry> scheduler, long nowNanos) {
        if (state.isTerminal() || fired >= plan.pulseCount()) {
            return 0;
        }
        if (scheduler.isPresent() && state == SessionState.RUNNING) {
            return Math.max(0, scheduler.get().t0Nanos() + plan.durationNanos() - nowNanos);
        }
        return Math.max(0, plan.durationNanos() - plan.offsetNanos(fired));
    }

    /** "312 / 600 pulses · 1 min 32 s left"; once ended, "600 / 600 pulses". */
    public String said() {
        String pulses = fired + " / " + planned + " pulses";
        return state.isTerminal() ? pulses : pulses + " · " + Durations.human(leftNanos) + " left";
    }

    /** The progress line {@code run} prints while the session runs: "RUNNING 312 / 600 pulses · 1 min 32 s left". */
    public String line() {
        return state + " " + said();
    }
}
