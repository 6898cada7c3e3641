package org.tmshost.threshold;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The threshold-hunting methods tmshost implements (docs/motor-threshold.md), in the order a
 * technician is offered them, each with the keyword that names it on a command line.
 */
public enum HuntMethod {
    /** Awiszus 2003 adaptive maximum-likelihood PEST, one parameter, spread 0.07·t. */
    ML_PEST("mlpest", "ML-PEST (Awiszus)", 17),
    /** Rossini–Rothwell relative frequency, IFCN variant: lowest level with 5 of 10 responses. */
    RELATIVE_FREQUENCY("rossini", "5/10 (IFCN)", 75),
    /** Mills–Nithi: mean of the lower (0/10) and upper (10/10) thresholds. */
    TWO_THRESHOLD("two-threshold", "two-threshold (Mills-Nithi)", 45),
    /** Stochastic approximation on analog log-amplitudes (Wang et al. 2023). */
    SAMT("samt", "SAMT (stochastic approx.)", -1);

    private final String keyword;
    private final String label;
    private final int publishedPulses;

    HuntMethod(String keyword, String label, int publishedPulses) {
        this.keyword = keyword;
        this.label = label;
        this.publishedPulses = publishedPulses;
    }

    /** The word that names it on a command line ({@code threshold hunt --algorithm KEYWORD}). */
    public String keyword() {
        return keyword;
    }

    public String label() {
        return label;
    }

    /**
     * The typical pulse count the reference quotes (safety-and-protocols.md §5: ~75 for 5/10, ~45 for
     * Mills–Nithi, ~17 for ML-PEST); empty where it quotes none.
     */
    public OptionalInt publishedPulses() {
        return publishedPulses < 0 ? OptionalInt.empty() : OptionalInt.of(publishedPulses);
    }

    /** Every method's keyword, in order. */
    public static List<String> keywords() {
        return Arrays.stream(values()).map(HuntMethod::keyword).toList();
    }

    /** The method a keyword names (any case); empty for anything else. */
    public static Optional<HuntMethod> ofKeyword(String typed) {
        String k = typed == null ? "" : typed.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.keyword.equals(k)).findFirst();
    }
}
