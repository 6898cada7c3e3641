package org.tmshost.protocol;

/** How a motor threshold was determined; visual thresholds read about 11% high (Westin 2014). */
public enum ThresholdMethod {
    EMG, VISUAL, UNSTATED
}
