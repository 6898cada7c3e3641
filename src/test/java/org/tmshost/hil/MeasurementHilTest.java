package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.excitability.Condition;
import org.tmshost.excitability.MeasurementKind;
import org.tmshost.excitability.MeasurementLog;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.MeasurementRunner;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialMeps;
import org.tmshost.excitability.TrialPathFixtures;
import org.tmshost.excitability.TrialPulses;
import org.tmshost.session.Confirmations;
import org.tmshost.session.HuntSession;
import org.tmshost.session.InterlockCause;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.SessionSettings;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.timing.RealTime;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 17: a paired-pulse measurement stopped midway through the session's pulse path on the BiStim²
 * emulator over a socat pseudo-terminal, real time (the whole measurement through the command line,
 * record against the device's log, is {@link MeasureCommandHilTest}). The device's own log, pulse by
 * pulse, is the trials given before the stop, and nothing after: the unit, the output,
 * and the interval within the device's 0.1 ms step. A test pulse alone is unit A at the test output with
 * unit B at 0 %: a unit at 0 % delivers no field (the MagPro reports its di/dt as 0 and the host counts no
 * pulse), so the log's 0 % entries are not pulses. A plan of one trial per condition keeps it short.
 */
@Tag("hil")
class MeasurementHilTest {
    /** The device's interval step (BiStim² hi-res, MagPro Dual grid): 0.1 ms. */
    private static final long RESOLUTION_NANOS = 100_000L;

    private static final TrialMeps CONSTANT_MEP = TrialPathFixtures.constantMep(500);

    /** test, sici-2, icf-10 once each at RMT 50 %MSO (conditioning 40, test 60 %MSO), 4 s apart, no jitter. */
    private static MeasurementPlan plan() {
        return new MeasurementPlan(MeasurementKind.PAIRED_PULSE, Condition.parseNames("test,sici-2,icf-10"), 1,
                BigDecimal.valueOf(50), BigDecimal.valueOf(80), BigDecimal.valueOf(120), BigDecimal.valueOf(4),
                BigDecimal.ZERO, 17);
    }

    private static HuntSession measurement(HilRig rig, Path dir, MeasurementPlan plan) {
        return HuntSession.prepareMeasurement(rig.stimulator(), rig.profile(), false, new LinkWatch(),
                SessionSettings.defaults(dir).withRealTime(RealTime.Request.defaults()), Confirmations.BOTH, plan);
    }

    @Test
    void aStopMidMeasurementKeepsTheTrialsGivenAndTheDeviceGaveNothingAfter(@TempDir Path dir) throws Exception {
        try (HilRig rig = HilRig.simulated(dir, "magstim-bistim", Optional.empty())) {
            MeasurementPlan plan = plan();
            HuntSession path = measurement(rig, dir, plan);
            List<Trial> read = new ArrayList<>();
            MeasurementLog stopAfterTwo = TrialPathFixtures.stopAfter(2, read,
                () -> path.trip(InterlockCause.STOP_BUTTON, "the stop button was pressed"));

            HuntStopped stopped = catchThrowableOfType(() -> new MeasurementRunner(path, CONSTANT_MEP, HuntClock.system(),
                    stopAfterTwo).run(plan), HuntStopped.class);

            assertThat(stopped.cause()).isEqualTo("STOP_BUTTON");
            List<JsonNode> pulses = discharges(rig);
            int next = 0;
            for (int i = 0; i < read.size(); i++) {
                next = expectTrial(pulses, next, read.get(i).pulses(), "trial " + (i + 1));
            }
            assertThat(pulses).as("nothing after the stop").hasSize(next);
            assertThat(rig.stimulator().status().armed()).isFalse();
        }
    }

    /** The device's pulses with a field: a unit at 0 % delivers none. */
    private static List<JsonNode> discharges(HilRig rig) throws Exception {
        return rig.deviceEvents("pulse").stream().filter(p -> p.get("outputPercentMso").asInt() > 0).toList();
    }

    /** Checks the trial's pulses from {@code at} on; returns the index after them. */
    private static int expectTrial(List<JsonNode> pulses, int at, TrialPulses trial, String what) {
        if (trial.paired()) {
            JsonNode conditioning = pulses.get(at);
            JsonNode test = pulses.get(at + 1);
            assertThat(conditioning.get("channel").asInt()).as(what + " conditioning unit").isEqualTo(0);
            assertThat(conditioning.get("outputPercentMso").asInt()).as(what + " conditioning output")
                    .isEqualTo(trial.conditioningPercentMso());
            assertThat(test.get("channel").asInt()).as(what + " test unit").isEqualTo(1);
            assertThat(test.get("outputPercentMso").asInt()).as(what + " test output").isEqualTo(trial.testPercentMso());
            long interval = test.get("atNanos").asLong() - conditioning.get("atNanos").asLong();
            System.out.printf(java.util.Locale.ROOT, "HIL measurement %s: interval %d ns on the device, %d ns planned%n",
                    what, interval, trial.isiNanos());
            assertThat(Math.abs(interval - trial.isiNanos())).as(what + " interval " + interval + " ns")
                    .isLessThan(RESOLUTION_NANOS);
            return at + 2;
        }
        JsonNode alone = pulses.get(at);
        assertThat(alone.get("channel").asInt()).as(what + ": unit A alone (unit B at 0 %)").isEqualTo(0);
        assertThat(alone.get("outputPercentMso").asInt()).as(what + " test output").isEqualTo(trial.testPercentMso());
        return at + 1;
    }
}
