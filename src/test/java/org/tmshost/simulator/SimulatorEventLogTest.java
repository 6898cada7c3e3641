package org.tmshost.simulator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.simulator.magstim.EmulatorEvent;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SimulatorEventLogTest {
    @Test
    void aBiStimSimultaneousDischargeIsOnePulseLineFlaggedSimultaneous(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev.jsonl");
        try (SimulatorEventLog log = new SimulatorEventLog(file)) {
            new EmulatorEvent.Pulse(0, 10, 50, 0).deliverTo(log);
            new EmulatorEvent.Pulse(1, 20, 40, 1).deliverTo(log);
            new EmulatorEvent.Pulse(2, 30, 60, 0, true).deliverTo(log);
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"event\":\"pulse\",\"index\":0,\"atNanos\":10,\"outputPercentMso\":50,\"channel\":0}",
                "{\"event\":\"pulse\",\"index\":1,\"atNanos\":20,\"outputPercentMso\":40,\"channel\":1}",
                "{\"event\":\"pulse\",\"index\":2,\"atNanos\":30,\"outputPercentMso\":60,\"channel\":0,\"simultaneous\":true}");
    }
}
