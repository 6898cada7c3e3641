package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.yaml.Durations;
import org.tmshost.console.RunProgress;
import org.tmshost.console.SessionHost;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: {@code run} and the console show pulses done / planned and the time left on the plan's
 * schedule, as the session runs, and the end gives delivered / planned. A stepped session on
 * virtual time ({@link SessionRig}): no thread, no sleep. The plan is {@link SessionRig#PASSING}:
 * 3 trains of 10 pulses at 10 Hz, each train 1 s, trains 1.5 s apart, 4 s in all.
 */
@Tag("unit")
class RunProgressTest {

    @Test
    void timeLeftFollowsThePlansScheduleNotTheRateSoFar(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            long t0 = session.telemetry().orElseThrow().t0Nanos();
            assertThat(t0 - rig.clock.nanoTime()).as("the first pulse a start lead ahead")
                    .isBetween(Session.START_LEAD_NANOS - 50_000_000L, Session.START_LEAD_NANOS);
            assertThat(RunProgress.of(session, rig.clock.nanoTime()).line()) // the lead, then the 4 s plan
                    .isEqualTo("RUNNING 0 / 30 pulses · " + Durations.human(t0 + 4_000_000_000L - rig.clock.nanoTime())
                            + " left");

            rig.stepUntil(session, () -> session.firedCount() == 10, "the first train fired");
            // pulse 10 fired at 0.9 s: 3.1 s of schedule left (the rate so far, 10 in 0.9 s, would say 1.8 s)
            assertThat(RunProgress.of(session, rig.clock.nanoTime()).line())
                    .isEqualTo("RUNNING 10 / 30 pulses · 3.1 s left");

            rig.stepUntil(session, () -> rig.clock.nanoTime() - t0 >= 1_200_000_000L, "0.3 s into the pause");
            assertThat(session.firedCount()).isEqualTo(10);
            assertThat(RunProgress.of(session, rig.clock.nanoTime()).said()) // counts down between trains too
                    .isEqualTo("10 / 30 pulses · 2.8 s left");

            rig.stepUntil(session, () -> session.firedCount() == 25, "pulse 25");
            assertThat(RunProgress.of(session, rig.clock.nanoTime()).said()).isEqualTo("25 / 30 pulses · 0.6 s left");

            SessionOutcome outcome = rig.end(session);
            assertThat(RunProgress.of(session, rig.clock.nanoTime()).line()).isEqualTo("COMPLETED 30 / 30 pulses");
            StringWriter out = new StringWriter();
            SessionHost.printOutcome(outcome, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            assertThat(out.toString()).contains("delivered 30 / 30 pulses");
        }
    }

    @Test
    void pausedTheRestOfThePlanFromItsNextPulseIsLeft(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(1);
            session.pause("op1");
            rig.stepUntil(session, () -> session.state() == SessionState.PAUSED, "paused");
            rig.advance(5_000_000_000L); // however long it stays paused
            assertThat(RunProgress.of(session, rig.clock.nanoTime()).line())
                    .isEqualTo("PAUSED 10 / 30 pulses · 2.5 s left"); // pulse 11 is at 1.5 s of 4 s
        }
    }

    @Test
    void aStoppedSessionEndsWithDeliveredOfPlanned(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(12);
            session.stop("op1");
            SessionOutcome outcome = rig.end(session);
            StringWriter err = new StringWriter();
            SessionHost.printOutcome(outcome, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertThat(err.toString()).contains("delivered " + outcome.firedPulses() + " / 30 pulses");
            assertThat(outcome.firedPulses()).isBetween(12, 13);
        }
    }
}
