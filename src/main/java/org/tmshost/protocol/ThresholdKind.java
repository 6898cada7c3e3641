package org.tmshost.protocol;

/** Which motor threshold a relative intensity refers to. */
public enum ThresholdKind {
    /** Resting motor threshold. */
    RMT,
    /** Active motor threshold (slight tonic contraction). */
    AMT
}
