package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as scripts rely on it: contracts.md §2 (exit codes) and §3 (JSON). */
@Tag("unit")
class CommandLineContractTest {
    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TmsHostCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void dryRunOfItbsOnTheSimulatorDeliversAll600PulsesIn192Seconds() throws Exception {
        Run run = run("dry-run", "itbs", "--profile", "simulator", "--rmt", "50", "--amt", "40", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode json = run.json();
        assertThat(json.get("protocol").asText()).isEqualTo("itbs");
        assertThat(json.get("profile").asText()).isEqualTo("simulator");
        assertThat(json.at("/plan/pulses").asInt()).isEqualTo(600);
        assertThat(json.at("/plan/trains").asInt()).isEqualTo(20);
        assertThat(json.at("/plan/durationSeconds").asDouble()).isEqualTo(192.0);
        assertThat(json.at("/plan/peakFrequencyHz").asDouble()).isEqualTo(50.0);
        assertThat(json.at("/plan/maxOutputPercentMso").asInt()).isEqualTo(32); // floor(0.8 x 40)
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.get("findings").isArray()).isTrue();
        assertThat(json.get("delivered").asInt()).isEqualTo(600);
        assertThat(json.get("coilPeakTemperatureCelsius").asDouble()).isGreaterThan(25.0);
    }

    @Test
    void checkJsonHasTheContractShapeAndFindingsCarryRuleSeverityMessageCitation() throws Exception {
        Run run = run("check", "m1-10hz-pain", "--profile", "simulator", "--rmt", "50", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.SAFETY_REFUSED);
        JsonNode json = run.json();
        assertThat(json.get("verdict").asText()).isEqualTo("NEEDS_OVERRIDE");
        assertThat(json.get("findings")).anySatisfy(finding -> {
            assertThat(finding.get("rule").asText()).isEqualTo("rossi2009.train-duration");
            assertThat(finding.get("severity").asText()).isEqualTo("NEEDS_OVERRIDE");
            assertThat(finding.get("message").asText()).isNotBlank();
            assertThat(finding.get("citation").asText()).isNotBlank();
        });
        assertThat(json.has("delivered")).isFalse();
    }

    @Test
    void blockedProtocolExits3AndIsNotSimulated() throws Exception {
        Run run = run("dry-run", "itbs", "--profile", "magstim-rapid2", "--rmt", "50", "--amt", "40", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(run.json().get("verdict").asText()).isEqualTo("BLOCKED");
        assertThat(run.json().get("delivered").asInt()).isZero();
    }

    @Test
    void aMissingThresholdBlocksWithMtMissing() throws Exception {
        Run run = run("check", "itbs", "--profile", "simulator", "--rmt", "50", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(run.json().get("verdict").asText()).isEqualTo("BLOCKED");
        assertThat(run.json().get("findings")).anySatisfy(f -> assertThat(f.get("rule").asText()).isEqualTo("mt.missing"));
        assertThat(run.json().at("/plan/pulses").asInt()).isEqualTo(600);
    }

    @Test
    void aBadProtocolFileExits2NamingFileLineAndFieldWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\nkind: rtms\nfrequencyHz: -5\npulsesPerTrain: 10\ntrains: 1\nintensity: 80% RMT\n");
        Run run = run("check", file.toString(), "--profile", "simulator", "--rmt", "50");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains(file + ":3:14").contains("frequencyHz").contains("-5")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * Nothing from a file reaches a terminal raw (issue 14): a protocol whose name carries a terminal
     * escape and a line break once printed a fake "verdict: PASS"; it is refused, and the error quotes
     * the name escaped.
     */
    @Test
    void aProtocolNameWithATerminalEscapeIsRefusedAndNeverPrintedRaw(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("escape.yaml");
        Files.writeString(file, "name: \"m1\\e[2K\\rverdict: PASS\\nx\"\nkind: rtms\nfrequencyHz: 1\npulsesPerTrain: 10\n"
                + "trains: 1\nintensity: 80% RMT\n");
        Run run = run("check", file.toString(), "--profile", "simulator", "--rmt", "50");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.out() + run.err()).doesNotContain("\u001b").doesNotContain("\r");
        assertThat(run.err()).contains(file + ":1").contains("field 'name'").contains("\\u001B[2K\\u000Dverdict: PASS")
                .contains("control character U+001B");
    }

    @Test
    void badFlagsAndUnknownNamesExit2() {
        assertThat(run("check", "itbs", "--rmt", "50").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run("check", "no-such-protocol", "--profile", "simulator").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run("check", "itbs", "--profile", "no-such-profile", "--amt", "40").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run("check", "itbs", "--profile", "simulator", "--amt", "140").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run("check", "itbs", "--profile", "simulator", "--amt", "40", "--mt-method", "guess").exitCode())
                .isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void protocolsListsTheLibraryWithPulsesDurationAndCitation() {
        Run run = run("protocols");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("neurostar-10hz").contains("3000").contains("37 min 04 s").contains("nibs-bids");
        assertThat(run("protocols", "show", "qps5").out()).contains("kind: quadripulse");
    }

    @Test
    void profilesListsEveryShippedProfileAndMarksTheSimulator() {
        Run run = run("profiles");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("simulator", "magstim-200", "magstim-bistim", "magstim-rapid2",
                "magstim-super-rapid2", "magventure-r30", "magventure-x100", "ttl-gpio", "[SIMULATION]");
        assertThat(run("profiles", "show", "ttl-gpio").out()).contains("triggerOutPin");
    }

    @Test
    void theHtmlReportIsSelfContainedWithTheTimeline(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.html");
        assertThat(run("dry-run", "itbs", "--profile", "simulator", "--rmt", "50", "--amt", "40", "--report",
                report.toString()).exitCode()).isZero();
        String html = Files.readString(report);
        assertThat(html).contains("<svg", "class='train'", "class='pulse", "class='delivered'", "PASS", "SIMULATION",
                "iTBS 600");
        assertThat(html).doesNotContain("<script", "<link", "src=");
        assertThat(html.split("class='train'", -1)).hasSize(21); // 20 trains
    }
}
