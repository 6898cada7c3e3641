package org.tmshost.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench records --restart-command CMD}: a shell command ({@code sh -c CMD}) that restarts the
 * site's server and returns once it is back, such as {@code pg_ctl -D DIR restart -m fast}. It throws
 * when the command fails or outlasts {@code timeout}, quoting the end of its output.
 */
public final class RestartCommand implements Runnable {
    private static final int TAIL_LINES = 10;

    private final String command;
    private final Path scratch;
    private final Duration timeout;

    /** @param scratch a directory for the command's output */
    public RestartCommand(String command, Path scratch, Duration timeout) {
        this.command = command;
        this.scratch = scratch;
        this.timeout = timeout;
    }

    @Override
    public void run() {
        try {
            Path output = Files.createTempFile(scratch, "restart", ".out");
            // output to a file, not a pipe: the server the command starts must not hold a pipe of ours open
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                            .toFile())).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the restart command '" + command + "' took more than "
                        + timeout.toSeconds() + " s" + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the restart command '" + command + "' failed (exit "
                        + process.exitValue() + ")" + tail(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the restart command '" + command + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running the restart command '" + command + "'", e);
        }
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return lines.isEmpty() ? "" : ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES),
                lines.size()));
    }

    @Override
    public String toString() {
        return command;
    }
}
