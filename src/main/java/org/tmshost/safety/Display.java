package org.tmshost.safety;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as findings show them: plain decimals, at most three places (display only, never compared). */
final class Display {
    private Display() {
    }

    static String number(BigDecimal value) {
        BigDecimal shown = value.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return (shown.scale() < 0 ? shown.setScale(0) : shown).toPlainString();
    }

    static String seconds(BigDecimal value) {
        return number(value) + " s";
    }

    static String hz(BigDecimal value) {
        return number(value) + " Hz";
    }

    static String secondsFromNanos(long nanos) {
        return seconds(BigDecimal.valueOf(nanos, 9));
    }

    static String millisFromNanos(long nanos) {
        return number(BigDecimal.valueOf(nanos, 6)) + " ms";
    }

    /** {@code "1 train"}, {@code "3 trains"}. */
    static String count(int n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
    }

    /** {@code "pulse 31 of 600 (train 2, channel 0)"}, 1-based as a technician counts. */
    static String pulse(org.tmshost.protocol.PulsePlan plan, int pulse) {
        return "pulse " + (pulse + 1) + " of " + plan.pulseCount() + " (train " + (plan.trainOf(pulse) + 1)
                + ", channel " + plan.channel(pulse) + ")";
    }
}
