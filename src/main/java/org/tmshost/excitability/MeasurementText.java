package org.tmshost.excitability;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** A measurement's results as the technician reads them: one line per condition, then the fit. */
public final class MeasurementText {
    private MeasurementText() {
    }

    public static void print(MeasurementResult result, PrintWriter out) {
        boolean paired = result.plan().kind() == MeasurementKind.PAIRED_PULSE;
        out.printf(Locale.ROOT, "  %-10s %6s %5s %4s %9s %9s %7s  %-15s %s%n", "condition", paired ? "ISI ms" : "", "%MSO",
                "n", "mean uV", "median uV", paired ? "ratio" : "", paired ? "95% CI" : "", "outliers (trial)");
        for (ConditionSummary c : result.conditions()) {
            out.printf(Locale.ROOT, "  %-10s %6s %5d %4d %9.0f %9.0f %7s  %-15s %s%n", c.condition().name(),
                    c.condition().isiMs().map(BigDecimalText::of).orElse(paired ? "-" : ""), c.outputPercentMso(), c.n(),
                    c.meanMicrovolts(), c.medianMicrovolts(),
                    c.ratio().map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse(paired ? "-" : ""),
                    c.ci95().map(ci -> String.format(Locale.ROOT, "[%.2f, %.2f]", ci.lower(), ci.upper()))
                            .orElse(paired ? "-" : ""),
                    c.outlierTrials().isEmpty() ? "-" : c.outlierTrials().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")));
        }
        result.fit().ifPresent(outcome -> {
            if (outcome instanceof BoltzmannFit.Fitted fitted) {
                BoltzmannFit f = fitted.fit();
                out.printf(Locale.ROOT, "  Boltzmann fit: MEPmax %.0f uV [%.0f, %.0f], S50 %.1f %%MSO [%.1f, %.1f], "
                                + "slope %.3f /%%MSO [%.3f, %.3f] (95%% intervals)%n", f.mepMaxMicrovolts(),
                        f.mepMaxCi95().lower(), f.mepMaxCi95().upper(), f.s50PercentMso(), f.s50Ci95().lower(),
                        f.s50Ci95().upper(), f.slope(), f.slopeCi95().lower(), f.slopeCi95().upper());
            } else {
                out.println("  no Boltzmann fit: " + ((BoltzmannFit.Refused) outcome).reason());
            }
        });
        if (paired) {
            out.println("  ratio: mean conditioned MEP / mean test-alone MEP; below 1 inhibition (SICI), above 1 "
                    + "facilitation (ICF); interval: bootstrap (BCa expanded for small samples, " + RatioBootstrap.RESAMPLES + " resamples, seeded)");
        }
        out.flush();
    }

    /** Plain decimals without trailing zeros. */
    private static final class BigDecimalText {
        static String of(java.math.BigDecimal value) {
            return value.stripTrailingZeros().toPlainString();
        }
    }
}
