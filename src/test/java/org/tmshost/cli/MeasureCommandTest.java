package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TestStores;
import org.tmshost.record.MeasurementRow;
import org.tmshost.record.MeasurementTrialRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code measure excitability|recruitment} on the simulator with the virtual subjects, in virtual
 * time ({@code --fast}): what issue 17 is done by, through the command a lab types.
 */
@Tag("unit")
class MeasureCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;
    private TmsHostCli cli;

    @BeforeEach
    void open() {
        cli = new TmsHostCli(home);
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private JsonNode measure(String subject, String virtual, long seed) throws Exception {
        int code = cli.run("", "measure", "excitability", "--device", "sim:simulator", "--profile", "simulator",
                "--subject", subject, "--rmt", "50", "--mep", "virtual:" + virtual, "--fast", "--seed",
                String.valueOf(seed), "--json");
        assertThat(code).as(cli.err()).isZero();
        return JSON.readTree(cli.out());
    }

    private static VirtualSubject subject(String name) throws Exception {
        return new VirtualSubject(SubjectParameters.bundled(name).orElseThrow(), 1);
    }

    @Test
    void theDefaultMeasurementRecoversTheTypicalSubjectsRatiosWithinTheirIntervals() throws Exception {
        JsonNode result = measure("s01", "typical", 7);
        VirtualSubject truth = subject("typical");
        assertThat(result.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("simulation").asBoolean()).isTrue();
        List<String> names = result.path("conditions").findValuesAsText("name");
        assertThat(names).containsExactly("test", "sici-2", "sici-3", "icf-10", "icf-12");
        for (JsonNode c : result.path("conditions")) {
            assertThat(c.path("n").asInt()).isEqualTo(15);
            if (c.path("name").asText().equals("test")) {
                assertThat(c.path("ratio").isNull()).isTrue();
                continue;
            }
            double trueRatio = truth.trueRatio(40, c.path("isiMs").asDouble()); // 80% of RMT 50
            assertThat(c.path("ci95").get(0).asDouble()).as(c.toString()).isLessThanOrEqualTo(trueRatio);
            assertThat(c.path("ci95").get(1).asDouble()).as(c.toString()).isGreaterThanOrEqualTo(trueRatio);
        }

        // the record holds every trial, as given, with the MEP that was printed, and verifies
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            MeasurementRow row = store.measurement(result.path("measurementId").asLong()).orElseThrow();
            assertThat(row.outcome()).contains("COMPLETED");
            assertThat(row.measurement().seed()).isEqualTo(7);
            assertThat(row.measurement().simulated()).isTrue();
            // a pair whose test pulse the loaded host would have given late is void, recorded so, and given again
            List<MeasurementTrialRow> given = row.trials().stream().filter(MeasurementTrialRow::testGiven).toList();
            int voids = result.path("voidTrials").size();
            assertThat(given).hasSize(75);
            assertThat(row.trials()).hasSize(75 + voids);
            assertThat(row.pulses()).isEqualTo(15 + 4 * 15 * 2 + voids);
            JsonNode trials = result.path("trials");
            for (int i = 0; i < 75; i++) {
                MeasurementTrialRow t = given.get(i);
                assertThat(t.trialIndex() + 1).isEqualTo(trials.get(i).path("trial").asInt());
                assertThat(t.condition()).isEqualTo(trials.get(i).path("condition").asText());
                assertThat(t.amplitudeMicrovolts().orElseThrow())
                        .isCloseTo(trials.get(i).path("microvolts").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
            }
            assertThat(store.verifyMeasurement(row.id()).fails()).isFalse();
        }
    }

    /**
     * The neuropathic-pain subject's reduced SICI is told apart from the typical subject's: on the
     * same seed, each subject's SICI ratio lies outside the other's 95% interval, at 2 and at 3 ms.
     * How often that holds, per number of trials, is what {@code bench excitability} measures.
     */
    @Test
    void theNeuropathicPainSubjectsReducedSiciIsToldApart() throws Exception {
        JsonNode typical = measure("s01", "typical", 7);
        JsonNode pain = measure("s02", "neuropathic-pain", 7);
        for (int c : new int[]{1, 2}) {
            JsonNode t = typical.path("conditions").get(c);
            JsonNode p = pain.path("conditions").get(c);
            assertThat(t.path("name").asText()).startsWith("sici-");
            assertThat(p.path("ratio").asDouble()).as("pain %s vs typical %s", p, t)
                    .isGreaterThan(t.path("ci95").get(1).asDouble());
            assertThat(t.path("ratio").asDouble()).as("typical %s vs pain %s", t, p)
                    .isLessThan(p.path("ci95").get(0).asDouble());
        }
    }

    @Test
    void aSingleUnitDeviceIsRefusedWithTheReasonAndNothingIsGiven() throws Exception {
        int code = cli.run("", "measure", "excitability", "--device", "sim:magstim-200", "--profile", "magstim-200",
                "--subject", "s01", "--rmt", "50", "--mep", "virtual", "--fast", "--seed", "1");
        assertThat(code).isEqualTo(3);
        assertThat(cli.err()).contains("measurement refused").contains("magstim-200")
                .contains("BiStim²").contains("no trial was given");
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            assertThat(store.measurements("s01")).isEmpty();
        }
    }

    @Test
    void aRecruitmentCurveOnASingleUnitDeviceIsFitted() throws Exception {
        int code = cli.run("", "measure", "recruitment", "--device", "sim:magstim-200", "--profile", "magstim-200",
                "--subject", "s01", "--rmt", "50", "--mep", "virtual:typical", "--fast", "--seed", "3", "--trials", "8",
                "--json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode result = JSON.readTree(cli.out());
        assertThat(result.path("conditions")).hasSize(7);
        JsonNode fit = result.path("fit");
        assertThat(fit.isObject()).as(result.toString()).isTrue();
        // the typical subject's median curve is a logistic of scale 4 %MSO (slope 0.25) rising through ~66 %MSO
        assertThat(fit.path("s50PercentMso").asDouble()).isBetween(60.0, 72.0);
        assertThat(fit.path("s50Ci95").get(0).asDouble()).isLessThan(fit.path("s50PercentMso").asDouble());
        assertThat(fit.path("mepMaxMicrovolts").asDouble()).isBetween(1500.0, 5000.0);
        assertThat(fit.path("slope").asDouble()).isPositive();
    }

    @Test
    void badRequestsExitTwoWithTheReasonBeforeAnythingIsOpened() throws Exception {
        assertThat(cli.run("", "measure", "excitability", "--device", "sim:simulator", "--profile", "simulator",
                "--subject", "s01", "--rmt", "50", "--mep", "virtual", "--conditions", "test,lici-100")).isEqualTo(2);
        assertThat(cli.err()).contains("unknown condition 'lici-100'");
        assertThat(cli.run("", "measure", "excitability", "--device", "sim:simulator", "--profile", "simulator",
                "--subject", "s01", "--rmt", "90", "--mep", "virtual")).isEqualTo(2);
        assertThat(cli.err()).contains("108% MSO");
        Path amplitudes = Files.writeString(home.resolve("meps.txt"), "100\n");
        assertThat(cli.run("", "measure", "excitability", "--device", "sim:simulator", "--profile", "simulator",
                "--subject", "s01", "--rmt", "50", "--mep", "stream:" + amplitudes, "--fast")).isEqualTo(2);
        assertThat(cli.err()).contains("--fast runs the measurement in virtual time");
        assertThat(cli.run("", "measure", "excitability", "--device", "tcp://localhost:1?profile=magstim-bistim",
                "--profile", "magstim-bistim", "--subject", "s01", "--rmt", "50", "--mep", "virtual")).isEqualTo(2);
        assertThat(cli.err()).contains("--mep virtual is a simulated subject");
        assertThat(Files.exists(TmsHome.resolve().database())).isFalse();
    }

    /**
     * {@code --course}: the measurement is the course's, with its session number, and shows in
     * {@code excitability show}; another subject's course or one not on record is refused, exit 2,
     * before anything is given or recorded.
     */
    @Test
    void aMeasurementAttachesToTheSubjectsOwnCourseOnly() throws Exception {
        assertThat(cli.run("", "course", "plan", "c1", "--subject", "s01", "--new-subject", "--protocol", "m1-10hz-pain",
                "--sessions", "10", "--schedule", "daily", "--outcome", "pain-nrs", "--operator", "op1"))
                .as(cli.err()).isZero();
        String[] measure = {"measure", "excitability", "--device", "sim:simulator", "--profile", "simulator",
                "--rmt", "50", "--mep", "virtual:typical", "--fast", "--seed", "2", "--trials", "2", "--json"};
        assertThat(cli.run("", concat(measure, "--subject", "s02", "--course", "c1"))).isEqualTo(2);
        assertThat(cli.err()).contains("course c1 is subject s01's, not s02's");
        assertThat(cli.run("", concat(measure, "--subject", "s01", "--course", "nope"))).isEqualTo(2);
        assertThat(cli.err()).contains("no course nope");
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            assertThat(store.measurements("s01")).isEmpty();
            assertThat(store.measurements("s02")).isEmpty();
        }

        assertThat(cli.run("", concat(measure, "--subject", "s01", "--course", "c1", "--course-session", "1")))
                .as(cli.err()).isZero();
        long id = JSON.readTree(cli.out()).path("measurementId").asLong();
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            long course = store.course("c1").orElseThrow().id();
            assertThat(store.courseMeasurements(course)).extracting(MeasurementRow::id).containsExactly(id);
            assertThat(store.measurement(id).orElseThrow().measurement().courseSession()).contains(1);
        }
        assertThat(cli.run("", "excitability", "show", "s01")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("c1");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
