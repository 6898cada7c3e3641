package org.tmshost.hil;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.testing.SocatPtyPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 9, second table: each shipped fault scenario ({@code simulator/scenarios/*.yaml})
 * on each profile with a serial wire, during a real {@code run}: the cause, the exit code
 * (contracts.md §2), the device disarmed (its event log) and the record equal to the device's log.
 * The same ratchet as {@link DeliveryMatrixHilTest}, with its own {@link #KNOWN_OPEN}.
 */
@Tag("hil")
class FaultMatrixHilTest {
    static final List<String> PROFILES = List.of("simulator", "magstim-200", "magstim-bistim", "magstim-rapid2",
            "magstim-super-rapid2", "magventure-r30", "magventure-x100");

    /** The run each profile gets (8 s, so every scenario strikes mid-session); default {@link #RUN}. */
    static final String RUN = "fault-5hz.yaml";
    static final Map<String, String> RUN_FOR_PROFILE = Map.of(
            "magstim-200", "fault-single-pulses.yaml", // a 0.25 Hz device, at 0.2 Hz: 3 pulses in 10 s
            "magstim-bistim", "fault-pairs.yaml"); // a BiStim delivers pairs only: 3 pairs in 10 s

    /** Cells that fail today ("profile / column" -> why, citing an issue). Remove a cell when it passes. */
    static final Map<String, String> KNOWN_OPEN = Map.of();

    /**
     * Cells whose outcome depends on this machine's scheduling: shown, never failing the build. None.
     * The magstim-200 late arrivals once listed here (13-16 ms) were the emulator's device thread blocked
     * in a pty write; {@code simulator / coil-over-temperature} (12.3-13.4 ms) was the emulator in the
     * test's JVM, held by the host's pauses, and a scenario thread reading the device's clock out of
     * turn (docs/hil.md): fixed, and 8 of 8 runs passed since, 5 under two CPU hogs.
     */
    static final Map<String, String> INTERMITTENT = Map.of();

    @Test
    void everyScenarioEndsTheSessionWithItsCauseDisarmedAndRecordedAsDelivered(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "the fault matrix needs socat for its pseudo-terminals");
        Assumptions.assumeFalse(HilRig.onHardware(), "fault scenarios need the simulator");
        long started = System.nanoTime();
        List<Path> scenarioFiles;
        try (Stream<Path> files = Files.list(Path.of("simulator/scenarios"))) {
            scenarioFiles = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> columns = scenarioFiles.stream().map(f -> f.getFileName().toString().replace(".yaml", "")).toList();
        MatrixTable table = new MatrixTable("profile \\ scenario", columns);
        MatrixRatchet ratchet = new MatrixRatchet(KNOWN_OPEN, INTERMITTENT);
        MatrixWarmUp.run(dir.resolve("warm-up"));
        for (String profileName : PROFILES) {
            HardwareProfile profile = MatrixProfiles.shipped(profileName);
            RecordVsDeviceLog comparison = RecordVsDeviceLog.forLatenessLimit(profile.timing().latenessLimitMicros());
            Path run = DeliveryMatrixHilTest.PROTOCOL_DIR.resolve(RUN_FOR_PROFILE.getOrDefault(profileName, RUN));
            for (Path file : scenarioFiles) {
                String column = file.getFileName().toString().replace(".yaml", "");
                FaultScenario scenario = FaultScenario.read(file);
                table.put(profileName, column, ratchet.run(profileName + " / " + column, () -> {
                    Path cellDir = Files.createTempDirectory(dir, profileName + "-" + column + "-");
                    return FaultJudgement.judge(MatrixCellRun.run(cellDir, profile,
                            MatrixProfiles.argument(profileName, cellDir), run, Optional.of(file)), scenario,
                            profile, comparison);
                }));
            }
        }
        table.note("");
        table.note(String.format(Locale.ROOT, "Fault matrix: %d profiles x %d scenarios in %.0f s; expected: link-drop, "
                        + "garbled-replies, reply-stall -> 4 LINK_LOSS; device-fault -> 4 DEVICE_ERROR; "
                        + "spontaneous-disarm -> 4 UNEXPECTED_DISARM; coil-over-temperature -> 5 COIL_OVER_TEMPERATURE; "
                        + "device disarmed at the end; record = device log (as in the delivery matrix).",
                PROFILES.size(), columns.size(), (System.nanoTime() - started) / 1e9));
        table.note("* = known open (issue 11). Details of every failing cell:");
        ratchet.details().forEach(table::note);
        table.publish(Path.of("target", "fault-matrix.txt"));
        assertThat(ratchet.violations()).as("the fault matrix ratchet").isEmpty();
    }
}
