package org.tmshost.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code threshold hunt} in scripted mode against the in-process simulator and a virtual subject
 * ({@code simulator/subjects/typical.yaml}: true RMT 50 %MSO), in virtual time ({@code --fast}).
 */
@Tag("unit")
class ThresholdHuntScriptTest {
    /** 5 pulses at 5 Hz at 100% RMT: the output is the hunted RMT rounded down. */
    private static final String AT_RMT = """
            name: five pulses at RMT
            kind: rtms
            frequencyHz: 5
            pulsesPerTrain: 5
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 100% RMT
            """;
    private static final double TRUE_RMT = 50.0;

    @TempDir
    Path home;
    private TmsHostCli cli;

    @BeforeEach
    void useTempHome() {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private int tmshost(String stdin, String... args) {
        return cli.run(stdin, args);
    }

    private Path relaxedSimulatorProfile() throws IOException {
        return cli.relaxedSimulatorProfile();
    }

    private int script(String device, String body) throws Exception {
        Path protocol = Files.writeString(home.resolve("protocol.yaml"), AT_RMT);
        Path script = Files.writeString(home.resolve("hunt.tms"), body.replace("PROTOCOL", protocol.toString()));
        List<String> args = new ArrayList<>(List.of("console", "--script", script.toString(), "--profile",
                relaxedSimulatorProfile().toString(), "--operator", "op1"));
        if (device != null) {
            args.addAll(List.of("--device", device));
        }
        return tmshost("", args.toArray(String[]::new));
    }

    private Optional<RecordStore.StoredThreshold> stored(String subject, String kind) {
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            return store.latestThreshold(subject, kind);
        }
    }

    private static int maxOutput(String text) {
        Matcher m = Pattern.compile("max output (\\d+)% MSO").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aFastVirtualHuntStoresTheThresholdAndTheNextCheckAndSessionUseIt() throws Exception {
        int code = script("sim:simulator", """
                subject s1
                confirm --all
                threshold hunt rmt --method mlpest --mep virtual --fast
                status
                load PROTOCOL
                check
                arm
                start
                wait
                """);
        String transcript = cli.out() + "\n" + cli.err();
        assertThat(code).as(transcript).isZero();
        assertThat(cli.out()).contains("> threshold hunt rmt --method mlpest --mep virtual --fast",
                "hunting RMT on sim:simulator (SIMULATION): ML-PEST (Awiszus), criterion 50 uV, start 60% MSO",
                "virtual subject typical (typical.yaml, seed 1)", "in virtual time (--fast)",
                "stored for subject s1 (marked SIMULATION); the next check/arm uses it. Device disarmed.",
                "device    sim:simulator  (connected: disarmed)", "verdict: PASS", "COMPLETED");

        RecordStore.StoredThreshold rmt = stored("s1", "RMT").orElseThrow();
        assertThat(rmt.percentMso()).as(transcript).isCloseTo(TRUE_RMT, within(3.0));
        assertThat(cli.out()).contains(String.format(java.util.Locale.ROOT, "RMT %.1f%% MSO (EMG) by ML-PEST",
                rmt.percentMso()));
        // the next check computes the plan's output from the hunted threshold (100% RMT, rounded down)
        assertThat(maxOutput(cli.out())).isEqualTo((int) Math.floor(rmt.percentMso()));
        // the session recorded the same threshold, measured today, with the evidence
        assertThat(rmt.method()).isEqualTo("EMG");
        assertThat(rmt.sessionId()).isNotNull();
        // check shows the subject's day as the dose rules count it: the hunt's pulses apart
        assertThat(cli.out()).containsPattern("subject s1 today: 0 pulses in 0 session\\(s\\), \\d+ single pulses in "
                + "threshold hunts; no earlier session");
    }

    @Test
    void theHuntItselfIsStoredWithMethodCriterionAndPulseCount() throws Exception {
        assertThat(script("sim:simulator", """
                subject s2
                confirm --all
                threshold hunt amt --method mlpest --criterion 100 --mep virtual:steep --seed 7 --fast
                """)).as(cli.out() + "\n" + cli.err()).isZero();
        RecordStore.StoredThreshold amt = stored("s2", "AMT").orElseThrow();
        assertThat(amt.sessionId()).isNull();
        assertThat(amt.method()).startsWith("EMG; hunt ML-PEST (Awiszus); criterion 100 uV; ")
                .contains(" pulses; virtual subject steep (steep.yaml, seed 7); SIMULATION");
        assertThat(amt.profileName()).isEqualTo("simulator");
        assertThat(cli.out()).contains("AMT " + String.format(java.util.Locale.ROOT, "%.1f", amt.percentMso())
                + "% MSO (EMG)", "virtual subject steep: true threshold for 100 uV");

        Matcher used = Pattern.compile("EMG; hunt ML-PEST \\(Awiszus\\); criterion 100 uV; (\\d+) pulses")
                .matcher(amt.method());
        assertThat(used.find()).isTrue();
        int pulses = Integer.parseInt(used.group(1));
        assertThat(tmshost("", "sessions", "hunts", "s2", "--json")).isZero();
        JsonNode hunt = new ObjectMapper().readTree(cli.out()).get(0);
        assertThat(hunt.get("kind").asText()).isEqualTo("AMT");
        assertThat(hunt.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(hunt.get("thresholdPercentMso").asDouble()).isEqualTo(amt.percentMso());
        assertThat(amt.huntId()).as("the stored threshold names its hunt").isEqualTo(hunt.get("id").asLong());
        assertThat(hunt.get("simulation").asBoolean()).isTrue();
        assertThat(hunt.get("pulses")).hasSize(pulses);
        assertThat(hunt.get("pulses").get(0).get("mepMicrovolts").isNumber()).isTrue();
        assertThat(tmshost("", "sessions", "hunts", "s2")).isZero();
        assertThat(cli.out()).containsPattern("1\\s+AMT\\s+ML-PEST \\(Awiszus\\)\\s+COMPLETED\\s+[\\d.]+%\\s+" + pulses
                + "\\s.*SIMULATION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rossini", "two-threshold", "samt"})
    void everyMethodHuntsTheVirtualSubjectWithinAFewPercent(String method) throws Exception {
        int code = script("sim:simulator", "subject s1\nconfirm --all\nthreshold hunt rmt --method " + method
                + " --mep virtual --fast\n");
        assertThat(code).as(cli.out() + "\n" + cli.err()).isZero();
        assertThat(stored("s1", "RMT").orElseThrow().percentMso()).as(cli.out()).isCloseTo(TRUE_RMT, within(3.0));
        assertThat(cli.out()).contains("  pulse   time   %MSO   MEP", "Device disarmed.");
    }

    @Test
    void aHuntNeedsADevice() throws Exception {
        int code = script(null, "subject s1\nconfirm --all\nthreshold hunt rmt --method mlpest --mep virtual --fast\n");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("threshold hunt needs a connected stimulator: device URI");
        assertThat(stored("s1", "RMT")).isEmpty();
    }

    @Test
    void samtIsRefusedWithAnOperatorsYesNo() throws Exception {
        int code = script("sim:simulator", "subject s1\nconfirm --all\nthreshold hunt rmt --method samt --start 60\n");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("SAMT (stochastic approximation) needs MEP amplitudes in uV; an operator's "
                + "yes/no cannot drive it");
    }

    @Test
    void aVirtualSubjectAndFastAreRefusedOnARealDevice() throws Exception {
        String device = "tcp://127.0.0.1:9?profile=simulator";
        int code = script(device, "subject s1\nconfirm --all\nthreshold hunt rmt --method mlpest --mep virtual\n");
        assertThat(code).as(cli.out() + "\n" + cli.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--mep virtual is a simulated subject: only with a simulated device");

        Path meps = Files.writeString(home.resolve("meps.txt"), "10\n");
        code = script("sim:simulator", "subject s1\nconfirm --all\nthreshold hunt rmt --method mlpest --start 60 --mep stream:"
                + meps + " --fast\n");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--fast runs the hunt in virtual time: only with a simulated device");
    }

    @Test
    void aHuntIsRefusedWhileASessionIsArmedAndTheSessionStaysAsItWas() throws Exception {
        int code = script("sim:simulator", """
                subject s1
                threshold rmt 50 --method emg
                load PROTOCOL
                confirm --all
                arm
                threshold hunt rmt --method mlpest --mep virtual --fast
                """);
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).containsPattern("cannot hunt a threshold while session \\d+ is ARMED: 'stop' first");
        assertThat(stored("s1", "RMT").orElseThrow().method()).isEqualTo("EMG"); // only the session's own record
        assertThat(stored("s1", "RMT").orElseThrow().huntId()).isNull();
    }

    @Test
    void aHuntNeedsTheSubjectConfirmed() throws Exception {
        int code = script("sim:simulator", "subject s1\nthreshold hunt rmt --method mlpest --mep virtual --fast\n");
        assertThat(code).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.err()).contains("confirm hearing protection and the safety screening first");
    }

    @Test
    void huntOptionsAreRefusedOnAStatedThreshold() throws Exception {
        int code = script("sim:simulator", "subject s1\nthreshold rmt 50 --method emg --fast\n");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("are for 'threshold hunt'");
    }
}
