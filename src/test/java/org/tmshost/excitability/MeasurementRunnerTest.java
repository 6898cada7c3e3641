package org.tmshost.excitability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntStopped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's order of work, against a path that only writes down what it is asked (the device path has its own tests). */
@Tag("unit")
class MeasurementRunnerTest {
    private final List<String> events = new ArrayList<>();
    private long now;
    private final HuntClock clock = new HuntClock() {
        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos);
        }
    };
    private int failAtTrial = -1;
    private final java.util.Set<Integer> voidAt = new java.util.HashSet<>();

    private final TrialPulsePath path = new TrialPulsePath() {
        @Override
        public void arm() {
            events.add("arm");
        }

        @Override
        public void setUp(TrialPulses trial) {
            events.add("setUp " + trial.conditioningPercentMso() + "/" + trial.testPercentMso() + "/" + trial.isiNanos());
        }

        @Override
        public void requireReady(int trial) throws HuntStopped {
            if (trial == failAtTrial) {
                throw new HuntStopped("STOP_BUTTON", "the stop button was pressed", false);
            }
            events.add("ready " + trial);
        }

        @Override
        public boolean fire(int trial, TrialPulses pulses) {
            events.add("fire " + trial + " at " + now);
            return !voidAt.contains(trial);
        }

        @Override
        public void disarm() {
            events.add("disarm");
        }
    };

    private final MeasurementLog log = new MeasurementLog() {
        @Override
        public void trialFiring(Trial trial) {
            events.add("log " + trial.index());
        }

        @Override
        public void readingTaken(Trial trial, double microvolts) {
            events.add("reading " + trial.index() + " " + microvolts);
        }

        @Override
        public void trialVoid(Trial trial) {
            events.add("void " + trial.index());
        }
    };

    private final TrialMeps meps = new TrialMeps() {
        @Override
        public double microvolts(Trial trial, long firedAtNanos) {
            return 100.0 * (trial.index() + 1);
        }

        @Override
        public String description() {
            return "test amplitudes";
        }
    };

    private static MeasurementPlan plan() {
        return new MeasurementPlan(MeasurementKind.PAIRED_PULSE, Condition.parseNames("test,sici-2"), 2,
                new BigDecimal("50"), new BigDecimal("80"), new BigDecimal("120"), new BigDecimal("4"),
                BigDecimal.ZERO, 3);
    }

    @Test
    void recordsEachTrialBeforeItIsFiredAndWaitsEachInterval() throws Exception {
        List<TrialReading> readings = new MeasurementRunner(path, meps, clock, log).run(plan());
        assertThat(readings).hasSize(4);
        assertThat(events.get(0)).isEqualTo("arm");
        assertThat(events.get(events.size() - 1)).isEqualTo("disarm");
        for (int t = 0; t < 4; t++) {
            int logged = events.indexOf("log " + t);
            int fired = events.indexOf("fire " + t + " at " + (t + 1) * 4_000_000_000L);
            assertThat(logged).as("trial %d written ahead", t).isPositive().isLessThan(fired);
            assertThat(events.indexOf("ready " + t)).isLessThan(logged);
            assertThat(events.get(fired + 1)).startsWith("reading " + t);
        }
        assertThat(readings).extracting(TrialReading::firedAtNanos)
                .containsExactly(4_000_000_000L, 8_000_000_000L, 12_000_000_000L, 16_000_000_000L);
        assertThat(readings.stream().filter(r -> r.trial().pulses().paired()).count()).isEqualTo(2);
    }

    @Test
    void aStopEndsItBetweenTrialsKeepingWhatWasGivenAndDisarms() {
        failAtTrial = 2;
        assertThatThrownBy(() -> new MeasurementRunner(path, meps, clock, log).run(plan())).isInstanceOf(HuntStopped.class);
        assertThat(events).contains("reading 0 100.0", "reading 1 200.0").doesNotContain("log 2")
                .noneMatch(e -> e.startsWith("fire 2"));
        assertThat(events.get(events.size() - 1)).isEqualTo("disarm");
    }

    @Test
    void aDeviceFaultAtArmingGivesNothing() {
        TrialPulsePath refusing = new TrialPulsePath() {
            @Override
            public void arm() throws DeviceFault {
                throw new DeviceFault("NOT_READY", "no");
            }

            @Override
            public void setUp(TrialPulses trial) {
                events.add("setUp");
            }

            @Override
            public void requireReady(int trial) {
            }

            @Override
            public boolean fire(int trial, TrialPulses pulses) {
                events.add("fire");
                return true;
            }

            @Override
            public void disarm() {
                events.add("disarm");
            }
        };
        assertThatThrownBy(() -> new MeasurementRunner(refusing, meps, clock, log).run(plan())).isInstanceOf(DeviceFault.class);
        assertThat(events).containsExactly("disarm");
    }

    /** A void trial is a timing hiccup: recorded as void, given again one interval later under the next number. */
    @Test
    void aVoidTrialIsGivenAgainAndEveryConditionGetsItsTrials() throws Exception {
        voidAt.add(1);
        MeasurementPlan plan = plan();
        List<TrialReading> readings = new MeasurementRunner(path, meps, clock, log).run(plan);
        assertThat(events).contains("void 1").doesNotContain("reading 1 200.0");
        assertThat(readings).hasSize(4);
        assertThat(readings).extracting(r -> r.trial().index()).containsExactly(0, 2, 3, 4);
        Trial planned = plan.trials().get(1);
        assertThat(readings.get(1).trial().condition()).isEqualTo(planned.condition());
        assertThat(readings.get(1).trial().pulses()).isEqualTo(planned.pulses());
        assertThat(readings.get(1).firedAtNanos()).isEqualTo(12_000_000_000L); // one interval after the void one
        assertThat(readings.stream().filter(r -> r.trial().pulses().paired()).count()).isEqualTo(2);
    }

    @Test
    void moreVoidTrialsThanAMeasurementAbsorbsEndItAsATimingFault() {
        for (int t = 0; t < 10; t++) {
            voidAt.add(t);
        }
        assertThatThrownBy(() -> new MeasurementRunner(path, meps, clock, log).run(plan()))
                .isInstanceOf(HuntStopped.class).hasMessageContaining("4 trials void");
        assertThat(events.stream().filter(e -> e.startsWith("void")).count()).isEqualTo(4);
        assertThat(events.get(events.size() - 1)).isEqualTo("disarm");
    }
}
