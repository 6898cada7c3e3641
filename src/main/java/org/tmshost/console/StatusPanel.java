package org.tmshost.console;

import org.tmshost.yaml.Durations;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.tmshost.session.SessionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.tmshost.yaml.TerminalText.of;

/**
 * Draws a {@link StatusSnapshot}: the multi-line live panel redrawn in place on a terminal, and a
 * one-line form for plain output (pipes, logs, scripts). Lines never exceed the width given, so a
 * redraw never wraps (80x24 works). Colour is a style only: every mark is also a word ({@code WARN},
 * {@code STOP}, {@code TRIPPED}), so nothing is lost with {@code NO_COLOR}.
 */
final class StatusPanel {
    static final String KEYS = "SPACE/Esc/Ctrl-C stop now   p pause   r resume";
    private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    private static final AttributedStyle BANNER = AttributedStyle.DEFAULT.bold().inverse()
            .foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle ALARM = AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.RED);
    private static final AttributedStyle WARN = AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle GOOD = AttributedStyle.DEFAULT.bold().foreground(AttributedStyle.GREEN);
    private static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();

    private StatusPanel() {
    }

    /** The SIMULATION banner (also the prompt's first word when the device is simulated). */
    static AttributedString simulationBanner() {
        return new AttributedString(" SIMULATION ", BANNER);
    }

    /** The live panel, each line at most {@code width} columns. */
    static List<AttributedString> lines(StatusSnapshot s, int width) {
        int w = Math.max(40, width);
        List<AttributedString> lines = new ArrayList<>();
        AttributedStringBuilder head = new AttributedStringBuilder();
        if (s.simulated()) {
            head.append(simulationBanner()).append(" no real pulse is delivered  ", PLAIN);
        }
        head.append("session " + s.sessionId() + "  " + of(s.protocol()), PLAIN);
        lines.add(head.toAttributedString());

        AttributedStringBuilder state = new AttributedStringBuilder();
        state.append(String.format(Locale.ROOT, "%-9s", s.state().name()), stateStyle(s.state()));
        state.append(String.format(Locale.ROOT, "  train %d/%d   %s", s.train(), s.trains(), progress(s)), PLAIN);
        lines.add(state.toAttributedString());

        int barWidth = w - 9;
        int filled = (int) Math.floor(s.progress() * barWidth);
        AttributedStringBuilder bar = new AttributedStringBuilder();
        bar.append("[", PLAIN).append("#".repeat(filled), stateStyle(s.state()))
                .append("-".repeat(barWidth - filled), FAINT).append("]", PLAIN)
                .append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(s.progress() * 100)), PLAIN);
        lines.add(bar.toAttributedString());

        StringBuilder times = new StringBuilder();
        times.append(String.format(Locale.ROOT, "output %d%% MSO   elapsed %s", s.outputPercentMso(),
                Durations.human(s.elapsedNanos())));
        if (s.nextTrainInNanos() >= 0) {
            times.append("   next train in ").append(Durations.human(s.nextTrainInNanos()));
        }
        lines.add(new AttributedString(times));

        AttributedStringBuilder coil = new AttributedStringBuilder();
        if (Double.isNaN(s.coilCelsius())) {
            coil.append("coil temperature not reported", PLAIN);
        } else {
            String mark = s.coilCelsius() >= s.coilStopCelsius() ? " STOP" : s.coilCelsius() >= s.coilWarnCelsius()
                    ? " WARN" : "";
            coil.append(String.format(Locale.ROOT, "coil %.1f C", s.coilCelsius()),
                    mark.isEmpty() ? PLAIN : mark.equals(" STOP") ? ALARM : WARN)
                    .append(mark, mark.equals(" STOP") ? ALARM : WARN)
                    .append(String.format(Locale.ROOT, " (warn %.0f, stop %.0f)", s.coilWarnCelsius(),
                            s.coilStopCelsius()), PLAIN);
        }
        coil.append("   timing p99 late ", PLAIN)
                .append(s.p99LatenessNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.2f ms",
                        s.p99LatenessNanos() / 1e6), PLAIN);
        lines.add(coil.toAttributedString());

        if (s.trip() != null) {
            lines.add(new AttributedString("TRIPPED " + of(s.trip()), ALARM));
        } else if (s.records() != null) { // the treatment goes on: said in place of the keys, not as an alarm
            lines.add(new AttributedString("RECORDS " + of(s.records()), WARN));
        } else if (s.state() == SessionState.RUNNING || s.state() == SessionState.PAUSED) {
            lines.add(new AttributedString(KEYS, FAINT));
        } else {
            lines.add(new AttributedString(""));
        }
        return lines.stream().map(l -> l.columnLength() > w ? l.columnSubSequence(0, w) : l).toList();
    }

    /** One line for plain output: {@code RUNNING train 7/20 183 / 600 pulses · 2 min 10 s left 30% ...}. */
    static String line(StatusSnapshot s) {
        StringBuilder b = new StringBuilder();
        if (s.simulated()) {
            b.append("SIMULATION ");
        }
        b.append(String.format(Locale.ROOT, "%s train %d/%d %s %d%% output %d%% MSO elapsed %s",
                s.state(), s.train(), s.trains(), progress(s), (int) Math.floor(s.progress() * 100),
                s.outputPercentMso(), Durations.human(s.elapsedNanos())));
        if (!Double.isNaN(s.coilCelsius())) {
            b.append(String.format(Locale.ROOT, " coil %.1f C", s.coilCelsius()));
            if (s.coilCelsius() >= s.coilStopCelsius()) {
                b.append(" STOP");
            } else if (s.coilCelsius() >= s.coilWarnCelsius()) {
                b.append(" WARN");
            }
        }
        if (s.p99LatenessNanos() >= 0) {
            b.append(String.format(Locale.ROOT, " p99 late %.2f ms", s.p99LatenessNanos() / 1e6));
        }
        if (s.trip() != null) {
            b.append(" TRIPPED ").append(of(s.trip()));
        } else if (s.records() != null) {
            b.append(" RECORDS ").append(of(s.records()));
        }
        return b.toString();
    }

    static AttributedStyle stateStyle(SessionState state) {
        return switch (state) {
            case RUNNING, COMPLETED -> GOOD;
            case PAUSED, ARMED -> WARN;
            case ABORTED, FAULTED, INTERRUPTED -> ALARM;
            default -> PLAIN;
        };
    }

    /** "123 / 600 pulses · 2 min 31 s left", as {@code run} prints it; once ended, delivered / planned alone. */
    static String progress(StatusSnapshot s) {
        return new RunProgress(s.state(), s.fired(), s.planned(), s.remainingNanos()).said();
    }
}
