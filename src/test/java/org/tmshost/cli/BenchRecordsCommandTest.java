package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.console.ExitCode;
import org.tmshost.testing.PostgresServer;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class BenchRecordsCommandTest {
    @Test
    void runsOnSqliteAloneOrWithTheSiteAndLeavesNoScratchBehind(@TempDir Path home) throws Exception {
        try (TmsHostCli cli = new TmsHostCli(home)) {
            int code = cli.run("", "bench", "records", "--records", "sqlite", "--pulses", "20", "--ceiling-pulses", "300",
                    "--rate", "400");
            assertThat(code).as(cli.err()).isEqualTo(ExitCode.OK);
            assertThat(cli.out()).contains("bench records: 300 pulses at full speed; 20 pulses at 400 Hz, the recorder "
                    + "every 50 ms").contains("sqlite ", "300/300 once", "20/20 once")
                    .contains("sqlite: no restart run").doesNotContain("site ");

            PostgresServer server = PostgresServer.shared();
            String url = server.url(server.createDatabase("benchcli"));
            code = cli.run("", "bench", "records", "--records", url, "--pulses", "20", "--ceiling-pulses", "300",
                    "--rate", "400", "--json");
            assertThat(code).as(cli.err()).isEqualTo(ExitCode.OK);
            JsonNode json = new ObjectMapper().readTree(cli.out());
            assertThat(json.get("stores")).hasSize(2);
            assertThat(json.get("stores").get(1).get("location").asText()).isEqualTo(url);
            assertThat(json.get("stores").get(1).get("notes").get(0).asText()).contains("no --restart-command");
            try (Stream<Path> left = Files.list(home)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("bench-records"));
            }
        }
    }

    @Test
    void refusesARestartWithoutASiteAndBadCounts(@TempDir Path home) {
        try (TmsHostCli cli = new TmsHostCli(home)) {
            assertThat(cli.run("", "bench", "records", "--records", "sqlite", "--restart-command", "true"))
                    .isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cli.err()).contains("--restart-command restarts a site database's server");
            assertThat(cli.run("", "bench", "records", "--pulses", "1")).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cli.err()).contains("pulses must be in 2..");
            assertThat(cli.run("", "bench", "records", "--rate", "0")).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cli.err()).contains("the rate must be in (0, 10000] Hz");
        }
    }
}
