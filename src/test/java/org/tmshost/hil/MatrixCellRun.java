package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.testing.TmsHostCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cell of a delivery matrix, run the way a lab or CI script runs it: {@code tmshost run FILE
 * --device serial:PTY?profile=P ...} through the in-process command line ({@link TmsHostCli}) with a
 * fresh {@code TMSHOST_HOME}, against {@code tmshost simulate --pty --log} of the same profile in a
 * process of its own ({@link SimulatorProcess}: the host's JVM pauses must not stop the device). A
 * profile without a wire protocol (a TTL rig) runs on {@code sim:P} and has no device log.
 */
final class MatrixCellRun {
    private static final Pattern SESSION_ID = Pattern.compile("(?m)^session (\\d+) prepared");
    /** How long a device may take to disarm after the host let go: one armed lease (1 s) and margin. */
    private static final long DISARM_WAIT_MILLIS = 3_000;
    /** A device still armed then (a MagPro cut off its link) is watched until its pulses stop. */
    private static final long RUN_OUT_QUIET_MILLIS = 1_500;
    private static final long RUN_OUT_WAIT_MILLIS = 15_000;

    /**
     * What a cell produced.
     *
     * @param output        the command's standard output and error
     * @param session       {@code sessions show ID --json}, when a session was created
     * @param deviceEvents  the simulator's event log; empty for a {@code sim:} device
     * @param disarmedAtEnd the device was not armed once the command returned (true without a log)
     */
    record Observation(int exitCode, String output, Optional<JsonNode> session, Optional<List<JsonNode>> deviceEvents,
                       boolean disarmedAtEnd) {
        boolean deviceArmed() {
            return deviceEvents.map(events -> events.stream().anyMatch(e -> e.get("event").asText().equals("armed")))
                    .orElse(false);
        }
    }

    private MatrixCellRun() {
    }

    /**
     * Runs {@code protocol} on {@code profile}. {@code profileFile} is what {@code --profile} gets (the
     * shipped name, or a copy with a relaxed lateness limit; its {@code name} is the profile's).
     */
    static Observation run(Path dir, HardwareProfile profile, String profileArgument, Path protocol,
                           Optional<Path> scenario) throws Exception {
        Files.createDirectories(dir);
        if (profile.link().isEmpty()) {
            return runCommand(dir, profileArgument, protocol, "sim:" + profile.name(), null);
        }
        try (SimulatorProcess simulator = SimulatorProcess.start(dir, profile.name(), scenario)) {
            Observation observed = runCommand(dir, profileArgument, protocol,
                    "serial:" + simulator.pty() + "?profile=" + profile.name(), simulator);
            return new Observation(observed.exitCode(), observed.output(), observed.session(),
                    Optional.of(simulator.events()), observed.disarmedAtEnd());
        }
    }

    private static Observation runCommand(Path dir, String profileArgument, Path protocol, String device,
                                          SimulatorProcess simulator) throws Exception {
        try (TmsHostCli cli = new TmsHostCli(Files.createDirectories(dir.resolve("home")))) {
            int exit = cli.run("", "run", protocol.toString(), "--device", device, "--profile", profileArgument,
                    "--rmt", "50", "--amt", "35", "--mt-method", "emg", "--subject", "S01", "--operator", "op1",
                    "--yes");
            String output = cli.out() + cli.err();
            boolean disarmed = simulator == null || simulator.awaitDisarmed(DISARM_WAIT_MILLIS);
            if (!disarmed) {
                simulator.awaitQuiet(RUN_OUT_QUIET_MILLIS, RUN_OUT_WAIT_MILLIS); // a device left running finishes its train
            }
            Optional<JsonNode> session = Optional.empty();
            Matcher id = SESSION_ID.matcher(output);
            if (id.find()) {
                if (cli.run("", "sessions", "show", id.group(1), "--json") != 0) {
                    throw new IllegalStateException("sessions show " + id.group(1) + " failed: " + cli.err());
                }
                session = Optional.of(new ObjectMapper().readTree(cli.out()));
            }
            return new Observation(exit, output, session, Optional.empty(), disarmed);
        }
    }

    static List<JsonNode> readLog(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                events.add(json.readTree(line));
            }
        }
        return events;
    }
}
