package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.ForwardingStimulator;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.ttl.GpioLines;
import org.tmshost.device.ttl.GpioStopButton;
import org.tmshost.profile.GpioPins;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.simulator.ScenarioPlayer;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntPacing;
import org.tmshost.threshold.HuntResult;
import org.tmshost.threshold.HuntRunner;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.threshold.MepCriterion;
import org.tmshost.threshold.MepSource;
import org.tmshost.threshold.MlPestHunt;
import org.tmshost.threshold.VirtualHuntClock;
import org.tmshost.timing.VirtualClock;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 13: a threshold hunt runs through the session's pulse path: the arming checks that guard a
 * hunt, one interlock latch with the session's runtime interlocks from arming to disarming, and
 * every pulse fired by the pulse thread. Decided by events on virtual time (the thread test runs the
 * real pulse thread, paced by a virtual hunt clock).
 */
@Tag("unit")
class HuntSessionTest {
    private static final Clock WALL = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;
    /** A subject whose threshold is 50 %MSO: 500 uV at or above, 10 uV below. */
    private static final IntToDoubleFunction STEP_AT_50 = output -> output >= 50 ? 500 : 10;

    private final VirtualClock time = new VirtualClock(1_000_000_000L);
    private final HuntClock clock = HuntSession.steppedClock(time);
    private final HardwareProfile profile = SessionRig.relaxedTiming(load("simulator"));
    private final SimulatedStimulator simulator = new SimulatedStimulator(profile, time::nanoTime,
            CoilThermalModel.Parameters.bundled(), 1 << 10, 0);

    private static HardwareProfile load(String name) {
        try {
            return HardwareProfiles.load(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HuntSession hunt(Stimulator device, SessionSettings settings, Confirmations confirmations) {
        return HuntSession.prepare(device, profile, true, new LinkWatch(), settings, confirmations);
    }

    private SessionSettings stepped() {
        return SessionSettings.defaults(Path.of(".")).withVirtualTime(time);
    }

    private HuntRunner runner(HuntSession path, MepSource mep) {
        return new HuntRunner(path, mep, clock, WALL, new HuntRunner.Settings(0, 60, HuntPacing.standard(), 7));
    }

    @Test
    void aHuntArmsBehindTheChecksThatGuardItAndNeverArmsWhenOneFails() throws Exception {
        HuntSession refused = hunt(simulator, stepped(), Confirmations.NONE);
        ArmingReport report = refused.armingChecks();
        assertThat(report.path()).isEqualTo(PulsePath.HUNT);
        assertThat(report.checksRun()).containsExactlyInAnyOrder(CheckId.DEVICE_IDENTIFIED, CheckId.COIL_READY,
                CheckId.STOP_BUTTON_RELEASED, CheckId.HEARING_PROTECTION_CONFIRMED, CheckId.SCREENING_CONFIRMED);
        assertThat(report.failedChecks()).containsExactly(CheckId.HEARING_PROTECTION_CONFIRMED,
                CheckId.SCREENING_CONFIRMED);

        HuntStopped stopped = catchThrowableOfType(() -> runner(refused, MepSource.ofAmplitudes(STEP_AT_50))
                .run(MlPestHunt.awiszus(RMT, 60)), HuntStopped.class);
        assertThat(stopped.cause()).isEqualTo("ARMING_REFUSED");
        assertThat(stopped.getMessage()).contains("PreArm: [hearing-protection]");
        assertThat(simulator.groundTruth().size()).isZero();
        assertThat(simulator.status().armed()).isFalse();
    }

    @Test
    void aHuntCompletesThroughThePulsePathAndTheDeviceGaveEveryPulseItsRecordHolds() throws Exception {
        HuntSession path = hunt(simulator, stepped(), Confirmations.BOTH);
        HuntResult result = runner(path, MepSource.ofAmplitudes(STEP_AT_50)).run(MlPestHunt.awiszus(RMT, 60));

        assertThat(result.outcome()).isEqualTo(HuntResult.Outcome.COMPLETED);
        assertThat(result.thresholdPercentMso().orElseThrow()).isBetween(48.0, 52.0);
        assertThat(simulator.groundTruth().size()).isEqualTo(result.pulsesUsed()).isEqualTo(path.pulsesGiven());
        for (int i = 0; i < result.pulsesUsed(); i++) {
            assertThat(simulator.groundTruth().outputPercentMso(i)).isEqualTo(result.trials().get(i).intensityPercentMso());
        }
        assertThat(path.tripCause()).isEmpty();
        assertThat(simulator.status().armed()).as("disarmed at the end").isFalse();
    }

    @Test
    void theGpioStopButtonStopsAHuntThroughTheSessionsInterlockAndNothingFiresAfter() throws Exception {
        GpioPins pins = new GpioPins(17, 100, OptionalInt.of(27), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty());
        try (GpioLines lines = GpioLines.mock(pins, false)) {
            HuntSession path = hunt(simulator, stepped().withStopButton(new GpioStopButton(lines)), Confirmations.BOTH);
            MepSource pressAfterThree = MepSource.ofAmplitudes(output -> {
                if (simulator.groundTruth().size() == 3) {
                    lines.simulateInput(lines.stopButton().orElseThrow(), true); // the operator hits the button
                }
                return STEP_AT_50.applyAsDouble(output);
            });
            HuntStopped stopped = catchThrowableOfType(() -> runner(path, pressAfterThree)
                    .run(MlPestHunt.awiszus(RMT, 60)), HuntStopped.class);

            assertThat(stopped.cause()).isEqualTo("STOP_BUTTON");
            assertThat(stopped.device()).isFalse();
            assertThat(path.tripCause()).contains(InterlockCause.STOP_BUTTON);
            assertThat(simulator.groundTruth().size()).as("no pulse after the press").isEqualTo(3);
            assertThat(simulator.status().armed()).isFalse();
        }
    }

    @Test
    void aCoilOverTemperatureScenarioStopsAHuntAsItStopsASession() throws Exception {
        ScenarioPlayer player = new ScenarioPlayer(FaultScenario.parse("hot.yaml",
                "name: hot\nfaults:\n  - kind: coil-over-temperature\n    atPulse: 4\n    celsius: 45\n"), simulator,
                time::nanoTime);
        HuntSession path = hunt(simulator, stepped(), Confirmations.BOTH);
        MepSource playing = MepSource.ofAmplitudes(output -> {
            player.poll(); // the device acts on its own between pulses
            return STEP_AT_50.applyAsDouble(output);
        });
        HuntStopped stopped = catchThrowableOfType(() -> runner(path, playing).run(MlPestHunt.awiszus(RMT, 60)),
                HuntStopped.class);

        assertThat(stopped.cause()).isEqualTo("COIL_OVER_TEMPERATURE");
        assertThat(stopped.getMessage()).contains("stop temperature 43.0 C"); // 45 C, cooling a little before the next pulse
        assertThat(simulator.groundTruth().size()).isEqualTo(4);
        assertThat(simulator.status().armed()).isFalse();
    }

    @Test
    void aDeviceThatIsNotReadyAtAPulseIsAFaultAndThatPulseIsNeitherRecordedNorGiven() throws Exception {
        boolean[] charging = {false};
        Stimulator slow = new ForwardingStimulator(simulator) {
            @Override
            public DeviceStatus status() {
                DeviceStatus status = super.status();
                return charging[0] ? new DeviceStatus(status.armed(), false, status.coilTemperatureCelsius(), null)
                        : status;
            }
        };
        HuntSession path = hunt(slow, stepped(), Confirmations.BOTH);
        List<Integer> logged = new CopyOnWriteArrayList<>();
        MepSource chargingAfterTwo = MepSource.ofAmplitudes(output -> {
            charging[0] = simulator.groundTruth().size() == 2;
            return STEP_AT_50.applyAsDouble(output);
        });
        HuntRunner runner = new HuntRunner(path, chargingAfterTwo, clock, WALL,
                new HuntRunner.Settings(0, 60, HuntPacing.standard(), 7), new org.tmshost.threshold.HuntLog() {
                    @Override
                    public void pulseFiring(org.tmshost.threshold.DeliveredPulse pulse) {
                        logged.add(pulse.index());
                    }

                    @Override
                    public void readingTaken(org.tmshost.threshold.DeliveredPulse pulse,
                                             org.tmshost.threshold.MepReading reading) {
                    }
                });
        DeviceFault fault = catchThrowableOfType(() -> runner.run(MlPestHunt.awiszus(RMT, 60)), DeviceFault.class);

        assertThat(fault.code()).isEqualTo(FaultCodes.NOT_READY);
        assertThat(logged).containsExactly(0, 1);
        assertThat(simulator.groundTruth().size()).isEqualTo(2);
        assertThat(simulator.status().armed()).isFalse();
    }

    @Test
    void aFireTheDeviceDidNotConfirmStopsTheHuntOnTheLink() throws Exception {
        PulseTrigger real = simulator.trigger();
        Stimulator replyLost = new ForwardingStimulator(simulator) {
            @Override
            public PulseTrigger trigger() {
                return (pulse, output, channel) -> {
                    real.fire(pulse, output, channel);
                    return simulator.groundTruth().size() == 3 ? PulseTrigger.UNCONFIRMED : 0;
                };
            }
        };
        HuntStopped stopped = catchThrowableOfType(() -> runner(hunt(replyLost, stepped(), Confirmations.BOTH),
                MepSource.ofAmplitudes(STEP_AT_50)).run(MlPestHunt.awiszus(RMT, 60)), HuntStopped.class);

        assertThat(stopped.cause()).isEqualTo("LINK_LOSS");
        assertThat(stopped.getMessage()).contains("did not confirm pulse 3");
        assertThat(simulator.status().armed()).isFalse();
    }

    /**
     * The device's count is the device's word: a hunt pulse the device took but never counted stops the
     * hunt before its reading, the last pulse too, which no next trial would catch (HuntHilTest on
     * magventure-x100: a disable right behind the last trigger cancelled that pulse in the emulator, and
     * the hunt ended with 3 pulses recorded and 2 given).
     */
    @Test
    void aPulseTheDeviceNeverCountedStopsTheHuntEvenWhenItIsTheLast() throws Exception {
        PulseTrigger real = simulator.trigger();
        Stimulator takesTheThirdAndGivesNothing = new ForwardingStimulator(simulator) {
            @Override
            public PulseTrigger trigger() {
                return (pulse, output, channel) -> simulator.groundTruth().size() == 2 ? 0 : real.fire(pulse, output, channel);
            }
        };
        HuntSession path = hunt(takesTheThirdAndGivesNothing, stepped(), Confirmations.BOTH);
        HuntStopped stopped = catchThrowableOfType(() -> new HuntRunner(path, MepSource.ofAmplitudes(STEP_AT_50), clock,
                WALL, new HuntRunner.Settings(0, 3, HuntPacing.standard(), 7)).run(MlPestHunt.awiszus(RMT, 60)),
                HuntStopped.class);

        assertThat(stopped).as("the hunt stopped").isNotNull();
        assertThat(stopped.cause()).isEqualTo("PULSE_COUNT_MISMATCH");
        assertThat(stopped.getMessage()).contains("counts 2 of the 3 pulses");
        assertThat(simulator.status().armed()).isFalse();
    }

    /**
     * The one pulse path: on the system clock (the hunt's pacing and the device's clock virtual) every hunt pulse is
     * fired by the pulse thread, never by the thread that runs the hunt.
     */
    @Test
    void everyHuntPulseIsFiredByThePulseThread() throws Exception {
        // The device's own clock moves with the hunt's virtual pacing (5 s a pulse): on the system clock
        // a warmed-up JVM fires the five pulses within the device's minimum interval, and it refuses them.
        AtomicLong deviceNanos = new AtomicLong();
        SimulatedStimulator realTime = new SimulatedStimulator(profile, deviceNanos::get,
                CoilThermalModel.Parameters.bundled(), 1 << 10, 0);
        PulseTrigger real = realTime.trigger();
        List<String> firedOn = new CopyOnWriteArrayList<>();
        Stimulator watched = new ForwardingStimulator(realTime) {
            @Override
            public PulseTrigger trigger() {
                return (pulse, output, channel) -> {
                    deviceNanos.addAndGet(5_000_000_000L);
                    firedOn.add(Thread.currentThread().getName());
                    return real.fire(pulse, output, channel);
                };
            }
        };
        HuntSession path = hunt(watched, SessionSettings.defaults(Path.of(".")), Confirmations.BOTH);
        HuntResult result = new HuntRunner(path, MepSource.ofAmplitudes(STEP_AT_50), new VirtualHuntClock(0), WALL,
                new HuntRunner.Settings(0, 5, HuntPacing.standard(), 7)).run(MlPestHunt.awiszus(RMT, 60));

        assertThat(result.pulsesUsed()).isEqualTo(5);
        assertThat(firedOn).hasSize(5).allSatisfy(name -> assertThat(name).isEqualTo("tmshost-hunt-pulse"));
        assertThat(Thread.currentThread().getName()).isNotEqualTo("tmshost-hunt-pulse");
        assertThat(realTime.groundTruth().size()).isEqualTo(5);
    }

    @Test
    void aHuntArmsOnce() throws Exception {
        HuntSession path = hunt(simulator, stepped(), Confirmations.BOTH);
        path.arm();
        path.disarm();
        assertThatThrownBy(path::arm).isInstanceOf(IllegalStateException.class);
    }
}
