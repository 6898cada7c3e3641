package org.tmshost.report;

import org.tmshost.protocol.PulsePlan;

import java.util.Locale;

/**
 * Draws a plan to scale as SVG: the whole session as train blocks, a window on the first train with
 * every pulse (height = output), and a close-up of the first burst or pair when the plan has
 * intervals too short to see at train scale. Delivered pulses (device ground truth) are dots.
 */
final class SvgTimeline {
    private static final int WIDTH = 960;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int PLOT = WIDTH - LEFT - RIGHT;
    private static final long TRAIN_WINDOW_CAP_NANOS = 20_000_000_000L;
    private static final long CLOSE_UP_NANOS = 250_000_000L;

    private SvgTimeline() {
    }

    static String session(PulsePlan plan, String title) {
        long span = Math.max(1, plan.durationNanos());
        StringBuilder svg = open(110, title);
        axis(svg, 80, span, "s");
        for (int t = 0; t < plan.trainCount(); t++) {
            double x = LEFT + PLOT * (double) plan.trainStartNanos(t) / span;
            double w = Math.max(1.0, PLOT * (double) plan.trainDurationNanos(t) / span);
            svg.append(String.format(Locale.ROOT,
                    "<rect class='train' x='%.2f' y='30' width='%.2f' height='44'><title>train %d: %d pulses at %.3f s</title></rect>%n",
                    x, w, t + 1, plan.trainPulseCount(t), plan.trainStartNanos(t) / 1e9));
        }
        return svg.append("</svg>").toString();
    }

    static String window(PulsePlan plan, long fromNanos, long spanNanos, long[] delivered, String title) {
        long span = Math.max(1, spanNanos);
        int maxOutput = Math.max(1, plan.maxOutputPercentMso());
        StringBuilder svg = open(170, title);
        axis(svg, 140, span, span < 2_000_000_000L ? "ms" : "s");
        for (int i = 0; i < plan.pulseCount(); i++) {
            long at = plan.offsetNanos(i) - fromNanos;
            if (at < 0) {
                continue;
            }
            if (at > span) {
                break;
            }
            double x = LEFT + PLOT * (double) at / span;
            double h = plan.maxOutputPercentMso() == 0 ? 90 : 90.0 * plan.outputPercentMso(i) / maxOutput;
            svg.append(String.format(Locale.ROOT,
                    "<line class='pulse ch%d' x1='%.2f' y1='130' x2='%.2f' y2='%.2f'><title>pulse %d at %.4f s, %d%% MSO, unit %d</title></line>%n",
                    plan.channel(i), x, x, 130 - h, i + 1, plan.offsetNanos(i) / 1e9, plan.outputPercentMso(i), plan.channel(i)));
        }
        for (long deliveredAt : delivered) {
            long at = deliveredAt - fromNanos;
            if (at >= 0 && at <= span) {
                svg.append(String.format(Locale.ROOT, "<circle class='delivered' cx='%.2f' cy='134' r='2.2'/>%n",
                        LEFT + PLOT * (double) at / span));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The span of the train window: the first train, capped so pulses stay visible. */
    static long trainWindowNanos(PulsePlan plan) {
        long first = plan.trainCount() > 1 ? plan.trainStartNanos(1) - plan.trainStartNanos(0)
                : plan.trainDurationNanos(0);
        return Math.max(1, Math.min(Math.max(first, plan.trainDurationNanos(0)), TRAIN_WINDOW_CAP_NANOS));
    }

    /** A close-up is worth drawing when some interval is under 50 ms (bursts, pairs). */
    static boolean wantsCloseUp(PulsePlan plan) {
        return plan.pulseCount() > 1 && plan.shortestIntervalNanos() < 50_000_000L;
    }

    static long closeUpNanos() {
        return CLOSE_UP_NANOS;
    }

    private static StringBuilder open(int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='100%%' role='img' aria-label='%s'>%n",
                WIDTH, height, Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text class='title' x='%d' y='18'>%s</text>%n", LEFT, Html.escape(title)));
        return svg;
    }

    private static void axis(StringBuilder svg, int y, long spanNanos, String unit) {
        svg.append(String.format(Locale.ROOT, "<line class='axis' x1='%d' y1='%d' x2='%d' y2='%d'/>%n", LEFT, y, LEFT + PLOT, y));
        double spanUnits = unit.equals("ms") ? spanNanos / 1e6 : spanNanos / 1e9;
        double step = niceStep(spanUnits / 8);
        for (double v = 0; v <= spanUnits + 1e-9; v += step) {
            double x = LEFT + PLOT * v / spanUnits;
            svg.append(String.format(Locale.ROOT, "<line class='tick' x1='%.2f' y1='%d' x2='%.2f' y2='%d'/>"
                    + "<text class='label' x='%.2f' y='%d'>%s %s</text>%n", x, y, x, y + 5, x, y + 18, format(v), unit));
        }
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double factor : new double[]{1, 2, 5, 10}) {
            if (factor * magnitude >= raw) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
