package org.tmshost.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.session.ArmingFailure;
import org.tmshost.session.CheckId;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console teaches (issue 15): every arming refusal names the command that fixes it, and that
 * command typed into the console is accepted; {@code check} and {@code arm} agree; a threshold's
 * evidence and a hunt's algorithm have their own option names.
 */
@Tag("unit")
class ConsoleTeachingTest {
    private static final Pattern TYPE = Pattern.compile("(?m)^\\s*type: (.+?)(?:  \\(.*)?$");
    private static final Pattern CHECK_ID = Pattern.compile("PreArm: \\[([a-z-]+)]");

    @TempDir
    Path root;
    private final List<TmsHostCli> clis = new ArrayList<>();
    private int homes;

    @AfterEach
    void close() {
        clis.forEach(TmsHostCli::close);
    }

    /** A new home with the site users and the relaxed simulator profile. */
    private Home home() throws Exception {
        Path dir = Files.createDirectories(root.resolve("home" + homes++));
        TmsHostCli cli = new TmsHostCli(dir);
        clis.add(cli);
        cli.addSiteUsers();
        return new Home(cli, dir, cli.relaxedSimulatorProfile());
    }

    private record Home(TmsHostCli cli, Path dir, Path profile) {
        int script(String stdin, String body) throws Exception {
            Path protocol = Files.writeString(dir.resolve("protocol.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
            Path script = Files.writeString(dir.resolve("s.tms"), body.replace("PROTOCOL", protocol.toString()));
            return cli.run(stdin, "console", "--script", script.toString(), "--device", "sim:simulator", "--profile",
                    profile.toString(), "--operator", "op1");
        }
    }

    /** A command as the console shows it, with the technician's values filled in (capitals, a|b choices). */
    static String filled(String command) {
        return command.replace("VALUE", "50").replace("SUPERVISOR", "sup").replace("TEXT", "pilot")
                .replace("PROTOCOL", "itbs").replace("URI", "sim:simulator").replace("PCT", "60")
                .replaceAll("\\b([a-z]+)\\|[a-z|]+", "$1").replace(", then arm", "").replace(" (again", "");
    }

    private static List<String> typed(String output) {
        List<String> commands = new ArrayList<>();
        Matcher m = TYPE.matcher(output);
        while (m.find()) {
            commands.add(m.group(1).strip());
        }
        return commands;
    }

    private static Set<String> checkIds(String output) {
        Set<String> ids = new TreeSet<>();
        Matcher m = CHECK_ID.matcher(output);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void everyArmingCheckNamesACommandThatTheConsoleAccepts() throws Exception {
        List<ArmingFailure> failures = new ArrayList<>();
        for (CheckId id : CheckId.values()) {
            failures.add(new ArmingFailure(id, id.component(), "found"));
        }
        failures.add(new ArmingFailure(CheckId.THRESHOLDS_MEASURED_TODAY, "subject", "the protocol is dosed relative "
                + "to AMT but no AMT was measured in this session"));
        failures.add(new ArmingFailure(CheckId.ENVELOPE_APPROVED, "protocol", "BLOCKED by rossi2009: too long"));
        failures.add(new ArmingFailure(CheckId.DOSE_LEDGER_ALLOWS, "subject", "too many pulses (not approved)"));
        Home home = home();
        for (ArmingFailure failure : failures) {
            String shown = ArmingRemedy.describe(failure);
            List<String> commands = typed(shown);
            assertThat(commands).as(shown).hasSize(1);
            String command = filled(commands.get(0));
            assertThat(command).as("a command with every value filled in: " + shown).doesNotContainPattern("[A-Z]{3,}");
            int code = home.script("supervisor-pass\n",
                    "subject s1\nthreshold rmt 50 --evidence emg\nload PROTOCOL\ncheck\n" + command + "\n");
            assertThat(code).as(failure.check() + ": '" + command + "'\n" + home.cli().out() + home.cli().err())
                    .isIn(ExitCode.OK, ExitCode.SAFETY_REFUSED);
            assertThat(home.cli().out()).contains("> " + command);
            assertThat(home.cli().err()).as(command).doesNotContain("error:");
        }
    }

    @Test
    void theCommandsAnArmingRefusalNamesFixItAndTheSessionArms() throws Exception {
        Home home = home();
        assertThat(home.script("", "subject s1\nload PROTOCOL\narm\n")).isEqualTo(ExitCode.SAFETY_REFUSED);
        String refusal = home.cli().err();
        assertThat(checkIds(refusal)).containsExactly("envelope", "hearing-protection", "screening", "thresholds");
        List<String> commands = typed(refusal);
        // no RMT: the thresholds check (missing, and no evidence) and the envelope (BLOCKED by mt.missing) say measure it
        assertThat(commands).containsExactly("threshold rmt VALUE --evidence emg|visual",
                "threshold rmt|amt VALUE --evidence emg|visual", "threshold rmt VALUE --evidence emg|visual",
                "confirm --hearing-protection", "confirm --screening");
        StringBuilder body = new StringBuilder("subject s1\nload PROTOCOL\n");
        commands.forEach(c -> body.append(filled(c)).append('\n'));
        int code = home.script("supervisor-pass\n", body + "arm\n");
        assertThat(code).as(home.cli().out() + home.cli().err()).isZero();
        assertThat(home.cli().out()).contains("ARMED: all 9 arming checks passed");
    }

    @Test
    void aNeedsOverrideAtArmSaysHowASupervisorApproves() throws Exception {
        Home home = home();
        String prefix = "subject s1\nthreshold amt 40 --evidence emg\nload itbs\nconfirm --all\n";
        assertThat(home.script("", prefix + "arm\n")).isEqualTo(ExitCode.SAFETY_REFUSED);
        List<String> commands = typed(home.cli().err());
        assertThat(commands).containsExactly("approve SUPERVISOR --reason TEXT");
        assertThat(home.cli().err()).contains("a supervisor; their password is asked");
        assertThat(home.script("supervisor-pass\n", prefix + filled(commands.get(0)) + "\narm\n"))
                .as(home.cli().out() + home.cli().err()).isZero();
        assertThat(home.cli().out()).contains("approved by sup").contains("ARMED");
    }

    /** The same state, in a new home each time: what check says arm will refuse, and what arm refuses. */
    @Test
    void checkAndArmGiveTheSameVerdictForTheSameState() throws Exception {
        List<String> states = List.of(
                "subject s1\nthreshold rmt 50 --evidence emg\nload PROTOCOL\n",
                "subject s1\nthreshold rmt 50 --evidence emg\nload PROTOCOL\nconfirm --all\n",
                "subject s1\nthreshold rmt 50 --evidence visual\nload PROTOCOL\nconfirm --hearing-protection\n",
                "subject s1\nload PROTOCOL\nconfirm --all\n",
                "subject s1\nthreshold amt 40 --evidence emg\nload PROTOCOL\nconfirm --all\n",
                "subject s1\nthreshold amt 40 --evidence emg\nload itbs\nconfirm --all\n",
                "subject s1\nthreshold rmt 50 --evidence emg\nthreshold amt 40\nload itbs\nconfirm --screening\n",
                "subject s1\nthreshold rmt 50 --evidence emg\nthreshold amt 40\nload itbs\nconfirm --all\n");
        for (String state : states) {
            Home checked = home();
            int check = checked.script("", state + "check\n");
            String checkSaid = checked.cli().out();
            Home armed = home();
            int arm = armed.script("", state + "arm\n");
            String armSaid = armed.cli().err();
            String why = state + "---- check:\n" + checkSaid + checked.cli().err() + "---- arm:\n" + armed.cli().out()
                    + armSaid;
            assertThat(checkIds(checkSaid)).as(why).isEqualTo(checkIds(armSaid));
            assertThat(checkSaid.contains("arming checks pass now")).as(why).isEqualTo(arm == ExitCode.OK);
            boolean sessionItself = checkIds(armSaid).stream().anyMatch(id -> ArmingCommands.SESSION_CHECKS.stream()
                    .anyMatch(c -> c.id().equals(id)));
            assertThat(check).as(why).isEqualTo(sessionItself ? ExitCode.SAFETY_REFUSED : ExitCode.OK);
        }
    }

    @Test
    void aStatedThresholdWithoutItsEvidenceIsRefusedWithTheCommandThatGivesIt() throws Exception {
        Home home = home();
        assertThat(home.script("", "subject s1\nthreshold rmt 50\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.cli().err()).contains("Type: threshold rmt 50 --evidence emg (an EMG display) or "
                + "threshold rmt 50 --evidence visual");
        assertThat(home.script("", "subject s1\nthreshold rmt 50 --evidence emg\nthreshold amt 40\n")).isZero();
        assertThat(home.cli().out()).contains("AMT 40.0% MSO (EMG)");
    }

    @Test
    void evidenceAndAlgorithmHaveTheirOwnNamesAndTheOldMethodIsReadOnlyWhereItIsUnambiguous() throws Exception {
        Home home = home();
        assertThat(home.script("", "subject s1\nthreshold rmt 50 --method emg\n")).isZero();
        assertThat(home.cli().out()).contains("RMT 50.0% MSO (EMG)").contains("--method is now --evidence");

        assertThat(home.script("", "subject s1\nthreshold rmt 50 --method mlpest\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.cli().err()).contains("threshold hunt rmt|amt --algorithm mlpest");
        assertThat(home.script("", "subject s1\nthreshold rmt 50 --algorithm mlpest\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.cli().err()).contains("a measured threshold takes --evidence emg|visual");
        assertThat(home.script("", "subject s1\nconfirm --all\nthreshold hunt rmt --method emg --mep virtual --fast\n"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.cli().err()).contains("ambiguous").contains("--evidence emg").contains("--algorithm mlpest");

        assertThat(home.script("", "subject s1\nconfirm --all\n"
                + "threshold hunt rmt --algorithm mlpest --mep virtual --fast\n")).isZero();
        assertThat(home.cli().out()).contains("stored for subject s1");
        assertThat(home.script("", "subject s1\nconfirm --all\n"
                + "threshold hunt rmt --method mlpest --mep virtual --fast\n")).isZero();
        assertThat(home.cli().out()).contains("--method is now --algorithm").contains("stored for subject s1");
        assertThat(home.script("", "subject s1\nconfirm --all\nthreshold hunt rmt --mep virtual --fast\n"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(home.cli().err()).contains("threshold hunt needs --algorithm mlpest|rossini|two-threshold|samt");
    }
}
