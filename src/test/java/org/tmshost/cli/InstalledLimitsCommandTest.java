package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TmsHostCli;
import org.tmshost.yaml.ContentDigest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits that only a supervisor changes (issue 14), through the command line: a profile or policy
 * the site does not have in force is reported by {@code check}, keeps {@code run} from arming
 * without a supervisor's approval, and runs with one, the record keeping the file's text and
 * SHA-256; installing needs a supervisor's credentials.
 */
@Tag("unit")
class InstalledLimitsCommandTest {
    @TempDir
    Path home;
    private TmsHostCli cli;
    private Path protocol;

    @BeforeEach
    void site() throws Exception {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
        protocol = Files.writeString(home.resolve("short.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private static String resource(String path) throws Exception {
        try (InputStream in = InstalledLimitsCommandTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The simulator profile, edited (a lateness limit the build VM needs): not one the site has in force. */
    private Path editedProfile() throws Exception {
        String text = resource("/hardware-profiles/simulator.yaml")
                .replace("latenessLimitMicros: 1000", "latenessLimitMicros: 20000");
        return Files.writeString(home.resolve("edited-simulator.yaml"), text);
    }

    private int check(Path profile, String... more) {
        String[] base = {"check", protocol.toString(), "--profile", profile.toString(), "--rmt", "50",
                "--mt-method", "emg"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return cli.run("", args);
    }

    private int run(String stdin, Path profile, String... more) {
        String[] base = {"run", protocol.toString(), "--device", "sim:simulator", "--profile", profile.toString(),
                "--rmt", "50", "--mt-method", "emg", "--subject", "s1", "--operator", "op1", "--yes"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return cli.run(stdin, args);
    }

    private JsonNode session(long id) throws Exception {
        assertThat(cli.run("", "sessions", "show", Long.toString(id), "--json")).as(cli.err()).isZero();
        return new ObjectMapper().readTree(cli.out());
    }

    private static boolean everArmed(JsonNode session) {
        for (JsonNode transition : session.get("transitions")) {
            if (transition.get("to").asText().equals("ARMED")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anUninstalledProfileNeedsASupervisorsApprovalAndTheRecordKeepsItsText() throws Exception {
        Path edited = editedProfile();
        String text = Files.readString(edited);
        String sha = ContentDigest.sha256(text);

        assertThat(check(edited)).isEqualTo(3);
        assertThat(cli.out()).contains("site.profile-not-installed").contains(sha).contains(edited.toString());

        assertThat(run("", edited)).as(cli.out() + cli.err()).isEqualTo(3);
        JsonNode refused = session(1);
        assertThat(everArmed(refused)).as("never armed without approval").isFalse();
        assertThat(refused.get("overrides")).isEmpty();

        assertThat(run("supervisor-pass\n", edited, "--approve-as", "sup", "--reason", "bench: VM timing"))
                .as(cli.out() + cli.err()).isZero();
        JsonNode approved = session(2);
        assertThat(approved.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(approved.get("overrides").findValuesAsText("rule")).contains("site.profile-not-installed");
        assertThat(approved.get("overrides").get(0).get("approvedBy").asText()).isEqualTo("sup");
        JsonNode file = approved.get("profileFile");
        assertThat(file.get("text").asText()).isEqualTo(text);
        assertThat(file.get("sha256").asText()).isEqualTo(sha);
        assertThat(file.get("standing").asText()).isEqualTo("not-installed");
        assertThat(file.get("path").asText()).isEqualTo(edited.toString());
        JsonNode policy = approved.get("policyFile");
        assertThat(policy.get("text").asText()).isEqualTo(resource("/safety/site-policy.yaml"));
        assertThat(policy.get("sha256").asText()).isEqualTo(ContentDigest.sha256(resource("/safety/site-policy.yaml")));
        assertThat(policy.get("name").asText()).isEqualTo("tmshost bundled defaults");
        assertThat(policy.get("standing").asText()).isEqualTo("shipped");

        assertThat(cli.run("", "sessions", "show", "2")).isZero();
        assertThat(cli.out()).contains(sha).contains("tmshost bundled defaults");
    }

    @Test
    void aSupervisorInstallsAProfileAndAnOperatorCannot() throws Exception {
        Path edited = editedProfile();
        assertThat(cli.run("operator-pass\n", "profiles", "install", edited.toString(), "--as", "op1")).isEqualTo(2);
        assertThat(cli.err()).contains("not a supervisor").contains("nothing was installed");
        assertThat(cli.run("wrong-pass\n", "profiles", "install", edited.toString(), "--as", "sup")).isEqualTo(2);
        assertThat(check(edited)).as("still not installed").isEqualTo(3);

        assertThat(cli.run("supervisor-pass\n", "profiles", "install", edited.toString(), "--as", "sup"))
                .as(cli.err()).isZero();
        assertThat(check(edited)).as(cli.out()).isZero();
        assertThat(cli.out()).doesNotContain("site.profile-not-installed");

        // the installed copy edited afterwards is no longer in force
        Path installed = home.resolve("limits/profiles/simulator.yaml");
        Files.writeString(installed, Files.readString(installed).replace("warnCelsius: 40", "warnCelsius: 41"));
        assertThat(cli.run("", "check", protocol.toString(), "--profile", "simulator", "--rmt", "50",
                "--mt-method", "emg")).isEqualTo(3);
        assertThat(cli.out()).contains("site.profile-not-installed").contains("changed since");
    }

    @Test
    void aPolicyFileThatIsNotTheSitesNeedsApprovalUntilASupervisorInstallsIt() throws Exception {
        Path relaxed = Files.writeString(home.resolve("relaxed-policy.yaml"), resource("/safety/site-policy.yaml")
                .replace("patternedMaxPercentRmt: 100", "patternedMaxPercentRmt: 120"));
        assertThat(check(cli.relaxedSimulatorProfile(), "--policy", relaxed.toString())).isEqualTo(3);
        assertThat(cli.out()).contains("site.policy-not-installed").contains(ContentDigest.sha256(
                Files.readString(relaxed)));

        assertThat(cli.run("supervisor-pass\n", "policy", "install", relaxed.toString(), "--as", "sup"))
                .as(cli.err()).isZero();
        assertThat(check(cli.relaxedSimulatorProfile(), "--policy", relaxed.toString())).as(cli.out()).isZero();
        assertThat(cli.run("", "policy")).isZero();
        assertThat(cli.out()).contains("installed").contains("sup");
        Path shipped = Files.writeString(home.resolve("shipped-policy.yaml"), resource("/safety/site-policy.yaml"));
        assertThat(check(cli.relaxedSimulatorProfile(), "--policy", shipped.toString()))
                .as("the shipped policy is not the one this site installed").isEqualTo(3);
        assertThat(cli.out()).contains("site.policy-not-installed");
    }
}
