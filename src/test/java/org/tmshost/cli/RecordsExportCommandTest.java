package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TestStores;
import org.tmshost.course.ExportedCourse;
import org.tmshost.course.ExportedCourse.SetClock;
import org.tmshost.record.NewHunt;
import org.tmshost.record.NewMeasurement;
import org.tmshost.record.NewSession;
import org.tmshost.record.PseudonymKey;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code records export --pseudonymise --key-file F --output DIR} on a record of two subjects: p7's
 * course ({@link ExportedCourse}: five sessions, outcomes, two adverse events, one note in words) and
 * sub-bravo-0077's two sessions, a threshold hunt, a stated threshold and a paired-pulse measurement,
 * all by operator dr.jones, whose name is also in an end reason.
 */
@Tag("unit")
class RecordsExportCommandTest {
    private static final String KEY = "3f1c9a0b7e5d4c2a1908f6e7d5c4b3a29180f7e6d5c4b3a2f1e0d9c8b7a69584";
    private static final String OTHER_KEY = "0011223344556677889900aabbccddeeff00112233445566778899aabbccddee";
    private static final String BRAVO = "sub-bravo-0077";
    private static final String OPERATOR = "dr.jones";
    private static final String NOTE = "gone by evening, told Ms Smith";
    private static final List<String> BRAVO_STARTS = List.of("2026-03-10T09:15:00Z", "2026-03-17T14:40:00Z");
    private static final Set<String> RAW = Set.of("p7", "op1", BRAVO, OPERATOR, "Ms Smith", "told", "stopped by",
            "/dev/ttyUSB0", "sim:simulator", "virtual:typical", "lab-pc-raw-meps.csv");

    @TempDir
    Path home;
    private TmsHostCli cli;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void record() throws Exception {
        cli = new TmsHostCli(home);
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            ExportedCourse.record(store, new SetClock(Instant.EPOCH), "m1-short", NOTE);
            for (int i = 0; i < BRAVO_STARTS.size(); i++) {
                Instant at = Instant.parse(BRAVO_STARTS.get(i));
                long id = store.createSession(new NewSession(BRAVO, OPERATOR, "cTBS 600", "name: cTBS 600\n",
                        "magstim-rapid2", "p", "e", "serial:/dev/ttyUSB0?profile=magstim-rapid2", false, "PASS", 3,
                        Optional.of(48.0), Optional.of(40.0), "EMG", Optional.empty()), at);
                store.recordThreshold(BRAVO, "RMT", 48.0, "EMG", at.minusSeconds(600), "magstim-rapid2", id);
                store.recordDeviceIdentity(id, "Magstim Rapid2", "7.1");
                store.recordStart(id, 0, at);
                store.appendPulses(id, List.of(new PulseRow(0, 0, 15_000, 38, 0), new PulseRow(1, 20_000_000,
                        20_012_000, 38, 0)));
                store.endSession(id, "RUNNING", "ABORTED", "STOP_BUTTON", "stopped by " + OPERATOR, OPERATOR,
                        at.plusSeconds(40), Optional.of(2));
            }
            long hunt = store.startHunt(new NewHunt(BRAVO, OPERATOR, "RMT", "PEST", 50, "file lab-pc-raw-meps.csv",
                    "magstim-rapid2", "serial:/dev/ttyUSB0", false), Instant.parse("2026-03-10T09:00:00Z"));
            store.recordHuntPulse(hunt, 0, Instant.parse("2026-03-10T09:00:05Z"), 50);
            store.recordHuntReading(hunt, 0, 80.0, null);
            store.recordHuntPulse(hunt, 1, Instant.parse("2026-03-10T09:00:10Z"), 46);
            store.recordHuntReading(hunt, 1, 20.0, null);
            store.completeHunt(hunt, BRAVO, "RMT", 48.0, "EMG PEST", Instant.parse("2026-03-10T09:01:00Z"),
                    "magstim-rapid2");
            long m = store.startMeasurement(new NewMeasurement(BRAVO, OPERATOR, NewMeasurement.PAIRED_PULSE,
                    List.of("test", "sici-2"), 1, 48, 80, 120, 5, 1, 42L, "virtual:typical", "magstim-bistim",
                    "sim:simulator?profile=magstim-bistim", true, Optional.empty(), Optional.empty(), "lab-pc"),
                    Instant.parse("2026-03-17T15:00:00Z"));
            store.recordMeasurementTrial(m, 0, 0, "test", 0, 58, 0, Instant.parse("2026-03-17T15:00:05Z"));
            store.recordMeasurementAmplitude(m, 0, 900.0);
            store.recordMeasurementTrial(m, 1, 0, "sici-2", 38, 58, 2_000_000, Instant.parse("2026-03-17T15:00:10Z"));
            store.recordMeasurementAmplitude(m, 1, 300.0);
            store.endMeasurement(m, "COMPLETED", "{\"kind\":\"paired-pulse\",\"conditions\":[{\"name\":\"test\","
                    + "\"isiMs\":null,\"testPercentMso\":58,\"n\":1,\"meanMicrovolts\":900.0,\"medianMicrovolts\":900.0,"
                    + "\"ratio\":null,\"ci95\":null},{\"name\":\"sici-2\",\"isiMs\":2.0,\"testPercentMso\":58,\"n\":1,"
                    + "\"meanMicrovolts\":300.0,\"medianMicrovolts\":300.0,\"ratio\":0.3333,\"ci95\":[0.2,0.5]}]}",
                    Instant.parse("2026-03-17T15:00:20Z"));
        }
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private Path key(String name, String text, String mode) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, text + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private int export(Path key, Path output) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        RecordsExportCommand command = new RecordsExportCommand();
        command.clock = () -> Instant.parse("2027-01-15T12:00:00Z");
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute("--pseudonymise", "--key-file", key.toString(), "--output", output.toString());
    }

    private Path exported(String keyText, String dir) throws Exception {
        Path output = home.resolve(dir);
        assertThat(export(key(dir + ".key", keyText, "rw-------"), output)).as(err.toString()).isZero();
        return output;
    }

    private static List<Map<String, String>> csv(Path file) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(file.toFile())) {
            List<String> header = it.next();
            while (it.hasNext()) {
                List<String> cells = it.next();
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> header(Path file) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(file.toFile())) {
            return it.next();
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesEveryTableAsCsvAndJsonWithTheDictionaryAndManifest() throws Exception {
        Path output = exported(KEY, "dataset");
        Set<String> names = new TreeSet<>();
        files(output).forEach(f -> names.add(f.getFileName().toString()));
        for (String table : List.of("subjects", "sessions", "pulses", "motor_thresholds", "threshold_hunts",
                "hunt_pulses", "courses", "course_outcomes", "adverse_events", "excitability_measurements",
                "excitability_trials", "excitability_conditions")) {
            assertThat(names).contains(table + ".csv", table + ".json");
            JsonNode json = new ObjectMapper().readTree(output.resolve(table + ".json").toFile());
            assertThat(json.size()).as(table).isEqualTo(csv(output.resolve(table + ".csv")).size());
        }
        assertThat(names).contains("dictionary.csv", "dictionary.json", "manifest.json").hasSize(27);
        assertThat(csv(output.resolve("subjects.csv"))).hasSize(2);
        assertThat(csv(output.resolve("sessions.csv"))).hasSize(7);
        assertThat(csv(output.resolve("course_outcomes.csv"))).hasSize(9);
        assertThat(csv(output.resolve("adverse_events.csv"))).extracting(r -> r.get("kind"))
                .containsExactlyInAnyOrder("headache", "scalp-discomfort");
        assertThat(csv(output.resolve("excitability_conditions.csv"))).extracting(r -> r.get("ratio"))
                .containsExactly("", "0.3333");
        assertThat(csv(output.resolve("sessions.csv"))).filteredOn(r -> r.get("protocol_name").equals("cTBS 600"))
                .allSatisfy(r -> {
                    assertThat(r.get("end_cause")).isEqualTo("STOP_BUTTON");
                    assertThat(r.get("device_model")).isEqualTo("Magstim Rapid2");
                    assertThat(r.get("protocol_sha256")).hasSize(64);
                });
        assertThat(out.toString()).contains("records export: 27 files in " + output, "sessions", "manifest.json");
    }

    @Test
    void noSubjectIdOperatorNameNoteOrDeviceAddressIsInAnyFile() throws Exception {
        Path output = exported(KEY, "dataset");
        for (Path file : files(output)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String raw : RAW) {
                assertThat(text).as(file.getFileName() + " holds " + raw).doesNotContain(raw);
            }
            assertThat(text).doesNotContain(home.toString()).doesNotContain(KEY);
            for (String start : BRAVO_STARTS) { // an unshifted time of the subject's record
                assertThat(text).doesNotContain(start).doesNotContain(start.substring(0, 10));
            }
        }
    }

    @Test
    void aSubjectsDatesMoveByItsOwnShiftSoIntervalsAreKept() throws Exception {
        Path output = exported(KEY, "dataset");
        PseudonymKey key = PseudonymKey.read(home.resolve("dataset.key"));
        int shift = key.shiftDays(BRAVO);
        assertThat(shift).isBetween(-180, 180).isNotZero();
        List<Instant> starts = csv(output.resolve("sessions.csv")).stream()
                .filter(r -> r.get("subject").equals(key.pseudonym(BRAVO)))
                .map(r -> Instant.parse(r.get("started_at"))).sorted().toList();
        assertThat(starts).containsExactly(Instant.parse(BRAVO_STARTS.get(0)).plus(Duration.ofDays(shift)),
                Instant.parse(BRAVO_STARTS.get(1)).plus(Duration.ofDays(shift)));
        assertThat(Duration.between(starts.get(0), starts.get(1))).isEqualTo(Duration.between(
                Instant.parse(BRAVO_STARTS.get(0)), Instant.parse(BRAVO_STARTS.get(1))));
        assertThat(csv(output.resolve("hunt_pulses.csv"))).extracting(r -> r.get("fired_at")).containsExactly(
                Instant.parse("2026-03-10T09:00:05Z").plus(Duration.ofDays(shift)).toString(),
                Instant.parse("2026-03-10T09:00:10Z").plus(Duration.ofDays(shift)).toString());
        int p7 = key.shiftDays("p7");
        assertThat(csv(output.resolve("courses.csv")).get(0).get("start_date"))
                .isEqualTo(java.time.LocalDate.parse("2026-06-01").plusDays(p7).toString());
        assertThat(csv(output.resolve("subjects.csv"))).filteredOn(r -> r.get("subject").equals(key.pseudonym("p7")))
                .singleElement().satisfies(r -> assertThat(r.get("first_session_start"))
                        .isEqualTo(Instant.parse("2026-06-01T07:00:00Z").plus(Duration.ofDays(p7)).toString()));
    }

    @Test
    void oneKeyGivesTheSameDatasetTwiceAndAnotherKeyAnotherOne() throws Exception {
        Path first = exported(KEY, "first");
        Path second = exported(KEY, "second");
        Path other = exported(OTHER_KEY, "other");
        for (Path file : files(first)) {
            String name = file.getFileName().toString();
            if (!name.equals("manifest.json")) { // it names the time of export
                assertThat(Files.readString(second.resolve(name))).as(name).isEqualTo(Files.readString(file));
            }
        }
        List<Map<String, String>> a = csv(first.resolve("subjects.csv"));
        List<Map<String, String>> b = csv(other.resolve("subjects.csv"));
        assertThat(a).extracting(r -> r.get("subject")).allMatch(p -> p.matches("s-[0-9a-f]{16}"))
                .doesNotContainAnyElementsOf(b.stream().map(r -> r.get("subject")).toList());
        assertThat(a).extracting(r -> r.get("first_session_start"))
                .doesNotContainAnyElementsOf(b.stream().map(r -> r.get("first_session_start")).toList());
        assertThat(Files.readString(first.resolve("sessions.csv"))).doesNotContain(
                csv(other.resolve("sessions.csv")).get(0).get("session"));
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedAndNothingIsWritten() throws Exception {
        Path output = home.resolve("dataset");
        for (String mode : List.of("rw-r-----", "rw----r--", "rw-rw----")) {
            assertThat(export(key("shared.key", KEY, mode), output)).as(mode).isEqualTo(2);
            assertThat(err.toString()).contains("shared.key: its group or others have access", "chmod 600",
                    "nothing was written");
            Files.delete(home.resolve("shared.key"));
        }
        assertThat(output).doesNotExist();
    }

    @Test
    void aShortMissingOrMalformedKeyIsRefused() throws Exception {
        Path output = home.resolve("dataset");
        assertThat(export(key("short.key", KEY.substring(0, 62), "rw-------"), output)).isEqualTo(2);
        assertThat(err.toString()).contains("the key is 31 bytes; at least 32 bytes (64 hex digits) are needed");
        assertThat(export(key("b64.key", "PxyaC35dTCoZCPbn1cSzopGA9+bVxLOi8eDZyLemlYQ=", "rw-------"), output))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not a key: the file holds one line of hex digits");
        assertThat(export(home.resolve("none.key"), output)).isEqualTo(2);
        assertThat(err.toString()).contains("none.key: no such file");
        assertThat(output).doesNotExist();
    }

    @Test
    void theOutputMustBeANewOrEmptyDirectory() throws Exception {
        Path used = Files.createDirectories(home.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "keep");
        Path key = key("study.key", KEY, "rw-------");
        assertThat(export(key, used)).isEqualTo(2);
        assertThat(err.toString()).contains("--output " + used + ": the directory is not empty");
        assertThat(files(used)).hasSize(1);
        assertThat(export(key, used.resolve("notes.txt"))).isEqualTo(2);
        assertThat(err.toString()).contains("it is a file");
        Path empty = Files.createDirectories(home.resolve("empty"));
        assertThat(export(key, empty)).as(err.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(empty.resolve("sessions.csv")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theDictionaryDescribesEveryColumnOfEveryTableInOrder() throws Exception {
        Path output = exported(KEY, "dataset");
        List<Map<String, String>> dictionary = csv(output.resolve("dictionary.csv"));
        assertThat(dictionary).allSatisfy(r -> {
            assertThat(r.get("type")).isIn("string", "integer", "number", "boolean", "date", "datetime");
            assertThat(r.get("description")).isNotBlank();
        });
        int described = 0;
        for (Path file : files(output)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".csv") && !name.equals("dictionary.csv")) {
                String table = name.substring(0, name.length() - 4);
                assertThat(dictionary.stream().filter(r -> r.get("table").equals(table)).map(r -> r.get("column"))
                        .toList()).as(table).isEqualTo(header(file));
                described += header(file).size();
            }
        }
        assertThat(dictionary).hasSize(described);
        assertThat(dictionary).filteredOn(r -> r.get("column").endsWith("_percent_mso"))
                .allSatisfy(r -> assertThat(r.get("unit")).isEqualTo("%MSO"));
    }

    @Test
    void theManifestHashesEveryFileAndCountsEveryTable() throws Exception {
        Path output = exported(KEY, "dataset");
        JsonNode manifest = new ObjectMapper().readTree(output.resolve("manifest.json").toFile());
        Set<String> listed = new TreeSet<>();
        manifest.get("files").fieldNames().forEachRemaining(listed::add);
        Set<String> present = new TreeSet<>();
        files(output).forEach(f -> present.add(f.getFileName().toString()));
        present.remove("manifest.json");
        assertThat(listed).isEqualTo(present);
        for (String name : listed) {
            byte[] bytes = Files.readAllBytes(output.resolve(name));
            assertThat(manifest.get("files").get(name).get("sha256").asText()).as(name)
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(manifest.get("files").get(name).get("bytes").asLong()).isEqualTo(bytes.length);
        }
        for (JsonNode table : manifest.get("tables")) {
            assertThat(table.get("rows").asInt()).as(table.get("table").asText())
                    .isEqualTo(csv(output.resolve(table.get("table").asText() + ".csv")).size());
        }
        assertThat(manifest.get("recordSchemaVersion").asInt()).isEqualTo(RecordStore.SCHEMA_VERSION);
        assertThat(manifest.get("exportedAt").asText()).isEqualTo("2027-01-15T12:00:00Z");
        assertThat(manifest.get("pseudonymisation").get("keyCheck").asText())
                .isEqualTo(PseudonymKey.read(home.resolve("dataset.key")).check()).hasSize(16);
        assertThat(manifest.get("pseudonymisation").get("pseudonym").asText()).contains("HMAC-SHA256");
    }

    @Test
    void theCommandLineRunsItAsRecordsExportAndRequiresPseudonymise() throws Exception {
        Path key = key("study.key", KEY, "rw-------");
        Path output = home.resolve("cli");
        assertThat(cli.run("", "records", "export", "--key-file", key.toString(), "--output", output.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--pseudonymise'");
        assertThat(cli.run("", "records", "export", "--pseudonymise", "--key-file", key.toString(), "--output",
                output.toString())).as(cli.err()).isZero();
        assertThat(output.resolve("manifest.json")).exists();
    }
}
