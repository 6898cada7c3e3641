package org.tmshost.course;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A measure's course so far: the baseline (the first score before a session), the latest score, the
 * change in % of baseline (signed, as measured) and the improvement (positive when better), and
 * responder status at 30% and 50% improvement (IMMPACT: Dworkin et al., J Pain 2008).
 */
public record OutcomeSummary(OutcomeMeasure measure, Optional<Double> baseline, Optional<Double> latest,
                             Optional<LocalDate> latestDay, Optional<Double> changePercent,
                             Optional<Double> improvementPercent, boolean mcidReached) {
    public static final double MODERATE_PERCENT = 30;
    public static final double SUBSTANTIAL_PERCENT = 50;

    public boolean responder30() {
        return improvementPercent.map(p -> p >= MODERATE_PERCENT).orElse(false);
    }

    public boolean responder50() {
        return improvementPercent.map(p -> p >= SUBSTANTIAL_PERCENT).orElse(false);
    }
}
