package org.tmshost.threshold;

import org.tmshost.device.DeviceFault;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * {@code tmshost bench threshold}: every hunt configuration against the same seeded virtual
 * subjects, each hunt driven by {@link HuntRunner} through a simulated stimulator's pulse path on virtual time. Reports,
 * per configuration, the absolute error against the subject's true threshold (mean, SD), the
 * signed error (bias), the pulses used and the hunt's duration, next to the pulse counts the
 * literature quotes. The subjects come from a {@link World} (the console builds it from the
 * simulator's virtual subjects, which this package does not know).
 */
public final class ThresholdBench {

    /** One configuration under test: a label and how to build the hunt from the start (hotspot) intensity. */
    public record Arm(String label, HuntMethod method, IntFunction<MotorThresholdHunt> huntFromStart) {
    }

    /** What one hunt runs against. */
    public record Setup(String archetype, double trueThresholdPercentMso, int startPercentMso, HuntPulsePath path,
                        MepSource mepSource, HuntClock clock) {
    }

    /** Builds a fresh subject (same seed for every arm), stimulator and clock for one hunt. */
    public interface World {
        int subjects();

        Setup setUp(int subject, Arm arm) throws Exception;
    }

    /** One hunt's outcome. */
    public record Outcome(String arm, String archetype, double trueThresholdPercentMso, HuntResult.Outcome outcome,
                          double estimatePercentMso, int pulses, double seconds) {
    }

    /** Statistics over a group of hunts; errors over the completed ones only. */
    public record Row(String label, String archetype, int hunts, int completed, double meanAbsoluteError,
                      double sdAbsoluteError, double bias, double meanPulses, double sdPulses, int maxPulses,
                      double meanMinutes, OptionalInt publishedPulses) {
    }

    public record Result(int subjects, long seed, double criterionMicrovolts, int pulseCap, List<Row> rows,
                         List<Row> byArchetype) {
    }

    /** The configurations the bench compares. */
    public static List<Arm> standardArms(MepCriterion criterion) {
        return List.of(
                new Arm("5/10 (IFCN)", HuntMethod.RELATIVE_FREQUENCY, start -> RelativeFrequencyHunt.ifcn(criterion, start)),
                new Arm("two-threshold (Mills-Nithi)", HuntMethod.TWO_THRESHOLD,
                        start -> TwoThresholdHunt.millsNithi(criterion, start)),
                new Arm("ML-PEST (95% CI <= 10%)", HuntMethod.ML_PEST, start -> MlPestHunt.awiszus(criterion, start)),
                new Arm("ML-PEST (20 pulses)", HuntMethod.ML_PEST, start -> MlPestHunt.fixedTrials(criterion, start, 20)),
                new Arm("SAMT (20 pulses)", HuntMethod.SAMT,
                        start -> StochasticApproximationHunt.wang2023(criterion, start, 20)));
    }

    private ThresholdBench() {
    }

    public static Result run(World world, List<Arm> arms, MepCriterion criterion, HuntRunner.Settings settings, long seed)
            throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        Clock wall = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        for (int subject = 0; subject < world.subjects(); subject++) {
            for (Arm arm : arms) {
                Setup setup = world.setUp(subject, arm);
                MotorThresholdHunt hunt = arm.huntFromStart().apply(setup.startPercentMso());
                if (!hunt.criterion().equals(criterion)) {
                    throw new IllegalArgumentException(arm.label() + " uses another criterion than the bench");
                }
                long start = setup.clock().nanoTime();
                HuntResult result;
                try {
                    result = new HuntRunner(setup.path(), setup.mepSource(), setup.clock(), wall, settings).run(hunt);
                } catch (DeviceFault | HuntStopped fault) {
                    throw new IllegalStateException("the simulated stimulator refused a hunt pulse: " + fault.getMessage(),
                            fault);
                }
                double estimate = result.thresholdPercentMso().orElse(Double.NaN);
                outcomes.add(new Outcome(arm.label(), setup.archetype(), setup.trueThresholdPercentMso(),
                        result.outcome(), estimate, result.pulsesUsed(), (setup.clock().nanoTime() - start) / 1e9));
            }
        }
        List<Row> rows = new ArrayList<>();
        List<Row> byArchetype = new ArrayList<>();
        for (Arm arm : arms) {
            List<Outcome> mine = outcomes.stream().filter(o -> o.arm().equals(arm.label())).toList();
            rows.add(row(arm, "all", mine));
            Map<String, List<Outcome>> groups = new LinkedHashMap<>();
            for (Outcome outcome : mine) {
                groups.computeIfAbsent(outcome.archetype(), key -> new ArrayList<>()).add(outcome);
            }
            groups.forEach((archetype, group) -> byArchetype.add(row(arm, archetype, group)));
        }
        return new Result(world.subjects(), seed, criterion.microvolts(), settings.pulseCap(), List.copyOf(rows),
                List.copyOf(byArchetype));
    }

    static Row row(Arm arm, String archetype, List<Outcome> outcomes) {
        double[] absolute = outcomes.stream().filter(o -> o.outcome() == HuntResult.Outcome.COMPLETED)
                .mapToDouble(o -> Math.abs(o.estimatePercentMso() - o.trueThresholdPercentMso())).toArray();
        double[] signed = outcomes.stream().filter(o -> o.outcome() == HuntResult.Outcome.COMPLETED)
                .mapToDouble(o -> o.estimatePercentMso() - o.trueThresholdPercentMso()).toArray();
        double[] pulses = outcomes.stream().mapToDouble(Outcome::pulses).toArray();
        double[] minutes = outcomes.stream().mapToDouble(o -> o.seconds() / 60).toArray();
        return new Row(arm.label(), archetype, outcomes.size(), absolute.length, mean(absolute), sd(absolute),
                mean(signed), mean(pulses), sd(pulses), outcomes.stream().mapToInt(Outcome::pulses).max().orElse(0),
                mean(minutes), arm.method().publishedPulses());
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n − 1); NaN below two values. */
    static double sd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    public static String table(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Motor threshold hunting: %d seeded virtual subjects (seed %d), criterion %.0f uV, pulse cap %d%n",
                result.subjects(), result.seed(), result.criterionMicrovolts(), result.pulseCap()));
        out.append("Error = estimate - true threshold (the intensity where P(MEP >= criterion) = 0.5), %MSO.\n\n");
        String header = String.format(Locale.ROOT, "%-40s %6s %9s %8s %7s %8s %8s %5s %7s %10s%n", "method", "done",
                "MAE", "SD|err|", "bias", "pulses", "SD", "max", "min", "published");
        out.append(header);
        for (Row row : result.rows()) {
            out.append(line(row, row.label()));
        }
        out.append("\nBy subject type:\n");
        out.append(header);
        for (Row row : result.byArchetype()) {
            out.append(line(row, row.label() + " / " + row.archetype()));
        }
        out.append("\npublished: typical pulses quoted in safety-and-protocols.md section 5 (5/10 ~75, Mills-Nithi ~45,"
                + " ML-PEST ~17); min: mean minutes per hunt at 4-6 s between pulses.\n");
        return out.toString();
    }

    private static String line(Row row, String label) {
        return String.format(Locale.ROOT, "%-40s %3d/%-3d %8.2f %8.2f %+7.2f %8.1f %8.1f %5d %7.1f %10s%n",
                label, row.completed(), row.hunts(),
                row.meanAbsoluteError(), row.sdAbsoluteError(), row.bias(), row.meanPulses(), row.sdPulses(),
                row.maxPulses(), row.meanMinutes(),
                row.publishedPulses().isPresent() ? "~" + row.publishedPulses().getAsInt() : "-");
    }

    public static String json(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "{\"subjects\":%d,\"seed\":%d,\"criterionMicrovolts\":%s,\"pulseCap\":%d,",
                result.subjects(), result.seed(), number(result.criterionMicrovolts()), result.pulseCap()));
        out.append("\"methods\":");
        rows(out, result.rows());
        out.append(",\"byArchetype\":");
        rows(out, result.byArchetype());
        out.append('}');
        return out.toString();
    }

    private static void rows(StringBuilder out, List<Row> rows) {
        out.append('[');
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT,
                    "{\"label\":\"%s\",\"archetype\":\"%s\",\"hunts\":%d,\"completed\":%d,\"meanAbsoluteErrorPercentMso\":%s,"
                            + "\"sdAbsoluteErrorPercentMso\":%s,\"biasPercentMso\":%s,\"meanPulses\":%s,\"sdPulses\":%s,"
                            + "\"maxPulses\":%d,\"meanMinutes\":%s,\"publishedPulses\":%s}",
                    row.label(), row.archetype(), row.hunts(), row.completed(), number(row.meanAbsoluteError()),
                    number(row.sdAbsoluteError()), number(row.bias()), number(row.meanPulses()), number(row.sdPulses()),
                    row.maxPulses(), number(row.meanMinutes()),
                    row.publishedPulses().isPresent() ? Integer.toString(row.publishedPulses().getAsInt()) : "null"));
        }
        out.append(']');
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }
}
