package org.tmshost.console;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.tmshost.yaml.TerminalText;
import org.jline.utils.NonBlockingReader;
import org.tmshost.record.TmsHome;
import org.tmshost.session.Session;
import org.tmshost.session.SessionState;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The interactive shell (JLine 3): line editing, history in {@code $TMSHOST_HOME/console_history},
 * tab completion, a prompt that starts with a SIMULATION banner whenever the device is simulated,
 * and the live panel while a session runs.
 *
 * <p>While a session runs the terminal is in raw mode and the console thread reads single keys:
 * Space, Esc or Ctrl-C stop at once ({@link Session#stop}: the interlock latch, then disarm, on this
 * thread); Ctrl-C also arrives as SIGINT, handled on the signal thread, so it stops even when the
 * console thread is busy. {@code p} pauses, {@code r} resumes. On a dumb terminal (not a tty) the
 * panel becomes a status line every few seconds and a line starting with a space or {@code s} stops.
 */
final class ConsoleShell implements ConsoleIo, AutoCloseable {
    static final long FRAME_MILLIS = 200;

    private final Terminal terminal;
    private final boolean colour;
    private final boolean dumb;
    private final PrintWriter out;
    private final PrintWriter err;
    private LineReader reader;

    private ConsoleShell(Terminal terminal, boolean colour, PrintWriter out, PrintWriter err) {
        this.terminal = terminal;
        this.dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        this.colour = colour && !dumb;
        this.out = out;
        this.err = err;
    }

    /** A shell on {@code terminal} (tests: an in-process terminal), its commands writing to it. */
    static ConsoleShell on(Terminal terminal) {
        PrintWriter o = terminal.writer();
        return new ConsoleShell(terminal, false, o, o);
    }

    static ConsoleShell open(boolean noColour, PrintWriter out, PrintWriter err) throws IOException {
        Terminal terminal = TerminalBuilder.builder().name("tmshost").system(true).dumb(true).build();
        // commands write to the terminal when there is one, so that raw-mode output and the prompt agree
        boolean tty = !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        PrintWriter o = tty ? terminalOutput(terminal.writer(), terminal::getWidth) : out;
        PrintWriter e = tty ? o : err;
        return new ConsoleShell(terminal, !noColour, o, e);
    }

    /**
     * The commands' output on a terminal: through the terminal guard (the live panel's own escapes do
     * not go through it), then wrapped at word boundaries with one column spare, as the panel, so that
     * the terminal never breaks a word.
     */
    static PrintWriter terminalOutput(Writer terminal, IntSupplier columns) {
        return TerminalText.guard(new PrintWriter(new WordWrap(terminal, () -> columns.getAsInt() - 1, -1)));
    }

    int run(ConsoleDesk desk) {
        reader = LineReaderBuilder.builder().terminal(terminal).appName("tmshost")
                .completer(new ConsoleCompleter(desk::knownSubjects, desk::knownCourses)).parser(new DefaultParser())
                .variable(LineReader.HISTORY_FILE, TmsHome.resolve().directory().resolve("console_history"))
                .build();
        out.println("tmshost console: 'help' lists commands, Tab completes, 'quit' leaves.");
        out.println("While a session runs, Space, Esc or Ctrl-C stops it at once.");
        int last = ExitCode.OK;
        while (!desk.quitRequested()) {
            String line;
            try {
                line = reader.readLine(prompt(desk));
            } catch (UserInterruptException e) {
                Optional<Session> s = desk.session();
                if (s.isPresent() && s.get().state() == SessionState.ARMED) {
                    desk.execute(List.of("stop"));
                } else {
                    out.println("(Ctrl-C: 'quit' leaves the console)");
                }
                continue;
            } catch (EndOfFileException e) {
                desk.execute(List.of("quit"));
                break;
            }
            List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
            last = desk.execute(words);
        }
        return last;
    }

    private String prompt(ConsoleDesk desk) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        if (desk.simulated()) {
            b.append(StatusPanel.simulationBanner()).append(" ");
        }
        String context = desk.promptContext();
        if (!context.isEmpty()) {
            b.append(context, desk.session().map(s -> StatusPanel.stateStyle(s.state())).orElse(AttributedStyle.DEFAULT));
            b.append(" ");
        }
        b.append("tmshost> ", AttributedStyle.DEFAULT.bold());
        return render(b.toAttributedString());
    }

    private String render(AttributedString s) {
        return colour ? s.toAnsi(terminal) : s.toString();
    }

    @Override
    public PrintWriter out() {
        return out;
    }

    @Override
    public PrintWriter err() {
        return err;
    }

    @Override
    public int width() {
        return Math.max(0, terminal.getWidth());
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String ask(String prompt) {
        try {
            return reader.readLine(prompt.replace("%", "%%")); // JLine expands %-sequences in prompts
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /**
     * A hunt's yes/no: a small line editor in raw mode, so that Space, Esc or Ctrl-C stop the hunt
     * here as they do between pulses (the header says so); Enter answers, Backspace corrects.
     */
    @Override
    public String askStoppable(String prompt) {
        if (dumb) {
            return ask(prompt);
        }
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interrupted.set(true));
        Attributes saved = terminal.enterRawMode();
        NonBlockingReader keys = terminal.reader();
        PrintWriter echo = terminal.writer();
        StringBuilder typed = new StringBuilder();
        echo.print(prompt);
        echo.flush();
        try {
            while (true) {
                if (interrupted.get()) {
                    echo.println();
                    return STOP_KEY + "Ctrl-C";
                }
                int key = keys.read(FRAME_MILLIS);
                if (key == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                if (key < 0) {
                    echo.println();
                    return null; // end of input
                }
                if (key == ' ' || key == 27 || key == 3) {
                    while (keys.peek(1) >= 0) {
                        keys.read(1); // the rest of an escape sequence
                    }
                    echo.println();
                    return STOP_KEY + (key == ' ' ? "Space" : key == 27 ? "Esc" : "Ctrl-C");
                }
                if (key == '\r' || key == '\n') {
                    echo.print("\r\n");
                    return typed.toString();
                }
                if ((key == 127 || key == 8) && typed.length() > 0) {
                    typed.setLength(typed.length() - 1);
                    echo.print("\b \b");
                } else if (key > ' ' && key < 127 && typed.length() < 16) {
                    typed.append((char) key);
                    echo.print((char) key);
                }
                echo.flush();
            }
        } catch (IOException e) {
            return null;
        } finally {
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, previous);
            echo.flush();
        }
    }

    @Override
    public char[] askSecret(String prompt) {
        String line = ask0(prompt, '*');
        return line == null ? new char[0] : line.toCharArray();
    }

    private String ask0(String prompt, Character mask) {
        try {
            return reader.readLine(prompt.replace("%", "%%"), mask);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void follow(StatusProbe probe, String operator) throws InterruptedException {
        Session session = probe.session();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT,
                signal -> session.stop(operator + " (Ctrl-C)"));
        try {
            if (dumb) {
                followInLines(probe, operator);
            } else {
                followLive(probe, operator);
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    private void followLive(StatusProbe probe, String operator) throws InterruptedException {
        Session session = probe.session();
        Attributes saved = terminal.enterRawMode();
        NonBlockingReader keys = terminal.reader();
        int drawn = 0;
        try {
            terminal.puts(org.jline.utils.InfoCmp.Capability.cursor_invisible);
            while (true) {
                drawn = draw(probe.snapshot(), drawn);
                if (session.outcome().isPresent()) {
                    break;
                }
                int key = keys.read(FRAME_MILLIS);
                if (key == ' ' || key == 27 || key == 3) {
                    session.stop(operator + (key == ' ' ? " (Space)" : key == 27 ? " (Esc)" : " (Ctrl-C)"));
                    while (keys.peek(1) >= 0) {
                        keys.read(1); // the rest of an escape sequence
                    }
                } else if ((key == 'p' || key == 'P') && session.state() == SessionState.RUNNING) {
                    session.pause(operator);
                } else if ((key == 'r' || key == 'R') && session.state() == SessionState.PAUSED) {
                    session.resume(operator);
                }
            }
        } catch (IOException e) {
            session.stop(operator + " (console input failed: " + e.getMessage() + ")");
        } finally {
            terminal.puts(org.jline.utils.InfoCmp.Capability.cursor_visible);
            terminal.setAttributes(saved);
            terminal.flush();
        }
    }

    /** Redraws the panel over the previous one (cursor up, clear each line): the scrollback keeps one frame. */
    private int draw(StatusSnapshot snapshot, int previousLines) {
        int width = terminal.getWidth() > 0 ? terminal.getWidth() - 1 : 79;
        List<AttributedString> lines = StatusPanel.lines(snapshot, width);
        StringBuilder frame = new StringBuilder();
        if (previousLines > 0) {
            frame.append("\033[").append(previousLines).append('A');
        }
        for (AttributedString line : lines) {
            frame.append('\r').append("\033[2K").append(render(line)).append("\r\n");
        }
        terminal.writer().print(frame);
        terminal.writer().flush();
        return lines.size();
    }

    @Override
    public String waitUnlessStopped(long nanos, java.util.function.BooleanSupplier stopRequested)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> interrupted.set(true));
        Attributes saved = dumb ? null : terminal.enterRawMode();
        NonBlockingReader keys = terminal.reader();
        long end = System.nanoTime() + nanos;
        try {
            long remaining;
            while ((remaining = end - System.nanoTime()) > 0) {
                if (interrupted.get()) {
                    return "Ctrl-C";
                }
                if (stopRequested.getAsBoolean()) {
                    return "stop";
                }
                int key;
                try {
                    key = keys.read(Math.max(1, Math.min(FRAME_MILLIS, remaining / 1_000_000)));
                } catch (IOException e) {
                    return "console input failed: " + e.getMessage();
                }
                if (key == ' ' || key == 27 || key == 3 || (dumb && (key == 's' || key == 'S'))) {
                    while (keys.peek(1) >= 0) {
                        keys.read(1); // the rest of an escape sequence or line
                    }
                    return key == ' ' ? "Space" : key == 27 ? "Esc" : key == 3 ? "Ctrl-C" : "s";
                }
            }
            return interrupted.get() ? "Ctrl-C" : stopRequested.getAsBoolean() ? "stop" : null;
        } catch (IOException e) {
            return "console input failed: " + e.getMessage();
        } finally {
            if (saved != null) {
                terminal.setAttributes(saved);
            }
            terminal.handle(Terminal.Signal.INT, previous);
            terminal.flush();
        }
    }

    private void followInLines(StatusProbe probe, String operator) throws InterruptedException {
        Session session = probe.session();
        NonBlockingReader keys = terminal.reader();
        long next = System.nanoTime();
        out.println("  (type a space or 's' and Enter to stop)");
        while (session.outcome().isEmpty()) {
            if (System.nanoTime() - next >= 0) {
                out.println("  " + StatusPanel.line(probe.snapshot()));
                out.flush();
                next += ConsoleScript.LINE_PERIOD_NANOS;
            }
            try {
                int key = keys.read(100);
                if (key == ' ' || key == 's' || key == 27 || key == 3) {
                    session.stop(operator + " (console key)");
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }
}
