package org.tmshost.testing;

import org.tmshost.cli.TmsHostCommand;
import org.tmshost.profile.SiteLimits;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The {@code tmshost} command line in-process, for tests: a temporary {@code TMSHOST_HOME} (set
 * through the {@code tmshost.home} property and restored by {@link #close()}), standard input per
 * call, captured output, site users, and the simulator profile relaxed for a VM that is not a
 * real-time host.
 */
public final class TmsHostCli implements AutoCloseable {
    /** A short protocol for session tests: 5 pulses at 5 Hz at 80% RMT. */
    public static final String FIVE_PULSES_AT_5_HZ = """
            name: five pulses
            kind: rtms
            frequencyHz: 5
            pulsesPerTrain: 5
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;

    /** 60 pulses at 20 Hz at 100% RMT: a 3 s train, NEEDS_OVERRIDE (Rossi 2009 train duration). */
    public static final String NEEDS_OVERRIDE_TRAIN = """
            name: long 20 Hz train
            kind: rtms
            frequencyHz: 20
            pulsesPerTrain: 60
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 100% RMT
            """;

    private final Path home;
    private final String previousHome;
    private final String previousRecords;
    private final InputStream previousIn;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public TmsHostCli(Path home) {
        this.home = home;
        this.previousHome = System.getProperty(TmsHome.PROPERTY);
        this.previousRecords = System.getProperty(RecordsLocation.PROPERTY);
        this.previousIn = System.in;
        System.setProperty(TmsHome.PROPERTY, home.toString());
        if (TestStores.postgres()) { // the suite's run on a site database: this home's records are its own database there
            System.setProperty(RecordsLocation.PROPERTY, TestStores.recordsFor(home));
        }
    }

    /** Runs one command line with {@code stdin} as standard input; returns its exit code. */
    public int run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return TmsHostCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /**
     * Site users sup (supervisor, password supervisor-pass; the site's first user) and op1 (operator,
     * operator-pass, added by sup).
     */
    public void addSiteUsers() {
        if (run("supervisor-pass\n", "users", "add", "sup", "--role", "supervisor") != 0
                || run("supervisor-pass\noperator-pass\n", "users", "add", "op1", "--role", "operator", "--as", "sup") != 0) {
            throw new IllegalStateException("could not add site users: " + err());
        }
    }

    /**
     * The simulator profile as a file in the home, with a 20 ms lateness limit (the scheduler still
     * caps it at 10% of each interval): the build VM is not a real-time host. It is installed into
     * the home's site as the profile {@code simulator}, as a supervisor would install it, so sessions
     * under it need no approval for an uninstalled profile.
     */
    public Path relaxedSimulatorProfile() throws IOException {
        try (InputStream in = TmsHostCli.class.getResourceAsStream("/hardware-profiles/simulator.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("latenessLimitMicros: 1000", "latenessLimitMicros: 20000");
            SiteLimits.at(home.resolve("limits")).installProfile("simulator", text, "test-setup", Instant.now());
            return Files.writeString(home.resolve("simulator.yaml"), text);
        }
    }

    @Override
    public void close() {
        if (previousHome == null) {
            System.clearProperty(TmsHome.PROPERTY);
        } else {
            System.setProperty(TmsHome.PROPERTY, previousHome);
        }
        if (previousRecords == null) {
            System.clearProperty(RecordsLocation.PROPERTY);
        } else {
            System.setProperty(RecordsLocation.PROPERTY, previousRecords);
        }
        System.setIn(previousIn);
    }
}
