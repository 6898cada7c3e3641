package org.tmshost.threshold;

import java.util.OptionalInt;

/** The threshold-hunting methods tmshost implements (docs/motor-threshold.md). */
public enum HuntMethod {
    /** Rossini–Rothwell relative frequency, IFCN variant: lowest level with 5 of 10 responses. */
    RELATIVE_FREQUENCY("5/10 (IFCN)", 75),
    /** Mills–Nithi: mean of the lower (0/10) and upper (10/10) thresholds. */
    TWO_THRESHOLD("two-threshold (Mills-Nithi)", 45),
    /** Awiszus 2003 adaptive maximum-likelihood PEST, one parameter, spread 0.07·t. */
    ML_PEST("ML-PEST (Awiszus)", 17),
    /** Stochastic approximation on analog log-amplitudes (Wang et al. 2023). */
    SAMT("SAMT (stochastic approx.)", -1);

    private final String label;
    private final int publishedPulses;

    HuntMethod(String label, int publishedPulses) {
        this.label = label;
        this.publishedPulses = publishedPulses;
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
}
