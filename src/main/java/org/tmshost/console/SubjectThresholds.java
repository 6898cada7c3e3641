package org.tmshost.console;

import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;

import java.util.Locale;

/**
 * The subject's motor thresholds as the console holds them: RMT and AMT in %MSO, how they were
 * measured, and where each came from ("stated", or the hunt that found it), for {@code check} and
 * {@code status} to say and for the next session to use.
 */
final class SubjectThresholds {
    private Double rmt;
    private Double amt;
    private ThresholdMethod method = ThresholdMethod.UNSTATED;
    private String rmtSource;
    private String amtSource;

    /** A new subject: nothing measured yet. */
    void clear() {
        rmt = null;
        amt = null;
        rmtSource = null;
        amtSource = null;
        method = ThresholdMethod.UNSTATED;
    }

    /** The {@code kind} threshold is {@code percentMso}, measured by {@code method}; {@code source} says where it came from. */
    void set(ThresholdKind kind, double percentMso, ThresholdMethod method, String source) {
        if (kind == ThresholdKind.RMT) {
            rmt = percentMso;
            rmtSource = source;
        } else {
            amt = percentMso;
            amtSource = source;
        }
        this.method = method;
    }

    /** True once the {@code kind} threshold is set. */
    boolean has(ThresholdKind kind) {
        return (kind == ThresholdKind.RMT ? rmt : amt) != null;
    }

    ThresholdMethod method() {
        return method;
    }

    MotorThresholds motorThresholds() {
        return MotorThresholds.of(rmt, amt, method);
    }

    /** For {@code check}: each threshold set, with its method and source; empty when none is. */
    String described() {
        if (rmt == null && amt == null) {
            return "";
        }
        return (rmt == null ? "" : described("RMT", rmt, rmtSource)) + (rmt != null && amt != null ? "; " : "")
                + (amt == null ? "" : described("AMT", amt, amtSource));
    }

    private String described(String kind, double value, String source) {
        return String.format(Locale.ROOT, "%s %.1f%% MSO (%s, %s)", kind, value, method.name(), source);
    }

    /** For {@code status}: the values and the method, or how to set them. */
    String summary() {
        return rmt == null && amt == null ? "(not set: threshold rmt|amt VALUE --evidence emg|visual)"
                : (rmt == null ? "" : "RMT " + rmt + "% MSO ") + (amt == null ? "" : "AMT " + amt + "% MSO ")
                + method.name().toLowerCase(Locale.ROOT);
    }
}
