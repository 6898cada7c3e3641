package org.tmshost.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TestStores;
import org.tmshost.console.ExitCode;
import org.tmshost.record.NewSession;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: {@code protocols show m1-10hz-pain} printed nothing and exited 0; a command's last
 * {@code print} stayed in the buffered writer over standard output. Every listing and show command
 * runs here through the entry point {@code main} uses (byte streams, as {@code System.out}), and
 * what it prints must arrive.
 */
@Tag("unit")
class ListingOutputTest {
    @TempDir
    static Path home;
    private static TmsHostCli cli;

    /** Once for all commands: adding users hashes passwords, which is slow on purpose. */
    @BeforeAll
    static void siteWithUsersAndOneSession() {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            store.createSession(new NewSession("s1", "op1", "five pulses", TmsHostCli.FIVE_PULSES_AT_5_HZ,
                    "simulator", "p", "e", "sim:simulator", true, "PASS", 5), Instant.parse("2026-11-29T09:00:00Z"));
        }
    }

    @AfterAll
    static void restore() {
        cli.close();
    }

    static Stream<Arguments> listingAndShowCommands() {
        return Stream.of(
                Arguments.of("protocols", "m1-10hz-pain"),
                Arguments.of("protocols show m1-10hz-pain", "frequencyHz: 10"),
                Arguments.of("profiles", "magstim-rapid2"),
                Arguments.of("profiles show simulator", "name: simulator"),
                Arguments.of("sessions", "five pulses"),
                Arguments.of("sessions show 1", "five pulses"),
                Arguments.of("sessions hunts s1", "s1"),
                Arguments.of("users list", "op1"),
                Arguments.of("users audit", "op1"),
                Arguments.of("policy", "sha256"),
                Arguments.of("records verify", "records verify"),
                Arguments.of("--version", "tmshost"),
                Arguments.of("--help", "Usage: tmshost"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listingAndShowCommands")
    void printsItsContentThroughTheEntryPointMainUses(String commandLine, String expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TmsHostCommand.execute(commandLine.split(" "), out, err);
        String printed = out.toString(Charset.defaultCharset());
        assertThat(code).as(err.toString(Charset.defaultCharset())).isEqualTo(ExitCode.OK);
        assertThat(printed).contains(expected);
    }
}
