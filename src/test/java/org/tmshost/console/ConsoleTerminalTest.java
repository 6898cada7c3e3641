package org.tmshost.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tmshost.cli.TmsHostCommand;
import org.tmshost.testing.TmuxPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tmshost in a real terminal (tmux, 100x30): a password is asked without echo; the console against the in-process simulator: a theta-burst
 * session of 20 trains, arm, start, progress redrawn in place, Space stops, ABORTED on screen and in
 * the record with the pulses fired.
 *
 * <p>The pattern is iTBS's shape at a tenth of its intra-burst rate (3 pulses at 10 Hz, bursts at 2 Hz):
 * what this test checks is the live panel and the stop key, not timing, and iTBS's 20 ms intervals
 * leave a 2 ms lateness limit that a loaded 2-core CI machine missed (a timing fault, which the
 * console handles correctly, but then there is no running panel to test). Here the limit is 10 ms.
 */
@Tag("hil")
class ConsoleTerminalTest {
    private final TmuxPane tmux = new TmuxPane("console-test");

    @TempDir
    Path home;

    @AfterEach
    void killTmux() throws Exception {
        tmux.close();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return TmuxPane.run(command);
    }

    private String screen() throws Exception {
        return tmux.screen();
    }

    private void type(String text) throws Exception {
        tmux.type(text);
    }

    /** Prompts printed so far, scrollback included. */
    private int prompts() throws Exception {
        String all = tmux.scrollback(2000, false);
        return count(all, "tmshost>"); // capture-pane trims the blank after an empty prompt
    }

    /** Types a command once the console shows its prompt, and waits for the next prompt (a loaded machine can be slow). */
    private void command(String text) throws Exception {
        int before = prompts();
        type(text);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (prompts() <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no prompt after '" + text + "' within 30 s; screen:\n" + screen());
            }
            Thread.sleep(100);
        }
    }

    private String awaitScreen(Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            last = screen();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("screen never matched within " + timeout + "; last screen:\n" + last);
    }

    /** Waits until the pane runs the trailing sleep, i.e. the console process has exited. */
    private void awaitConsoleExit(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (tmux.currentCommand().equals("sleep")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the console did not exit within " + timeout + " of 'quit'; screen:\n" + screen());
    }

    /** The same JVM and classpath as this test, with a valid logging configuration and this test's home. */
    private Path launcher() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path logback = Files.writeString(home.resolve("logback.xml"), "<configuration><root level=\"WARN\"/></configuration>");
        Path profile = Files.writeString(home.resolve("simulator.yaml"), new String(getClass()
                .getResourceAsStream("/hardware-profiles/simulator.yaml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("latenessLimitMicros: 1000", "latenessLimitMicros: 20000")); // not a real-time host
        Path classpath = Files.writeString(home.resolve("classpath"), System.getProperty("java.class.path"));
        String script = "#!/bin/sh\n"
                + "export TMSHOST_HOME='" + home + "'\n"
                + "export TERM=xterm-256color\n"
                + "unset NO_COLOR\n"
                + "exec '" + java + "' -Dlogback.configurationFile='" + logback + "' -cp \"$(cat '" + classpath + "')\" "
                + TmsHostCommand.class.getName() + " \"$@\"\n";
        Path launcher = Files.writeString(home.resolve("tmshost.sh"), script);
        launcher.toFile().setExecutable(true);
        run(List.of("sh", "-c", "printf 'supervisor-pass\\n' | '" + launcher + "' users add sup --role supervisor"));
        run(List.of("sh", "-c", "printf 'supervisor-pass\\noperator-pass\\n' | '" + launcher
                + "' users add op1 --role operator --as sup"));
        // the relaxed profile is the site's once a supervisor installs it (issue 14: installed limits)
        assertThat(run(List.of("sh", "-c", "printf 'supervisor-pass\\n' | '" + launcher + "' profiles install '"
                + profile + "' --as sup"))).contains("installed by sup");
        return launcher;
    }

    /**
     * No password is ever echoed (issue 14): {@code users add} on a terminal asks without echo, and
     * what was typed is on no screen and in no scrollback.
     */
    @Test
    void aPasswordTypedAtATerminalIsNeverShown() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed");
        Path launcher = launcher();
        tmux.start(100, 30, launcher + " users add sup2 --role supervisor --as sup; sleep 600");
        awaitScreen(s -> s.contains("password for sup:"), Duration.ofSeconds(30));
        type("supervisor-pass");
        awaitScreen(s -> s.contains("new password for sup2:"), Duration.ofSeconds(30));
        type("correct-horse-77");
        awaitScreen(s -> s.contains("user sup2 (supervisor) saved"), Duration.ofSeconds(30));
        String all = tmux.scrollback(2000, false);
        assertThat(all).contains("user sup2 (supervisor) saved").doesNotContain("correct-horse-77")
                .doesNotContain("supervisor-pass");
    }

    private static final String THETA_BURST = """
            name: slow theta-burst pattern (console test)
            kind: theta-burst
            pulsesPerBurst: 3
            intraBurstFrequencyHz: 10
            burstFrequencyHz: 2
            burstsPerTrain: 10
            trains: 20
            interTrainIntervalSeconds: 8
            intensity: 80% AMT
            """;

    private static final Pattern RUNNING =
            Pattern.compile("(?s).*RUNNING\\s+train \\d+/20\\s+([3-9]\\d|[1-9]\\d\\d) / 600 pulses · .* left.*");

    @Test
    void aThetaBurstSessionRunsLiveInATerminalAndSpaceStopsItAtOnce() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed");
        Path launcher = launcher();
        Path protocol = Files.writeString(home.resolve("theta-burst.yaml"), THETA_BURST);
        Path profile = home.resolve("simulator.yaml");
        tmux.start(100, 30, launcher + " console --device sim:simulator --profile " + profile + " --operator op1; sleep 600");
        awaitScreen(s -> s.contains("tmshost>"), Duration.ofSeconds(30));
        assertThat(screen()).contains("SIMULATION");
        // a late pulse on a loaded machine is a deviation the session goes on through (issue 12): no retries
        for (String command : List.of("subject s1", "threshold rmt 50 --method emg", "threshold amt 40",
                "load " + protocol, "check", "confirm --all", "arm")) {
            command(command);
        }
        awaitScreen(s -> s.contains("ARMED: all 9 arming checks passed"), Duration.ofSeconds(30));
        type("start");
        String running = awaitScreen(s -> RUNNING.matcher(s).matches() || s.contains("FAULTED"), Duration.ofSeconds(30));
        assertThat(RUNNING.matcher(running).matches()).as("the session runs; screen:%n%s", running).isTrue();
        System.out.println("---- running session (tmux 100x30) ----\n" + running);
        assertThat(running).contains("SIMULATION").contains("elapsed").contains(" left").contains("coil")
                .contains("p99 late").contains("[#").contains("Space".toUpperCase());
        int frames = count(running, "train \\d+/20");
        assertThat(frames).as("the panel is redrawn in place, not appended").isEqualTo(1);

        tmux.keys("Space");
        String stopped = awaitScreen(s -> s.contains("session") && s.contains("ABORTED: stopped by the operator"),
                Duration.ofSeconds(10));
        System.out.println("---- after Space ----\n" + stopped);
        Matcher fired = Pattern.compile("pulses: (\\d+) fired of 600 planned, (\\d+) recorded").matcher(stopped);
        assertThat(fired.find()).as(stopped).isTrue();
        int delivered = Integer.parseInt(fired.group(1));
        assertThat(delivered).isBetween(1, 599);
        assertThat(fired.group(2)).isEqualTo(fired.group(1));

        Path json = home.resolve("sessions.json");
        type("quit");
        awaitConsoleExit(Duration.ofSeconds(20));
        run(List.of("sh", "-c", "'" + launcher + "' sessions --json > '" + json + "'"));
        JsonNode sessions = new ObjectMapper().readTree(json.toFile());
        JsonNode session = sessions.get(sessions.size() - 1);
        assertThat(session.get("state").asText()).isEqualTo("ABORTED");
        assertThat(session.get("cause").asText()).isEqualTo("CONSOLE_STOP");
        assertThat(session.get("deliveredPulses").asInt()).isEqualTo(delivered);
        assertThat(session.get("simulation").asBoolean()).isTrue();
        assertThat(session.get("operator").asText()).isEqualTo("op1");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
