package org.tmshost.session;

import org.tmshost.device.ttl.GpioStopButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.Stimulator;
import org.tmshost.device.ttl.GpioLines;
import org.tmshost.profile.GpioPins;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each runtime interlock on the simulated device (design.md invariants 3, 4, 6): a trip stops the
 * pulses, disarms the device and ends the session with its cause, and in every path the record
 * holds exactly the pulses the device delivered (its ground truth).
 */
@Tag("unit")
class RuntimeInterlockTest {

    /** The checks every abort path shares. */
    private static void assertEndedSafely(SessionRig rig, Session session, SessionOutcome outcome,
                                          SessionState state, InterlockCause cause) {
        assertThat(outcome.cause()).as(outcome.reason()).contains(cause);
        assertThat(outcome.state()).isEqualTo(state);
        assertThat(session.state()).isEqualTo(state);
        assertThat(rig.simulator.status().armed()).as("device disarmed").isFalse();
        int truth = rig.simulator.groundTruth().size();
        SessionRow row = rig.row(session);
        assertThat(row.state()).isEqualTo(state.name());
        assertThat(row.endCause()).contains(cause.name());
        assertThat(row.deliveredPulses()).as("record == device ground truth").isEqualTo(truth);
        assertThat(rig.store.pulses(session.id())).hasSize(truth);
        assertThat(outcome.firedPulses()).as("no pulse fired after the trip").isEqualTo(truth);
        assertThat(truth).isLessThan(outcome.plannedPulses());
        assertThat(rig.store.trips(session.id())).extracting(TripRow::cause).containsExactly(cause.name());
    }

    @Test
    void aCompletedSessionRecordsEveryPulseAndEveryTransitionWithItsUser(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            SessionOutcome outcome = rig.end(session);

            assertThat(outcome.state()).isEqualTo(SessionState.COMPLETED);
            assertThat(outcome.cause()).isEmpty();
            assertThat(rig.simulator.groundTruth().size()).isEqualTo(30);
            assertThat(rig.simulator.status().armed()).isFalse();
            SessionRow row = rig.row(session);
            assertThat(row.deliveredPulses()).isEqualTo(30);
            assertThat(row.deviceReportedPulses()).contains(30);
            assertThat(row.simulated()).isTrue();
            assertThat(row.profileSha256()).isEqualTo(rig.profile.sha256());
            assertThat(row.envelopeSha256()).hasSize(64);
            assertThat(row.deviceModel()).hasValueSatisfying(m -> assertThat(m).contains("SIMULATION"));
            assertThat(row.mtMethod()).contains("EMG");
            assertThat(rig.store.trains(session.id())).hasSize(3);
            assertThat(rig.store.protocolText(session.id())).contains(SessionRig.PASSING);
            assertThat(rig.store.transitions(session.id())).extracting(TransitionRow::toState)
                    .containsExactly("PREPARED", "ARMED", "RUNNING", "COMPLETED");
            assertThat(rig.store.transitions(session.id()).subList(0, 3)).allSatisfy(
                    t -> assertThat(t.userId()).contains("op1"));
            // pulse times are relative to t0, planned and actual both kept
            assertThat(rig.store.pulses(session.id()).get(10).plannedNanos()).isEqualTo(1_500_000_000L);
        }
    }

    @Test
    void pauseWaitsForTheTrainBoundaryAndResumeContinuesWithTheNextTrain(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(1); // asked during the first train: it pauses after it
            session.pause("op1");
            rig.stepUntil(session, () -> session.state() == SessionState.PAUSED, "paused");
            rig.advance(5_000_000_000L); // paused: 5 s pass, nothing fires
            assertThat(rig.simulator.groundTruth().size()).isEqualTo(10);
            assertThat(rig.simulator.status().armed()).isTrue();
            session.resume("op2");
            SessionOutcome outcome = rig.end(session);
            assertThat(outcome.state()).isEqualTo(SessionState.COMPLETED);
            assertThat(rig.row(session).deliveredPulses()).isEqualTo(30);
            assertThat(rig.store.transitions(session.id())).extracting(t -> t.toState() + "/" + t.userId().orElse("-"))
                    .containsSubsequence("PAUSED/op1", "RUNNING/op2", "COMPLETED/-");
        }
    }

    @Test
    void consoleStopAbortsWithTheOperatorOnRecord(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(5);
            session.stop("op1");
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.ABORTED, InterlockCause.CONSOLE_STOP);
            assertThat(rig.store.transitions(session.id()).get(3).userId()).contains("op1");
        }
    }

    @Test
    void gpioStopButtonAbortsWithoutTheConsoleThread(@TempDir Path dir) throws Exception {
        GpioPins pins = new GpioPins(17, 100, OptionalInt.of(27), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty());
        try (SessionRig rig = new SessionRig(dir); GpioLines lines = GpioLines.mock(pins, false)) {
            rig.settings = rig.settings.withStopButton(new GpioStopButton(lines));
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(5);
            Thread press = new Thread(() -> lines.simulateInput(lines.stopButton().orElseThrow(), true), "stop-input");
            press.start();
            press.join();
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.ABORTED, InterlockCause.STOP_BUTTON);
        }
    }

    @Test
    void coilOverTemperatureScenarioFaultsTheSession(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.play("name: hot\nfaults:\n  - kind: coil-over-temperature\n    atPulse: 5\n    celsius: 45\n");
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.COIL_OVER_TEMPERATURE);
            assertThat(outcome.reason()).contains("45.0 C");
        }
    }

    @Test
    void aDeviceThatDisarmsItselfOverAHotCoilEndsTheSessionOnTheCoilNotAsAnUnexpectedDisarm(@TempDir Path dir)
            throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(3);
            // as a MagPro or a Rapid does at its stop temperature: disarmed, the coil still reading hot
            rig.simulator.forceCoilTemperature(45);
            rig.simulator.injectFault("coil-over-temperature");
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.COIL_OVER_TEMPERATURE);
        }
    }

    @Test
    void deviceErrorScenarioFaultsTheSession(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.play("name: e01\nfaults:\n  - kind: device-fault\n    atPulse: 5\n    code: E01\n");
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.DEVICE_ERROR);
            assertThat(outcome.reason()).contains("E01");
        }
    }

    @Test
    void spontaneousDisarmScenarioFaultsTheSession(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.play("name: panel stop\nfaults:\n  - kind: spontaneous-disarm\n    atPulse: 5\n");
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.UNEXPECTED_DISARM);
        }
    }

    @Test
    void linkLossReportedByTheDriverFaultsTheSession(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(5);
            Thread link = new Thread(() -> rig.linkWatch.accept(
                    new DeviceFault(org.tmshost.device.FaultCodes.LINK_LOST, "no reply to 2 keep-alives")), "link");
            link.start();
            link.join();
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.LINK_LOSS);
        }
    }

    @Test
    void aFireTheDeviceNeverAcknowledgedEndsTheSessionAsLinkLossNotAsADeviceError(@TempDir Path dir)
            throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            java.util.concurrent.atomic.AtomicBoolean silent = new java.util.concurrent.atomic.AtomicBoolean();
            Stimulator unacknowledged = new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                @Override
                public org.tmshost.device.DeviceStatus status() {
                    org.tmshost.device.DeviceStatus status = super.status();
                    return silent.get() ? new org.tmshost.device.DeviceStatus(status.armed(), status.ready(),
                            status.coilTemperatureCelsius(), org.tmshost.device.magstim.MagstimStimulator.FIRE_NO_ACK)
                            : status;
                }
            };
            Session session = rig.started(SessionRig.PASSING, unacknowledged);
            rig.awaitDelivered(3);
            silent.set(true);
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.LINK_LOSS);
        }
    }

    /** A device whose pulse left at once, and a host that then stalls 250 ms inside the call on the given pulses. */
    private static Stimulator stallingAfter(SessionRig rig, java.util.Set<Integer> pulses) {
        return SessionRig.withTrigger(rig.simulator, trigger -> (pulse, output, channel) -> {
            long called = rig.clock.nanoTime();
            long emitted = trigger.fire(pulse, output, channel);
            if (pulses.contains(pulse)) {
                rig.clock.advance(250_000_000L); // the host stalls, its pulse long gone
            }
            return Math.max(0, emitted) + (rig.clock.nanoTime() - called); // since the pulse left, at the call
        });
    }

    /** Issue 12: a late pulse is the host's hiccup, not a hazard: it fires late, is counted, and the session goes on. */
    @Test
    void aLatePulseIsADeviationAndTheSessionGoesOn(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING, stallingAfter(rig, java.util.Set.of(5)));
            SessionOutcome outcome = rig.end(session);
            assertThat(outcome.state()).as(outcome.reason()).isEqualTo(SessionState.COMPLETED);
            assertThat(outcome.reason()).contains("all 30 pulses fired", "1 pulse(s) later than the lateness limit");
            assertThat(rig.simulator.groundTruth().size()).isEqualTo(30);
            var pulses = rig.store.pulses(session.id());
            assertThat(pulses.get(6).actualNanos() - pulses.get(6).plannedNanos()).as("pulse 6 fired ~150 ms late")
                    .isGreaterThan(100_000_000L);
            assertThat(pulses.get(6).actualNanos() - pulses.get(5).actualNanos()).as("never early")
                    .isGreaterThanOrEqualTo(100_000_000L - 50_000L);
        }
    }

    @Test
    void latePulsesBeyondTheBudgetAreATimingFaultAndTheLastIsNotFired(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            // 30 pulses may have 5 late ones (DeviationPolicy.ISOLATED_STALLS); the 6th, pulse 17, is not fired
            Session session = rig.started(SessionRig.PASSING, stallingAfter(rig, java.util.Set.of(2, 4, 6, 12, 14, 16)));
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.TIMING_FAULT);
            assertThat(rig.simulator.groundTruth().size()).isEqualTo(17);
            assertThat(outcome.reason()).contains("timing fault at pulse 17", "6 pulse(s) later than the lateness limit",
                    "5 allowed");
        }
    }

    @Test
    void aPulseTheDeviceDidNotDeliverIsAPulseCountMismatch(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Stimulator skipping = SessionRig.withTrigger(rig.simulator, trigger -> (pulse, output, channel) ->
                    pulse == 5 ? 0 : trigger.fire(pulse, output, channel));
            Session session = rig.started(SessionRig.PASSING, skipping);
            SessionOutcome outcome = rig.end(session);

            assertThat(outcome.state()).isEqualTo(SessionState.FAULTED);
            assertThat(outcome.cause()).contains(InterlockCause.PULSE_COUNT_MISMATCH);
            assertThat(rig.simulator.status().armed()).isFalse();
            int truth = rig.simulator.groundTruth().size();
            SessionRow row = rig.row(session);
            // the host's journal says 6 fired, the device delivered 5: both are on record, and the
            // record's delivered count is the device's word, pulse 6 (index 5) marked unconfirmed
            assertThat(outcome.firedPulses()).isEqualTo(6);
            assertThat(row.deliveredPulses()).isEqualTo(truth).isEqualTo(5);
            assertThat(row.deviceReportedPulses()).contains(truth);
            assertThat(rig.store.pulses(session.id())).extracting(p -> p.confirmed().orElseThrow())
                    .containsExactly(true, true, true, true, true, false);
        }
    }

    /** Ten trains of 10 pulses at 10 Hz: about 14 s, longer than a lock test holds the store. */
    private static final String FOURTEEN_SECONDS = SessionRig.PASSING.replace("trains: 3", "trains: 10");

    /**
     * Another program (a technician's {@code tmshost sessions}, a backup) holding the store's lock
     * for a few seconds does not end a treatment: the journal keeps the pulses, the recorder retries,
     * and once the lock is gone every pulse is on record.
     */
    @Test
    void aDatabaseLockedForAFewSecondsIsWaitedOutAndLosesNothing(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir, 1)) {
            Session session = rig.started(FOURTEEN_SECONDS);
            rig.awaitDelivered(5);
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
                 Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                rig.advance(SessionRecorder.LOCK_PATIENCE_NANOS - 1_000_000_000L);
                assertThat(session.tripCause()).isEmpty();
                assertThat(rig.store.pulses(session.id())).as("nothing written while locked").hasSizeLessThan(
                        rig.simulator.groundTruth().size());
                lock.execute("COMMIT");
            }
            SessionOutcome outcome = rig.end(session);
            assertThat(outcome.state()).isEqualTo(SessionState.COMPLETED);
            assertThat(outcome.recordComplete()).isTrue();
            assertThat(rig.store.pulses(session.id())).hasSize(100).hasSize(rig.simulator.groundTruth().size());
        }
    }

    /** A store that stays locked past the recorder's patience stops the session; nothing fired is lost. */
    @Test
    void aDatabaseLockedPastTheRecordersPatienceStopsTheSessionAndLosesNothing(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir, 1)) {
            Session session = rig.started(FOURTEEN_SECONDS);
            rig.awaitDelivered(5);
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
                 Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                long lockedAt = rig.clock.nanoTime();
                rig.stepUntil(session, () -> session.tripCause().isPresent(), "a trip");
                assertThat(session.tripCause()).contains(InterlockCause.RECORD_FAILURE);
                assertThat(rig.clock.nanoTime() - lockedAt).as("waited out first")
                        .isGreaterThanOrEqualTo(SessionRecorder.LOCK_PATIENCE_NANOS);
                lock.execute("COMMIT");
            }
            SessionOutcome outcome = rig.end(session);
            assertThat(outcome.recordComplete()).isTrue();
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.RECORD_FAILURE);
            assertThat(outcome.reason()).contains("locked");
        }
    }

    /** Issue 12: a site's policy sets the deviation budget per protocol kind; here none is allowed for rTMS. */
    @Test
    void aSitePolicyThatAllowsNoLatePulseFaultsOnTheFirst(@TempDir Path dir) throws Exception {
        String bundled;
        try (var in = org.tmshost.safety.SafetyEnvelope.class.getResourceAsStream("/safety/site-policy.yaml")) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path policy = java.nio.file.Files.writeString(dir.resolve("strict.yaml"), bundled
                + "deviations:\n  rtms: {perThousand: 0, consecutive: 1, isolated: 0}\n");
        org.tmshost.safety.SafetyEnvelope strict = org.tmshost.safety.SafetyEnvelope.withPolicy(policy);
        assertThat(strict.deviationLimits(org.tmshost.protocol.ProtocolKind.RTMS))
                .contains(new org.tmshost.safety.DeviationLimits(0, 1, 0));
        assertThat(strict.deviationLimits(org.tmshost.protocol.ProtocolKind.THETA_BURST)).isEmpty();
        try (SessionRig rig = new SessionRig(dir)) {
            SessionRequest asked = rig.request(SessionRig.PASSING, 50);
            SessionRequest request = new SessionRequest(asked.subjectId(), asked.operatorId(), asked.protocolName(),
                    asked.protocol(), asked.protocolText(), asked.thresholds(), asked.profile(), asked.deviceUri(), strict);
            Session session = Session.prepare(request, stallingAfter(rig, java.util.Set.of(5)), rig.linkWatch,
                    rig.store, rig.settings);
            assertThat(session.arm(Confirmations.BOTH, "op1").canArm()).isTrue();
            session.start("op1");
            rig.running(session);
            SessionOutcome outcome = rig.end(session);
            assertEndedSafely(rig, session, outcome, SessionState.FAULTED, InterlockCause.TIMING_FAULT);
            assertThat(rig.simulator.groundTruth().size()).as("the late pulse 6 is not fired").isEqualTo(6);
        }
    }
}
