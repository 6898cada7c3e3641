package org.tmshost.excitability;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One condition of a measurement: the test pulse alone ({@code test}), the test pulse conditioned
 * {@code isiMs} earlier ({@code sici-2}, {@code icf-10}, ...: SICI up to 5 ms, ICF from 7 to 20 ms,
 * {@code isi-N} otherwise), or, in a recruitment curve, a pulse alone at {@code intensityPercentRmt}.
 *
 * @param isiMs               conditioning to test in ms, empty for a test pulse alone
 * @param intensityPercentRmt a recruitment condition's intensity, empty for a paired-pulse measurement's
 */
public record Condition(String name, Optional<BigDecimal> isiMs, Optional<BigDecimal> intensityPercentRmt) {
    /** Shortest and longest interval a measurement may condition at (the BiStim² and MagPro ranges lie inside). */
    public static final BigDecimal SHORTEST_ISI_MS = new BigDecimal("1");
    public static final BigDecimal LONGEST_ISI_MS = new BigDecimal("100");
    public static final String TEST = "test";
    /** The contract's default: test alone, SICI at 2 and 3 ms, ICF at 10 and 12 ms. */
    public static final String DEFAULT_CONDITIONS = "test,sici-2,sici-3,icf-10,icf-12";

    public static Condition testAlone() {
        return new Condition(TEST, Optional.empty(), Optional.empty());
    }

    public static Condition conditioned(BigDecimal isiMs) {
        if (isiMs.compareTo(SHORTEST_ISI_MS) < 0 || isiMs.compareTo(LONGEST_ISI_MS) > 0) {
            throw new IllegalArgumentException("an inter-stimulus interval must be in " + SHORTEST_ISI_MS.toPlainString()
                    + ".." + LONGEST_ISI_MS.toPlainString() + " ms, was " + isiMs.toPlainString());
        }
        if (isiMs.stripTrailingZeros().scale() > 1) {
            throw new IllegalArgumentException("an inter-stimulus interval is set in 0.1 ms steps, was " + isiMs.toPlainString());
        }
        String ms = isiMs.stripTrailingZeros().toPlainString();
        String prefix = isiMs.compareTo(BigDecimal.valueOf(5)) <= 0 ? "sici-"
                : isiMs.compareTo(BigDecimal.valueOf(7)) >= 0 && isiMs.compareTo(BigDecimal.valueOf(20)) <= 0 ? "icf-" : "isi-";
        return new Condition(prefix + ms, Optional.of(isiMs), Optional.empty());
    }

    public static Condition atIntensity(BigDecimal percentRmt) {
        if (percentRmt.signum() <= 0 || percentRmt.compareTo(BigDecimal.valueOf(200)) > 0) {
            throw new IllegalArgumentException("a recruitment intensity must be in (0, 200] %RMT, was "
                    + percentRmt.toPlainString());
        }
        return new Condition(percentRmt.stripTrailingZeros().toPlainString() + "%RMT", Optional.empty(),
                Optional.of(percentRmt));
    }

    public boolean testAloneCondition() {
        return isiMs.isEmpty() && intensityPercentRmt.isEmpty();
    }

    /** SICI at a short interval: the ratio is expected below 1. */
    public boolean inhibitory() {
        return name.startsWith("sici-");
    }

    /**
     * {@code --conditions test,sici-2,icf-10,...}: the names above, each once; {@code sici-N},
     * {@code icf-N} and {@code isi-N} take any interval in range, and the test alone is always measured
     * (it is what every ratio divides by), first.
     */
    public static List<Condition> parseNames(String list) {
        var conditions = new LinkedHashSet<Condition>();
        conditions.add(testAlone());
        for (String raw : list.split(",")) {
            String name = raw.strip().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty() || name.equals(TEST)) {
                continue;
            }
            int dash = name.indexOf('-');
            String prefix = dash < 0 ? name : name.substring(0, dash);
            if (dash < 0 || !List.of("sici", "icf", "isi").contains(prefix)) {
                throw new IllegalArgumentException("unknown condition '" + raw.strip() + "': use test, sici-MS, icf-MS "
                        + "or isi-MS (e.g. " + DEFAULT_CONDITIONS + ")");
            }
            BigDecimal isi;
            try {
                isi = new BigDecimal(name.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("condition '" + raw.strip() + "': '" + name.substring(dash + 1)
                        + "' is not an interval in ms");
            }
            Condition c = conditioned(isi);
            if (!c.name().startsWith(prefix + "-")) {
                throw new IllegalArgumentException("condition '" + raw.strip() + "' is " + c.name() + ": SICI is up to 5 ms, "
                        + "ICF 7 to 20 ms");
            }
            if (!conditions.add(c)) {
                throw new IllegalArgumentException("condition " + c.name() + " is given twice");
            }
        }
        return List.copyOf(conditions);
    }

    /** {@code --isi-ms 2,3,10}: the test alone, then a condition per interval. */
    public static List<Condition> parseIntervals(String list) {
        var conditions = new ArrayList<Condition>();
        conditions.add(testAlone());
        for (String raw : list.split(",")) {
            try {
                Condition c = conditioned(new BigDecimal(raw.strip()));
                if (conditions.contains(c)) {
                    throw new IllegalArgumentException("interval " + raw.strip() + " ms is given twice");
                }
                conditions.add(c);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw.strip() + "' is not an interval in ms");
            }
        }
        return List.copyOf(conditions);
    }

    /** {@code --intensities 90,100,...,150%RMT}: a recruitment condition per intensity, each once. */
    public static List<Condition> parseIntensities(String list) {
        String text = list.strip();
        if (text.toUpperCase(java.util.Locale.ROOT).endsWith("%RMT")) {
            text = text.substring(0, text.length() - 4);
        }
        var conditions = new ArrayList<Condition>();
        for (String raw : text.split(",")) {
            String value = raw.strip().replace("%", "");
            try {
                Condition c = atIntensity(new BigDecimal(value));
                if (conditions.contains(c)) {
                    throw new IllegalArgumentException("intensity " + c.name() + " is given twice");
                }
                conditions.add(c);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw.strip() + "' is not an intensity in %RMT");
            }
        }
        if (conditions.size() < 2) {
            throw new IllegalArgumentException("a recruitment curve needs two intensities or more");
        }
        return List.copyOf(conditions);
    }
}
