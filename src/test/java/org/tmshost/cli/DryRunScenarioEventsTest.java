package org.tmshost.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15: "COMPLETED 600 of 600" under link-drop.yaml no longer hides that the link fault never happened. */
@Tag("unit")
class DryRunScenarioEventsTest {
    @TempDir
    Path home;

    @Test
    void aDryRunSaysInTextAndJsonThatItDidNotSimulateALinkDrop() {
        try (TmsHostCli cli = new TmsHostCli(home)) {
            String[] args = {"dry-run", "itbs", "--profile", "simulator", "--rmt", "50", "--amt", "40",
                    "--scenario", "simulator/scenarios/link-drop.yaml"};
            assertThat(cli.run("", args)).isZero();
            assertThat(cli.out()).contains("COMPLETED, delivered 600 of 600")
                    .contains("scenario link-drop at 3 s: not simulated: a dry run has no link to the device");
            String[] json = java.util.Arrays.copyOf(args, args.length + 1);
            json[args.length] = "--json";
            assertThat(cli.run("", json)).isZero();
            assertThat(cli.out().replaceAll("\\s+", " ")).contains("\"delivered\" : 600")
                    .contains("\"scenarioEvents\" : [ { \"kind\" : \"link-drop\", \"when\" : \"at 3 s\", "
                            + "\"handling\" : \"not-simulated\", \"detail\" : \"not simulated: a dry run has no link");
        }
    }
}
