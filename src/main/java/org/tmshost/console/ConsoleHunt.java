package org.tmshost.console;

import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntMethod;
import org.tmshost.threshold.HuntResult;
import org.tmshost.threshold.MepCriterion;
import org.tmshost.threshold.MotorThresholdHunt;
import org.tmshost.threshold.ThresholdEstimate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a console hunt shows itself: the table of pulses as they are given ({@link Reporting}), the
 * operator's yes/no at the prompt ({@code HuntInputs}), and the words for its method, estimate
 * and time. What a hunt may be is {@link org.tmshost.threshold.HuntPlan}'s.
 */
final class ConsoleHunt {
    /** The options of {@code threshold hunt}, for completion. */
    static final List<String> OPTIONS = List.of("--algorithm", "--criterion", "--start", "--cap", "--mep", "--evidence",
            "--seed", "--fast");

    private ConsoleHunt() {
    }

    /** The operator (or the console on their behalf) stopped the hunt. */
    static final class Stopped extends InterruptedException {
        Stopped(String why) {
            super(why);
        }
    }

    /** The stored method text: evidence first (EMG or VISUAL), then how the threshold was found. */
    static String methodText(HuntResult result, boolean simulated, String mepDescription) {
        return String.format(Locale.ROOT, "%s; hunt %s; criterion %.0f uV; %d pulses; %s%s", result.evidence(),
                result.method().label(), result.criterion().microvolts(), result.pulsesUsed(), mepDescription,
                simulated ? "; SIMULATION" : "");
    }

    static String estimateText(Optional<ThresholdEstimate> estimate) {
        if (estimate.isEmpty()) {
            return "";
        }
        ThresholdEstimate e = estimate.get();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.1f", e.thresholdPercentMso()));
        e.interval().ifPresent(i -> b.append(String.format(Locale.ROOT, " [%.1f, %.1f]", i.lowerPercentMso(),
                i.upperPercentMso())));
        return b.toString();
    }

    static String minutes(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * The hunt as given, printing one line per pulse once the hunt has taken the reading in: time,
     * intensity, MEP or yes/no, and the running estimate with its interval where the method has one.
     */
    static final class Reporting implements MotorThresholdHunt {
        private final MotorThresholdHunt hunt;
        private final PrintWriter out;
        private final HuntClock clock;
        private long startNanos;

        Reporting(MotorThresholdHunt hunt, PrintWriter out, HuntClock clock) {
            this.hunt = hunt;
            this.out = out;
            this.clock = clock;
        }

        /** Marks the start of the hunt (times are shown from here). */
        void started() {
            startNanos = clock.nanoTime();
            out.println("  pulse   time   %MSO   MEP                estimate %MSO" + (hunt.method() == HuntMethod.ML_PEST
                    ? " [95% interval]" : hunt.method() == HuntMethod.TWO_THRESHOLD ? " [lower, upper]" : ""));
            out.flush();
        }

        /** Time since {@link #started()}, on the hunt's clock. */
        long elapsedNanos() {
            return clock.nanoTime() - startNanos;
        }

        @Override
        public void onResponse(double intensityPercentMso, double mepMicrovolts) {
            hunt.onResponse(intensityPercentMso, mepMicrovolts);
            show(intensityPercentMso, String.format(Locale.ROOT, "%6.0f uV  %-3s", mepMicrovolts,
                    hunt.criterion().isResponse(mepMicrovolts) ? "yes" : "no"));
        }

        @Override
        public void onJudgement(double intensityPercentMso, boolean response) {
            hunt.onJudgement(intensityPercentMso, response);
            show(intensityPercentMso, String.format(Locale.ROOT, "%9s  %-3s", "", response ? "yes" : "no"));
        }

        private void show(double intensity, String mep) {
            String estimate = estimateText(hunt.estimate());
            out.printf(Locale.ROOT, "  %5d   %s   %4.0f   %s            %s%n", hunt.trials(),
                    minutes(clock.nanoTime() - startNanos), intensity, mep,
                    estimate.isEmpty() ? (hunt.done() ? "-" : "(when done)") : estimate);
            out.flush();
        }

        @Override
        public HuntMethod method() {
            return hunt.method();
        }

        @Override
        public MepCriterion criterion() {
            return hunt.criterion();
        }

        @Override
        public double nextIntensityPercentMso() {
            return hunt.nextIntensityPercentMso();
        }

        @Override
        public boolean needsAmplitudes() {
            return hunt.needsAmplitudes();
        }

        @Override
        public boolean done() {
            return hunt.done();
        }

        @Override
        public int trials() {
            return hunt.trials();
        }

        @Override
        public Optional<ThresholdEstimate> estimate() {
            return hunt.estimate();
        }
    }
}
