package org.tmshost.excitability;

/** What a measurement measures. */
public enum MeasurementKind {
    /** Test pulse alone and conditioned pairs (SICI, ICF): each condition's ratio to the test alone. */
    PAIRED_PULSE("paired-pulse"),
    /** Pulses alone at several intensities: the input-output curve and its Boltzmann fit. */
    RECRUITMENT("recruitment");

    private final String label;

    MeasurementKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
