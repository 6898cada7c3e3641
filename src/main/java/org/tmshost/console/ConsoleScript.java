package org.tmshost.console;

import org.jline.reader.impl.DefaultParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code console --script FILE}: the shell's commands, one per line ({@code #} comments), echoed as
 * {@code > command}, stopping at the first that fails with its exit code (contracts.md §2). A
 * {@code start} returns at once; {@code wait} follows the session to its end with a status line
 * every few seconds. At the end of the script a running session is waited for and an armed one is
 * disarmed. Passwords ({@code approve}) are read from standard input, one line each.
 */
final class ConsoleScript implements ConsoleIo {
    static final long LINE_PERIOD_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    ConsoleScript(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int run(ConsoleDesk desk, Path script) throws IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        DefaultParser parser = new DefaultParser();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            out.println("> " + org.tmshost.yaml.TerminalText.of(trimmed));
            out.flush();
            List<String> words;
            try {
                words = parser.parse(trimmed, trimmed.length()).words().stream().filter(w -> !w.isEmpty()).toList();
            } catch (RuntimeException e) {
                err.println("error: " + script.getFileName() + " line " + lineNumber + ": cannot parse: " + e.getMessage());
                return finish(desk, ExitCode.BAD_INPUT);
            }
            int code = desk.execute(words);
            if (code != ExitCode.OK) {
                err.println("script stopped at " + script.getFileName() + " line " + lineNumber + " (exit " + code + ")");
                return finish(desk, code);
            }
            if (desk.quitRequested()) {
                return ExitCode.OK;
            }
        }
        return finish(desk, ExitCode.OK);
    }

    /** Never leaves a device armed: waits for a running session, disarms an armed one. */
    private int finish(ConsoleDesk desk, int code) {
        var session = desk.session();
        if (session.isPresent() && !session.get().state().isTerminal()) {
            var state = session.get().state();
            if (code != ExitCode.OK && (state == org.tmshost.session.SessionState.RUNNING
                    || state == org.tmshost.session.SessionState.PAUSED)) {
                out.println("> stop   (the script failed while the session ran)");
                desk.execute(List.of("stop"));
            }
            if (state == org.tmshost.session.SessionState.RUNNING || state == org.tmshost.session.SessionState.PAUSED) {
                out.println("> wait   (end of script)");
                out.flush();
                int waited = desk.execute(List.of("wait"));
                code = code != ExitCode.OK ? code : waited;
            }
        }
        desk.execute(List.of("quit"));
        return code;
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
    public boolean interactive() {
        return false;
    }

    @Override
    public String ask(String prompt) {
        try {
            return stdin.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public char[] askSecret(String prompt) {
        String line = ask(prompt);
        return line == null ? new char[0] : line.toCharArray();
    }

    @Override
    public void follow(StatusProbe probe, String operator) throws InterruptedException {
        followInLines(probe, out);
    }

    @Override
    public String waitUnlessStopped(long nanos, java.util.function.BooleanSupplier stopRequested)
            throws InterruptedException {
        long end = System.nanoTime() + nanos;
        long remaining;
        while ((remaining = end - System.nanoTime()) > 0) {
            if (stopRequested.getAsBoolean()) {
                return "stop";
            }
            Thread.sleep(Math.max(1, Math.min(100, remaining / 1_000_000)));
        }
        return stopRequested.getAsBoolean() ? "stop" : null;
    }

    /** A status line now and every few seconds until the session ends. */
    static void followInLines(StatusProbe probe, PrintWriter out) throws InterruptedException {
        long next = System.nanoTime();
        while (probe.session().outcome().isEmpty()) {
            if (System.nanoTime() - next >= 0) {
                out.println("  " + StatusPanel.line(probe.snapshot()));
                out.flush();
                next += LINE_PERIOD_NANOS;
            }
            Thread.sleep(100);
        }
    }
}
