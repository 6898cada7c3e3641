package org.tmshost.course;

import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An outcome measure a course records (a data file under {@code outcomes/}): its range, how many
 * decimals a score may have, which direction is better, its minimal clinically important difference
 * and the citation for both.
 *
 * @param mcid the smallest change a patient notices, in the measure's unit
 */
public record OutcomeMeasure(String name, String title, String unit, BigDecimal min, BigDecimal max, int decimals,
                             Better better, BigDecimal mcid, String citation) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Which direction of change is improvement. */
    public enum Better {
        LOWER, HIGHER
    }

    static OutcomeMeasure parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String name = fields.requireText("name", "the measure's name, as commands give it (e.g. pain-nrs)");
        String title = fields.requireText("title", "what the measure is, in words");
        String unit = fields.requireText("unit", "the unit of a score (points, mm)");
        BigDecimal min = fields.requireDecimal("min", Range.between("-1000000", "1000000"));
        BigDecimal max = fields.requireDecimal("max", Range.between("-1000000", "1000000"));
        int decimals = fields.requireInt("decimals", 0, 6);
        Better better = fields.parsedText("better", "lower or higher", OutcomeMeasure::better, true).orElse(Better.LOWER);
        BigDecimal mcid = fields.requireDecimal("mcid", Range.positiveUpTo("1000000"));
        String citation = fields.requireText("citation", "where the range and the minimal clinically important "
                + "difference come from");
        if (!fields.hasErrors() && min.compareTo(max) >= 0) {
            fields.errorAt("max", "a maximum above min (" + min.toPlainString() + ")");
        }
        fields.checkUnknown();
        fields.finish();
        return new OutcomeMeasure(name, title, unit, min, max, decimals, better, mcid, citation);
    }

    private static Better better(String text) {
        return switch (text) {
            case "lower" -> Better.LOWER;
            case "higher" -> Better.HIGHER;
            default -> throw new IllegalArgumentException("not lower or higher");
        };
    }

    /** Why {@code value} is not a score of this measure (out of range, too many decimals), if it is not. */
    public Optional<String> refusal(BigDecimal value) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            return Optional.of(name + " is scored from " + min.toPlainString() + " to " + max.toPlainString() + " "
                    + unit + ", not " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > decimals) {
            return Optional.of(name + " is scored in steps of " + BigDecimal.ONE.movePointLeft(decimals).toPlainString()
                    + " " + unit + ", not " + value.toPlainString());
        }
        return Optional.empty();
    }

    /**
     * The improvement from {@code baseline} to {@code latest} in % of the baseline, positive when
     * better: a pain score that falls from 7 to 3 improves by 57.1%. Empty for a baseline of 0.
     */
    public Optional<Double> improvementPercent(double baseline, double latest) {
        if (baseline == 0) {
            return Optional.empty();
        }
        // exact decimal arithmetic: a fall from 10 to 7 is 30%, not 29.999999999999996%
        BigDecimal change = BigDecimal.valueOf(latest).subtract(BigDecimal.valueOf(baseline)).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(baseline).abs(), 9, java.math.RoundingMode.HALF_EVEN);
        return Optional.of((better == Better.LOWER ? change.negate() : change).doubleValue());
    }

    /** Whether the change from baseline to latest is an improvement of at least the MCID. */
    public boolean mcidReached(double baseline, double latest) {
        double improvement = better == Better.LOWER ? baseline - latest : latest - baseline;
        return BigDecimal.valueOf(improvement).compareTo(mcid) >= 0;
    }
}
