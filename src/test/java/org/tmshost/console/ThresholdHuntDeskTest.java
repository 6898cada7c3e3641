package org.tmshost.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.HuntPulseRow;
import org.tmshost.record.HuntRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
        /** Runs before each question is answered (a test's way in between pulses). */
        Runnable beforeAnswer = () -> { };

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
            beforeAnswer.run();
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

    /** The subject's hunts in the record, with their pulses (the console holds the store open too). */
    private List<HuntRow> hunts() {
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            return store.hunts("s1");
        }
    }

    private List<HuntPulseRow> huntPulses(long huntId) {
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            return store.huntPulses(huntId);
        }
    }

    private int huntPulsesToday() {
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            return store.doseTotals("s1", Instant.now(), ZoneId.systemDefault()).huntPulsesToday();
        }
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

        HuntRow hunt = hunts().get(0);
        assertThat(hunt.outcome()).contains("COMPLETED");
        assertThat(hunt.method()).isEqualTo("ML-PEST (Awiszus)");
        assertThat(hunt.operatorId()).isEqualTo("op1");
        assertThat(hunt.thresholdPercentMso()).isPresent();
        List<HuntPulseRow> pulses = huntPulses(hunt.id());
        assertThat(pulses).hasSize(hunt.pulses()).isNotEmpty();
        assertThat(pulses.get(0).outputPercentMso()).isEqualTo(60);
        assertThat(pulses.get(0).response()).contains(true);
        assertThat(pulses.get(1).response()).contains(false);
        assertThat(pulses).allSatisfy(p -> assertThat(p.mepMicrovolts()).isEmpty());
        assertThat(huntPulsesToday()).as("the dose ledger sees every hunt pulse").isEqualTo(pulses.size());
    }

    @Test
    void aStopKeyBetweenPulsesEndsTheHuntDisarmedWithNothingStored() {
        io.answers.add("y");
        io.answers.add("n");
        io.keys.addAll(List.of("", "", "Space"));
        int code = run("threshold hunt rmt --method rossini --start 60 --evidence emg");
        assertThat(code).isEqualTo(ExitCode.INTERLOCK_ABORT);
        assertThat(err.toString()).contains("hunt STOPPED by op1 (Space)", "after 2 pulse(s) (in the record as hunt 1); "
                + "device disarmed; no threshold stored");
        assertThat(hunts()).singleElement().satisfies(h -> {
            assertThat(h.outcome()).contains("STOPPED");
            assertThat(h.thresholdPercentMso()).isEmpty();
            assertThat(h.pulses()).isEqualTo(2);
        });
        assertThat(status()).contains("(connected: disarmed)").contains("threshold (not set");
    }

    @Test
    void stopAtThePromptEndsTheHuntDisarmed() {
        io.answers.add("n");
        io.answers.add("stop");
        assertThat(run("threshold hunt amt --method two-threshold --start 50")).isEqualTo(ExitCode.INTERLOCK_ABORT);
        // the second pulse was given before its prompt was answered 'stop': it is counted and kept
        assertThat(err.toString()).contains("hunt STOPPED by op1 ('stop' at the prompt)", "after 2 pulse(s)");
        assertThat(status()).contains("(connected: disarmed)");
        List<HuntPulseRow> pulses = huntPulses(hunts().get(0).id());
        assertThat(pulses).extracting(HuntPulseRow::response).containsExactly(Optional.of(false), Optional.empty());
        assertThat(huntPulsesToday()).isEqualTo(2);
    }

    /** The store fails after pulse 2 was given: the hunt stops, disarmed, and both given pulses are in the record. */
    @Test
    void aRecordFailureStopsTheHuntDisarmedWithEveryGivenPulseRecorded() throws Exception {
        io.answers.addAll(List.of("y", "n"));
        Connection locker = DriverManager.getConnection("jdbc:sqlite:" + new TmsHome(home).database());
        Statement lock = locker.createStatement();
        io.beforeAnswer = () -> {
            if (io.answers.size() == 1) { // pulse 2 was recorded and fired; its reading will not be
                try {
                    lock.execute("BEGIN EXCLUSIVE");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try {
            assertThat(run("threshold hunt rmt --method rossini --start 60 --evidence emg"))
                    .isEqualTo(ExitCode.INTERLOCK_ABORT);
        } finally {
            lock.execute("ROLLBACK");
            locker.close();
        }
        assertThat(err.toString()).contains("hunt stopped: the record failed", "after 2 pulse(s) (in the record as "
                + "hunt 1); device disarmed; no threshold stored");
        assertThat(status()).contains("(connected: disarmed)");
        assertThat(huntPulses(hunts().get(0).id())).extracting(HuntPulseRow::response)
                .containsExactly(Optional.of(true), Optional.empty());
        assertThat(huntPulsesToday()).isEqualTo(2);
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
        List<HuntPulseRow> pulses = huntPulses(hunts().get(0).id());
        assertThat(pulses).hasSize(20);
        assertThat(pulses.get(0).mepMicrovolts()).contains(400.0);
        assertThat(pulses.get(1).mepMicrovolts()).contains(12.0);
        assertThat(pulses.get(0).response()).isEmpty();
        assertThat(status()).contains("(connected: disarmed)");
    }

    @Test
    void aStreamThatEndsTooSoonStopsTheHuntDisarmed() throws Exception {
        Path file = Files.writeString(home.resolve("meps.txt"), "400\n20\n");
        assertThat(run("threshold hunt rmt --method mlpest --start 55 --mep stream:" + file))
                .isEqualTo(ExitCode.BAD_INPUT);
        // pulse 3 was given before its amplitude was found missing: it is counted, without a reading
        assertThat(err.toString()).contains("MEP input: meps.txt: no amplitude for pulse 3 (end of input)",
                "after 3 pulse(s) (in the record as hunt 1); device disarmed");
        assertThat(huntPulses(hunts().get(0).id())).extracting(HuntPulseRow::mepMicrovolts)
                .containsExactly(Optional.of(400.0), Optional.of(20.0), Optional.empty());
        assertThat(hunts().get(0).outcome()).contains("MEP_INPUT_ERROR");
        assertThat(status()).contains("(connected: disarmed)");
    }

    /**
     * A hunt arms as a session does (issue 13): it waits for the device's READY before the first pulse
     * can come, so a first wait cut short no longer meets a charging stimulator (HuntSessionTest has a
     * device that is not ready at a pulse).
     */
    @Test
    void aHuntWaitsForTheDeviceToBeReadyBeforeItsFirstPulse() {
        io.keys.add(""); // the first wait is cut short
        ScriptedIo impatient = io;
        impatient.waits = 1; // no 1 s charge
        int code = run("threshold hunt rmt --method mlpest --start 60 --evidence emg");
        assertThat(code).isEqualTo(ExitCode.INTERLOCK_ABORT); // the operator's ^C at the first prompt
        assertThat(err.toString()).doesNotContain("not-ready").contains("after 1 pulse(s) (in the record as hunt 1); "
                + "device disarmed");
        assertThat(hunts()).singleElement().satisfies(h -> assertThat(h.outcome()).contains("STOPPED"));
        assertThat(status()).contains("(connected: disarmed)");
    }
}
