package org.tmshost.testing;

import org.tmshost.excitability.Condition;
import org.tmshost.excitability.MeasurementJson;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.MeasurementResult;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialReading;
import org.tmshost.record.ExcitabilityRecord;
import org.tmshost.record.NewMeasurement;
import org.tmshost.record.RecordStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Excitability measurements written straight into a record store as a measurement would write them
 * (row, each trial before it fires, its amplitude, the results JSON at completion), from a
 * {@link MeasurementPlan} and synthetic MEPs: each condition's true ratio to the test pulse alone
 * times a seeded ±{@value #SPREAD_PERCENT}% spread. No device, no runner: for the readers of the record.
 */
public final class RecordedMeasurements {
    /** Trial-to-trial spread of the synthetic MEPs, uniform, in percent of the condition's mean. */
    public static final int SPREAD_PERCENT = 20;
    public static final double RMT = 50;

    private final RecordStore store;
    private Instant now;
    private int spikeTrial = -1;
    private final InstantSource clock = () -> now;

    public RecordedMeasurements(RecordStore store) {
        this.store = store;
    }

    /** The next measurements' trial {@code index} (0-based) reads 4 times its condition's MEP: an outlier. */
    public RecordedMeasurements spike(int index) {
        spikeTrial = index;
        return this;
    }

    /** Where a measurement belongs and when it starts. */
    public record Attachment(String subject, Instant at, Optional<Long> courseId, Optional<Integer> courseSession,
                             boolean simulated) {
        public static Attachment alone(String subject, Instant at) {
            return new Attachment(subject, at, Optional.empty(), Optional.empty(), true);
        }
    }

    /**
     * A completed default paired-pulse measurement (test, sici-2, sici-3, icf-10, icf-12; {@code trials}
     * each) whose MEPs are {@code testMicrovolts} times each condition's {@code ratios} entry (1 for the
     * test alone and any condition not named); returns its id.
     */
    public long pairedPulse(Attachment where, int trials, double testMicrovolts, Map<String, Double> ratios, long seed) {
        MeasurementPlan plan = MeasurementPlan.pairedPulse(Condition.parseNames(Condition.DEFAULT_CONDITIONS), trials,
                BigDecimal.valueOf(RMT), MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT,
                MeasurementPlan.DEFAULT_TEST_PERCENT_RMT, seed);
        return record(where, plan, c -> testMicrovolts * ratios.getOrDefault(c.name(), 1.0), plan.trialCount(), true);
    }

    /** A recruitment curve 90..150% RMT whose MEPs follow a Boltzmann curve (MEPmax 2000 µV, S50 62.5% MSO). */
    public long recruitment(Attachment where, int trials, long seed) {
        MeasurementPlan plan = MeasurementPlan.recruitment(Condition.parseIntensities("90,100,110,120,130,140,150%RMT"),
                trials, BigDecimal.valueOf(RMT), seed);
        return record(where, plan, c -> {
            double mso = RMT * c.intensityPercentRmt().orElseThrow().doubleValue() / 100;
            return 2000 / (1 + Math.exp((62.5 - mso) / 4));
        }, plan.trialCount(), true);
    }

    /** A paired-pulse measurement stopped after {@code given} trials, ended {@code outcome}, without results. */
    public long stopped(Attachment where, int trials, int given, String outcome, long seed) {
        MeasurementPlan plan = MeasurementPlan.pairedPulse(Condition.parseNames(Condition.DEFAULT_CONDITIONS), trials,
                BigDecimal.valueOf(RMT), MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT,
                MeasurementPlan.DEFAULT_TEST_PERCENT_RMT, seed);
        long id = record(where, plan, c -> 1000.0, given, false);
        store.endMeasurement(id, outcome, null, now);
        return id;
    }

    private long record(Attachment where, MeasurementPlan plan, java.util.function.ToDoubleFunction<Condition> mean,
                        int given, boolean complete) {
        now = where.at();
        NewMeasurement measurement = new NewMeasurement(where.subject(), "op1", plan.kind().label(),
                plan.conditions().stream().map(Condition::name).toList(), plan.trialsPerCondition(), RMT,
                plan.conditioningPercentRmt().doubleValue(), plan.testPercentRmt().doubleValue(),
                plan.interTrialSeconds().doubleValue(), plan.jitterSeconds().doubleValue(), plan.seed(),
                "virtual:typical", where.simulated() ? "magstim-bistim" : "magstim-bistim-lab",
                where.simulated() ? "sim:magstim-bistim" : "serial:/dev/ttyUSB0?profile=magstim-bistim",
                where.simulated(), where.courseId(), where.courseSession(), "lab-pc");
        ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement, clock);
        Random spread = new Random(plan.seed());
        List<TrialReading> readings = new ArrayList<>();
        long firedAt = 0;
        for (Trial t : plan.trials().subList(0, given)) {
            now = now.plusNanos(t.intervalBeforeNanos());
            firedAt += t.intervalBeforeNanos();
            record.trialFiring(t.index(), t.block(), t.condition(), t.pulses().conditioningPercentMso(),
                    t.pulses().testPercentMso(), t.pulses().isiNanos());
            double microvolts = Math.round(mean.applyAsDouble(plan.conditions().get(t.condition()))
                    * (1 + SPREAD_PERCENT / 100.0 * (2 * spread.nextDouble() - 1)) * (t.index() == spikeTrial ? 4 : 1)
                    * 10) / 10.0;
            record.amplitudeTaken(t.index(), microvolts);
            readings.add(new TrialReading(t, firedAt, microvolts));
        }
        if (complete) {
            record.complete(MeasurementJson.of(MeasurementResult.of(plan, readings)).toString());
        }
        return record.id();
    }

    public Instant now() {
        return now;
    }
}
