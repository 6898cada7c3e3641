package org.tmshost.protocol;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pulse intensity as a protocol states it: relative to the subject's motor threshold
 * ({@code 80% RMT}) or absolute in percent of the stimulator's maximum output ({@code 45% MSO}).
 */
public sealed interface Intensity {
    /** The largest relative intensity a file may ask for; anything above is a typo, not a protocol. */
    BigDecimal MAX_RELATIVE_PERCENT = new BigDecimal("200");
    BigDecimal MAX_ABSOLUTE_PERCENT = new BigDecimal("100");
    String EXPECTED = "\"<p>% RMT\", \"<p>% AMT\" or \"<p>% MSO\" (e.g. \"80% RMT\")";

    record Relative(BigDecimal percent, ThresholdKind threshold) implements Intensity {
        @Override
        public String toString() {
            return percent.stripTrailingZeros().toPlainString() + "% " + threshold;
        }
    }

    record Absolute(BigDecimal percentMso) implements Intensity {
        @Override
        public String toString() {
            return percentMso.stripTrailingZeros().toPlainString() + "% MSO";
        }
    }

    Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%\\s*(RMT|AMT|MSO)", Pattern.CASE_INSENSITIVE);

    /**
     * Parses {@code "80% RMT"}, {@code "90 % amt"}, {@code "45% MSO"}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    static Intensity parse(String text) {
        Matcher match = FORMAT.matcher(text.trim());
        if (!match.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED);
        }
        if (match.group(1).length() > 1 && match.group(1).charAt(0) == '0' && match.group(1).charAt(1) != '.') {
            throw new IllegalArgumentException("expected " + EXPECTED + ", written without leading zeros");
        }
        BigDecimal percent = new BigDecimal(match.group(1));
        String unit = match.group(2).toUpperCase(Locale.ROOT);
        if (unit.equals("MSO")) {
            if (percent.signum() <= 0 || percent.compareTo(MAX_ABSOLUTE_PERCENT) > 0) {
                throw new IllegalArgumentException("expected an absolute intensity greater than 0 and at most 100% MSO");
            }
            return new Absolute(percent);
        }
        if (percent.signum() <= 0 || percent.compareTo(MAX_RELATIVE_PERCENT) > 0) {
            throw new IllegalArgumentException("expected a relative intensity greater than 0 and at most 200% of the threshold");
        }
        return new Relative(percent, ThresholdKind.valueOf(unit));
    }
}
