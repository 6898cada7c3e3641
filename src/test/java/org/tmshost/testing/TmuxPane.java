package org.tmshost.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A detached tmux session the hil console tests drive as a technician's terminal: keys in, the
 * screen and its scrollback out. Closing it kills the session.
 */
public final class TmuxPane implements AutoCloseable {
    private final String name;

    /** A pane named for its test and this JVM, so that parallel builds never share one. */
    public TmuxPane(String test) {
        this.name = "tmshost-" + test + "-" + ProcessHandle.current().pid();
    }

    /** Whether tmux is installed here. */
    public static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code command} and returns what it printed (stdout and stderr), waiting up to 10 s. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    /** Starts the session, {@code columns} x {@code rows}, running the shell command {@code command}. */
    public void start(int columns, int rows, String command) throws IOException, InterruptedException {
        run(List.of("tmux", "new-session", "-d", "-s", name, "-x", Integer.toString(columns), "-y",
                Integer.toString(rows), command));
    }

    /** Sets a tmux option of this session (e.g. history-limit). */
    public void option(String option, String value) throws IOException, InterruptedException {
        run(List.of("tmux", "set-option", "-t", name, option, value));
    }

    /** What the screen shows now. */
    public String screen() throws IOException, InterruptedException {
        return run(List.of("tmux", "capture-pane", "-p", "-t", name));
    }

    /** The screen with up to {@code lines} of scrollback above it; {@code joined}: wrapped lines rejoined. */
    public String scrollback(int lines, boolean joined) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "capture-pane", "-p"));
        if (joined) {
            command.add("-J");
        }
        command.addAll(List.of("-S", "-" + lines, "-t", name));
        return run(command);
    }

    /** Types {@code text} as it is, then Enter. */
    public void type(String text) throws IOException, InterruptedException {
        run(List.of("tmux", "send-keys", "-t", name, "-l", text));
        keys("Enter");
    }

    /** Presses keys by tmux's names (Space, Escape, C-c, ...). */
    public void keys(String... keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "send-keys", "-t", name));
        command.addAll(List.of(keys));
        run(command);
    }

    /** The command the pane's process runs now (e.g. "sleep" once the console has exited). */
    public String currentCommand() throws IOException, InterruptedException {
        return run(List.of("tmux", "list-panes", "-t", name, "-F", "#{pane_current_command}")).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("tmux", "kill-session", "-t", name));
    }
}
