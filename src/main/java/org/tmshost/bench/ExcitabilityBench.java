package org.tmshost.bench;

import org.tmshost.excitability.Condition;
import org.tmshost.excitability.ConditionSummary;
import org.tmshost.excitability.Interval;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.PairedPulseAnalysis;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialPulses;
import org.tmshost.excitability.TrialReading;
import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.simulator.subject.VirtualSubject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code tmshost bench excitability} (docs/excitability.md): how well the default paired-pulse
 * measurement recovers a virtual subject's true conditioned/test ratios. For every subject with a
 * paired-pulse model and every number of trials per condition, {@code repetitions} seeded
 * measurements: the plan's trials in the order given, each trial's MEP drawn from the subject (what the
 * method sees; no device, no clock), analysed by {@link PairedPulseAnalysis}. Per condition: the mean
 * absolute error and the bias of the estimated ratio against {@link VirtualSubject#trueRatio}, and the
 * share of 95% intervals that contain the truth. And whether the reference subject's SICI is told apart
 * from each other subject's: the share of repetitions whose two 95% intervals do not overlap.
 */
public final class ExcitabilityBench {
    public static final List<Integer> DEFAULT_TRIALS = List.of(5, 10, 15, 20);
    public static final int DEFAULT_REPETITIONS = 200;
    /** The subject the others' SICI is compared with. */
    public static final String REFERENCE_SUBJECT = "typical";
    /** Coverage the issue asks for at 10 trials or more. */
    public static final double COVERAGE_LOW = 0.90;
    public static final double COVERAGE_HIGH = 0.98;

    private ExcitabilityBench() {
    }

    /** One condition of one subject at one number of trials, over the repetitions. */
    public record ConditionRow(String condition, double trueRatio, double meanAbsoluteError, double bias,
                               double coverage, int intervals) {
    }

    /** One subject at one number of trials per condition. */
    public record Cell(String subject, int trials, List<ConditionRow> conditions) {
        public Cell {
            conditions = List.copyOf(conditions);
        }

        public double meanAbsoluteError() {
            return conditions.stream().mapToDouble(ConditionRow::meanAbsoluteError).average().orElse(Double.NaN);
        }
    }

    /**
     * How often one measurement of each tells the reference subject's inhibition apart from another
     * subject's, at one inhibitory condition, as shares of the paired repetitions:
     *
     * @param disjointIntervals      the two 95% intervals do not overlap (strict: about p &lt; 0.01 for a difference)
     * @param upperBelowEstimate     the reference's upper bound lies below the other's estimate
     * @param excludesReferenceTruth the other's interval excludes the reference's true ratio (a normative comparison)
     * @param orderedEstimates       the two estimates lie in the true order
     */
    public record Separation(String reference, String other, String condition, int trials, double disjointIntervals,
                             double upperBelowEstimate, double excludesReferenceTruth, double orderedEstimates) {
    }

    public record Result(long seed, int repetitions, List<Integer> trials, List<Cell> cells, List<Separation> separations) {
        public Result {
            trials = List.copyOf(trials);
            cells = List.copyOf(cells);
            separations = List.copyOf(separations);
        }

        /** The coverages at 10 trials or more, lowest and highest. */
        public double[] coverageRangeFromTenTrials() {
            double low = Double.NaN;
            double high = Double.NaN;
            for (Cell cell : cells) {
                if (cell.trials() < 10) {
                    continue;
                }
                for (ConditionRow row : cell.conditions()) {
                    low = Double.isNaN(low) ? row.coverage() : Math.min(low, row.coverage());
                    high = Double.isNaN(high) ? row.coverage() : Math.max(high, row.coverage());
                }
            }
            return new double[] {low, high};
        }

        /** Every interval at 10 trials or more pooled: the share that contains its truth. */
        public double pooledCoverageFromTenTrials() {
            long intervals = 0;
            double covered = 0;
            for (Cell cell : cells) {
                if (cell.trials() >= 10) {
                    for (ConditionRow row : cell.conditions()) {
                        intervals += row.intervals();
                        covered += row.coverage() * row.intervals();
                    }
                }
            }
            return intervals == 0 ? Double.NaN : covered / intervals;
        }

        /** Each cell's coverage is a share of {@code repetitions}: its binomial standard error at 95%. */
        public double coverageStandardError() {
            return Math.sqrt(0.95 * 0.05 / repetitions);
        }

        public boolean coverageWithinBandFromTenTrials() {
            double[] range = coverageRangeFromTenTrials();
            return range[0] >= COVERAGE_LOW && range[1] <= COVERAGE_HIGH;
        }
    }

    /** The subjects the bench can measure: those whose paired-pulse model changes the test MEP. */
    public static List<SubjectParameters> withPairedPulseModel(List<SubjectParameters> subjects) {
        return subjects.stream().filter(s -> s.pairedPulse().modulates()).toList();
    }

    public static Result run(List<SubjectParameters> subjects, List<Integer> trialCounts, int repetitions, long seed) {
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("no subject with a paired-pulse model");
        }
        if (repetitions < 1 || trialCounts.isEmpty()) {
            throw new IllegalArgumentException("need at least one repetition and one number of trials");
        }
        List<Condition> conditions = Condition.parseNames(Condition.DEFAULT_CONDITIONS);
        List<Cell> cells = new ArrayList<>();
        List<Separation> separations = new ArrayList<>();
        for (int trials : trialCounts) {
            // [subject][repetition][condition]: the summaries, kept for the separation between subjects
            List<List<List<ConditionSummary>>> summaries = new ArrayList<>();
            for (int s = 0; s < subjects.size(); s++) {
                SubjectParameters subject = subjects.get(s);
                List<List<ConditionSummary>> perRepetition = new ArrayList<>();
                for (int r = 0; r < repetitions; r++) {
                    perRepetition.add(measure(subject, conditions, trials, seed, s, r));
                }
                summaries.add(perRepetition);
                cells.add(cell(subject, conditions, trials, seed, perRepetition));
            }
            separations.addAll(separations(subjects, conditions, trials, summaries));
        }
        return new Result(seed, repetitions, trialCounts, cells, separations);
    }

    /** One seeded measurement of one subject: the plan's trials in order, the subject's MEPs, the analysis. */
    static List<ConditionSummary> measure(SubjectParameters subject, List<Condition> conditions, int trials, long seed,
                                          int subjectIndex, int repetition) {
        MeasurementPlan plan = plan(subject, conditions, trials, seed, repetition);
        VirtualSubject virtual = new VirtualSubject(subject, new SplittableRandom(plan.seed() ^ (0x9E3779B97F4A7C15L
                * (subjectIndex + 1))).nextLong());
        List<Trial> order = plan.trials();
        List<TrialReading> readings = new ArrayList<>(order.size());
        for (Trial trial : order) {
            TrialPulses pulses = trial.pulses();
            double mep = virtual.mepMicrovolts(pulses.testPercentMso(), pulses.conditioningPercentMso(),
                    pulses.isiNanos() / 1e6);
            readings.add(new TrialReading(trial, 0, mep));
        }
        return PairedPulseAnalysis.summarise(plan, readings);
    }

    /** The default measurement (conditioning 80%, test 120% RMT) at the subject's RMT, seeded per trials and repetition. */
    static MeasurementPlan plan(SubjectParameters subject, List<Condition> conditions, int trials, long seed, int repetition) {
        long planSeed = new SplittableRandom(seed * 1_000_003L + trials * 7_919L + repetition).nextLong();
        return MeasurementPlan.pairedPulse(conditions, trials, BigDecimal.valueOf(subject.restingThresholdPercentMso()),
                MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT, MeasurementPlan.DEFAULT_TEST_PERCENT_RMT, planSeed);
    }

    private static Cell cell(SubjectParameters subject, List<Condition> conditions, int trials, long seed,
                             List<List<ConditionSummary>> perRepetition) {
        MeasurementPlan plan = plan(subject, conditions, trials, seed, 0);
        VirtualSubject truthOf = new VirtualSubject(subject, 0);
        List<ConditionRow> rows = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            if (conditions.get(c).isiMs().isEmpty()) {
                continue;
            }
            TrialPulses pulses = plan.pulses(c);
            double truth = truthOf.trueRatio(pulses.conditioningPercentMso(), pulses.isiNanos() / 1e6);
            double absolute = 0;
            double signed = 0;
            int estimates = 0;
            int intervals = 0;
            int covered = 0;
            for (List<ConditionSummary> summaries : perRepetition) {
                ConditionSummary summary = summaries.get(c);
                if (summary.ratio().isPresent()) {
                    double error = summary.ratio().get() - truth;
                    absolute += Math.abs(error);
                    signed += error;
                    estimates++;
                }
                if (summary.ci95().isPresent()) {
                    intervals++;
                    if (summary.ci95().get().contains(truth)) {
                        covered++;
                    }
                }
            }
            rows.add(new ConditionRow(conditions.get(c).name(), truth, absolute / estimates, signed / estimates,
                    intervals == 0 ? Double.NaN : covered / (double) intervals, intervals));
        }
        return new Cell(subject.name(), trials, rows);
    }

    private static List<Separation> separations(List<SubjectParameters> subjects, List<Condition> conditions, int trials,
                                                List<List<List<ConditionSummary>>> summaries) {
        int reference = -1;
        for (int s = 0; s < subjects.size(); s++) {
            if (subjects.get(s).name().equals(REFERENCE_SUBJECT)) {
                reference = s;
            }
        }
        List<Separation> separations = new ArrayList<>();
        if (reference < 0) {
            return separations;
        }
        for (int s = 0; s < subjects.size(); s++) {
            if (s == reference) {
                continue;
            }
            for (int c = 0; c < conditions.size(); c++) {
                if (!conditions.get(c).inhibitory()) {
                    continue;
                }
                double referenceTruth = trueRatio(subjects.get(reference), conditions.get(c));
                double difference = referenceTruth - trueRatio(subjects.get(s), conditions.get(c));
                int disjoint = 0;
                int upperBelow = 0;
                int excludes = 0;
                int ordered = 0;
                int repetitions = summaries.get(s).size();
                for (int r = 0; r < repetitions; r++) {
                    ConditionSummary mine = summaries.get(reference).get(r).get(c);
                    ConditionSummary theirs = summaries.get(s).get(r).get(c);
                    if (mine.ci95().isPresent() && theirs.ci95().isPresent()) {
                        Interval a = mine.ci95().get();
                        Interval b = theirs.ci95().get();
                        disjoint += a.upper() < b.lower() || b.upper() < a.lower() ? 1 : 0;
                    }
                    if (mine.ci95().isPresent() && theirs.ratio().isPresent()) {
                        Interval a = mine.ci95().get();
                        double estimate = theirs.ratio().get();
                        upperBelow += difference < 0 ? (a.upper() < estimate ? 1 : 0) : (a.lower() > estimate ? 1 : 0);
                    }
                    if (theirs.ci95().isPresent() && !theirs.ci95().get().contains(referenceTruth)) {
                        excludes++;
                    }
                    if (mine.ratio().isPresent() && theirs.ratio().isPresent()
                            && Math.signum(mine.ratio().get() - theirs.ratio().get()) == Math.signum(difference)) {
                        ordered++;
                    }
                }
                separations.add(new Separation(subjects.get(reference).name(), subjects.get(s).name(),
                        conditions.get(c).name(), trials, disjoint / (double) repetitions, upperBelow / (double) repetitions,
                        excludes / (double) repetitions, ordered / (double) repetitions));
            }
        }
        return separations;
    }

    /** A subject's true ratio at a condition, conditioning at 80% of its RMT. */
    private static double trueRatio(SubjectParameters subject, Condition condition) {
        double conditioning = MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT.doubleValue() / 100
                * subject.restingThresholdPercentMso();
        return new VirtualSubject(subject, 0).trueRatio(conditioning, condition.isiMs().orElseThrow().doubleValue());
    }

    public static String table(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d seeded measurements per row (seed %d): %s at conditioning %s%% / test %s%% RMT,"
                        + " ratio of means, BCa bootstrap 95%% CI expanded for small samples%n", result.repetitions(), result.seed(),
                Condition.DEFAULT_CONDITIONS, MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT.toPlainString(),
                MeasurementPlan.DEFAULT_TEST_PERCENT_RMT.toPlainString()));
        out.append("Per condition: mean absolute error of the ratio vs the truth / coverage of the 95% CI\n\n");
        List<ConditionRow> header = result.cells().get(0).conditions();
        out.append(String.format(Locale.ROOT, "%-18s %6s", "subject", "trials"));
        for (ConditionRow row : header) {
            out.append(String.format(Locale.ROOT, "  %-15s", row.condition()));
        }
        out.append('\n');
        String last = "";
        for (Cell cell : sortedBySubject(result)) {
            if (!cell.subject().equals(last)) {
                out.append(String.format(Locale.ROOT, "%-18s %6s", cell.subject(), ""));
                for (ConditionRow row : cell.conditions()) {
                    out.append(String.format(Locale.ROOT, "  %-15s", "truth " + fixed(row.trueRatio(), 3)));
                }
                out.append('\n');
                last = cell.subject();
            }
            out.append(String.format(Locale.ROOT, "%-18s %6d", "", cell.trials()));
            for (ConditionRow row : cell.conditions()) {
                out.append(String.format(Locale.ROOT, "  %-15s", fixed(row.meanAbsoluteError(), 3) + " / "
                        + fixed(100 * row.coverage(), 1) + "%"));
            }
            out.append('\n');
        }
        double[] range = result.coverageRangeFromTenTrials();
        out.append(String.format(Locale.ROOT, "%nCoverage at 10+ trials: %s%% to %s%% per cell -> %s the %d-%d%% band"
                        + " (a cell's binomial SE is %s%% at %d repetitions; all pooled: %s%%)%n",
                fixed(100 * range[0], 1), fixed(100 * range[1], 1),
                result.coverageWithinBandFromTenTrials() ? "within" : "NOT within", Math.round(100 * COVERAGE_LOW),
                Math.round(100 * COVERAGE_HIGH), fixed(100 * result.coverageStandardError(), 1), result.repetitions(),
                fixed(100 * result.pooledCoverageFromTenTrials(), 1)));
        if (!result.separations().isEmpty()) {
            out.append("\nSICI told apart, share of paired measurements where: the two 95% CIs do not overlap /"
                    + " the reference's CI bound\nis beyond the other's estimate / the other's CI excludes the reference's"
                    + " true ratio / the estimates are in the true order\n");
            for (Separation s : result.separations()) {
                out.append(String.format(Locale.ROOT, "  %s vs %s, %s, %2d trials: %5s%% / %5s%% / %5s%% / %5s%%%n",
                        s.reference(), s.other(), s.condition(), s.trials(), fixed(100 * s.disjointIntervals(), 1),
                        fixed(100 * s.upperBelowEstimate(), 1), fixed(100 * s.excludesReferenceTruth(), 1),
                        fixed(100 * s.orderedEstimates(), 1)));
            }
        }
        return out.toString();
    }

    private static List<Cell> sortedBySubject(Result result) {
        List<Cell> cells = new ArrayList<>();
        List<String> subjects = result.cells().stream().map(Cell::subject).distinct().toList();
        for (String subject : subjects) {
            result.cells().stream().filter(c -> c.subject().equals(subject)).forEach(cells::add);
        }
        return cells;
    }

    public static String json(Result result, double wallSeconds) {
        StringBuilder out = new StringBuilder();
        out.append("{\"seed\":").append(result.seed()).append(",\"repetitions\":").append(result.repetitions())
                .append(",\"conditioningPercentRmt\":").append(MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT.toPlainString())
                .append(",\"testPercentRmt\":").append(MeasurementPlan.DEFAULT_TEST_PERCENT_RMT.toPlainString())
                .append(",\"cells\":[");
        for (int i = 0; i < result.cells().size(); i++) {
            Cell cell = result.cells().get(i);
            out.append(i == 0 ? "" : ",").append("{\"subject\":\"").append(cell.subject()).append("\",\"trials\":")
                    .append(cell.trials()).append(",\"conditions\":[");
            for (int j = 0; j < cell.conditions().size(); j++) {
                ConditionRow row = cell.conditions().get(j);
                out.append(j == 0 ? "" : ",").append("{\"condition\":\"").append(row.condition()).append("\",\"trueRatio\":")
                        .append(number(row.trueRatio())).append(",\"meanAbsoluteError\":").append(number(row.meanAbsoluteError()))
                        .append(",\"bias\":").append(number(row.bias())).append(",\"coverage\":").append(number(row.coverage()))
                        .append(",\"intervals\":").append(row.intervals()).append('}');
            }
            out.append("]}");
        }
        out.append("],\"separations\":[");
        for (int i = 0; i < result.separations().size(); i++) {
            Separation s = result.separations().get(i);
            out.append(i == 0 ? "" : ",").append("{\"reference\":\"").append(s.reference()).append("\",\"other\":\"")
                    .append(s.other()).append("\",\"condition\":\"").append(s.condition()).append("\",\"trials\":")
                    .append(s.trials()).append(",\"disjointIntervals\":").append(number(s.disjointIntervals()))
                    .append(",\"upperBelowEstimate\":").append(number(s.upperBelowEstimate()))
                    .append(",\"excludesReferenceTruth\":").append(number(s.excludesReferenceTruth()))
                    .append(",\"orderedEstimates\":").append(number(s.orderedEstimates())).append('}');
        }
        double[] range = result.coverageRangeFromTenTrials();
        out.append("],\"coverageFromTenTrials\":[").append(number(range[0])).append(',').append(number(range[1]))
                .append("],\"pooledCoverageFromTenTrials\":").append(number(result.pooledCoverageFromTenTrials()))
                .append(",\"coverageWithinBand\":").append(result.coverageWithinBandFromTenTrials())
                .append(",\"wallSeconds\":").append(number(wallSeconds)).append('}');
        return out.toString();
    }

    private static String fixed(double value, int places) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + places + "f", value);
    }

    private static String number(double value) {
        return Double.isFinite(value)
                ? new BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() : "null";
    }
}
