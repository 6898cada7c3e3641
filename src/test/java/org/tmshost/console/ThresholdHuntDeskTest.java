package org.tmshost.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code threshold hunt} on the desk in real time with the operator's answers and amplitude
 * streams: the answers, the stop keys and the waits between pulses come from a scripted console.
 * The first wait is the simulator's 1 s charge after arming; later waits are shortened to 10 ms
 * (the pacing itself is {@code HuntRunner}'s and is tested there).
 */
@Tag("unit")
class ThresholdHuntDeskTest {
    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private SessionHost host;
    private ScriptedIo io;
    private ConsoleDesk desk;

    /** Answers questions from a queue; a wait returns the next scripted stop key, if any. */
    private final class ScriptedIo implements ConsoleIo {
        final Deque<String> answers = new ArrayDeque<>();
        final Deque<String> keys = new ArrayDeque<>();
        final PrintWriter o = new PrintWriter(out, true);
        final PrintWriter e = new PrintWriter(err, true);
        int waits;

        @Override
        public PrintWriter out() {
            return o;
        }

        @Override
        public PrintWriter err() {
            return e;
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public String ask(String prompt) {
            o.print(prompt);
            String answer = answers.poll();
            o.println(answer == null ? "^C" : answer);
            return answer;
        }

        @Override
        public char[] askSecret(String prompt) {
            return new char[0];
        }

        @Override
        public void follow(StatusProbe probe, String operator) {
        }

        @Override
        public String waitUnlessStopped(long nanos, BooleanSupplier stopRequested) throws InterruptedException {
            assertThat(nanos).isBetween(0L, 6_000_000_000L);
            String key = keys.poll();
            if (key != null && !key.isEmpty()) {
                return key;
            }
            Thread.sleep(waits++ == 0 ? 1100 : 10);
            return null;
        }
    }

    @BeforeEach
    void open() throws Exception {
        System.setProperty(TmsHome.PROPERTY, home.toString());
        host = SessionHost.open(new TmsHome(home), new PrintWriter(out, true), new PrintWriter(err, true)).orElseThrow();
        io = new ScriptedIo();
        desk = new ConsoleDesk(host, SafetyEnvelope.bundled(), io);
        for (List<String> command : List.of(List.of("device", "sim:simulator"), List.of("operator", "op1"),
                List.of("subject", "s1"), List.of("confirm", "--all"))) {
            assertThat(desk.execute(command)).isZero();
        }
    }

    @AfterEach
    void close() throws Exception {
        desk.close();
        host.close();
        System.clearProperty(TmsHome.PROPERTY);
    }

    private int run(String line) {
        return desk.execute(List.of(line.split(" ")));
    }

    private String status() {
        out.getBuffer().setLength(0);
        assertThat(run("status")).isZero();
        return out.toString();
    }

    @Test
    void theOperatorAnswersYesOrNoAndAVisualThresholdIsStored() {
        // ML-PEST from 60: yes at the start, then no below; then yes/no alternating near the estimate
        for (String answer : List.of("y", "n", "n", "y", "n", "maybe", "n", "n", "y", "n", "y", "n", "y", "y", "y", "n",
                "y", "n", "y", "y", "n", "y", "n", "y", "n", "y", "n", "y", "n", "y")) {
            io.answers.add(answer);
        }
        int code = run("threshold hunt rmt --method mlpest --start 60");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("MEPs: the operator's yes/no (visual)", "pulse 1 at 60 %MSO: MEP of at "
                + "least 50 uV? [y/n/stop] y", "answer y (a MEP of at least 50 uV), n, or stop", "(VISUAL) by ML-PEST");
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            // the console holds the store open too; SQLite allows a second reader
            assertThat(store.latestThreshold("s1", "RMT").orElseThrow().method())
                    .startsWith("VISUAL; hunt ML-PEST (Awiszus); criterion 50 uV; ");
        }
        assertThat(status()).contains("(connected: disarmed)").contains("RMT ").contains("visual");
    }

    @Test
    void aStopKeyBetweenPulsesEndsTheHuntDisarmedWithNothingStored() {
        io.answers.add("y");
        io.answers.add("n");
        io.keys.addAll(List.of("", "", "Space"));
        int code = run("threshold hunt rmt --method rossini --start 60 --evidence emg");
        assertThat(code).isEqualTo(ExitCode.INTERLOCK_ABORT);
        assertThat(err.toString()).contains("hunt STOPPED by op1 (Space)", "after 2 pulse(s); device disarmed; "
                + "no threshold stored");
        assertThat(status()).contains("(connected: disarmed)").contains("threshold (not set");
    }

    @Test
    void stopAtThePromptEndsTheHuntDisarmed() {
        io.answers.add("n");
        io.answers.add("stop");
        assertThat(run("threshold hunt amt --method two-threshold --start 50")).isEqualTo(ExitCode.INTERLOCK_ABORT);
        assertThat(err.toString()).contains("hunt STOPPED by op1 ('stop' at the prompt)", "after 1 pulse(s)");
        assertThat(status()).contains("(connected: disarmed)");
    }

    @Test
    void samtOnAnAmplitudeStream() throws Exception {
        StringBuilder meps = new StringBuilder("# uV, one per pulse\n");
        for (int i = 0; i < 20; i++) {
            meps.append(i % 2 == 0 ? "400\n" : "12\n");
        }
        Path file = Files.writeString(home.resolve("meps.txt"), meps);
        int code = run("threshold hunt rmt --method samt --start 55 --mep stream:" + file);
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("MEPs: MEP amplitudes from meps.txt", "   400 uV  yes", "    12 uV  no",
                "(EMG) by SAMT (stochastic approx.), criterion 50 uV, 20 pulses");
        assertThat(status()).contains("(connected: disarmed)");
    }

    @Test
    void aStreamThatEndsTooSoonStopsTheHuntDisarmed() throws Exception {
        Path file = Files.writeString(home.resolve("meps.txt"), "400\n20\n");
        assertThat(run("threshold hunt rmt --method mlpest --start 55 --mep stream:" + file))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("MEP input: meps.txt: no amplitude for pulse 3 (end of input)",
                "after 2 pulse(s); device disarmed");
        assertThat(status()).contains("(connected: disarmed)");
    }

    @Test
    void aDeviceThatIsNotReadyIsAFaultAndTheDeviceIsDisarmed() {
        io.keys.add(""); // the first wait is cut short: the simulator is still charging
        ScriptedIo impatient = io;
        impatient.waits = 1; // no 1 s charge
        int code = run("threshold hunt rmt --method mlpest --start 60 --evidence emg");
        assertThat(code).isEqualTo(ExitCode.DEVICE_FAULT);
        assertThat(err.toString()).contains("device fault (not-ready)", "after 0 pulse(s); device disarmed");
        assertThat(status()).contains("(connected: disarmed)");
    }
}
