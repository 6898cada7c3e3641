package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.record.MeasurementRow;
import org.tmshost.record.MeasurementTrialRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.simulator.SimulatorEventLog;
import org.tmshost.simulator.standalone.StandaloneSimulator;
import org.tmshost.testing.SocatPtyPair;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 on the devices: {@code tmshost measure excitability} as a lab types it, on the BiStim² and
 * the MagPro X100 (Dual mode) emulators served on a socat pseudo-terminal ({@code serial:PTY}), real
 * time, the MEPs from a file as an EMG system's export. The record equals the device's own log, trial
 * by trial and pulse by pulse: each recorded trial's units, outputs and interval (within the device's
 * 0.1 ms step) are the pulses the device logged, in order, and the device logged nothing else. A test
 * pulse alone is unit A at the test output with unit B at 0 % (no field: the log's 0 % entries are not
 * pulses). One trial per condition, 4 s apart without jitter, keeps it short.
 */
@Tag("hil")
class MeasureCommandHilTest {
    private static final long RESOLUTION_NANOS = 100_000L;

    @ParameterizedTest
    @ValueSource(strings = {"magstim-bistim", "magventure-x100"})
    void theRecordOfAMeasurementEqualsTheDevicesOwnLogPulseByPulse(String profileName, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "needs socat for the pseudo-terminal");
        HardwareProfile profile = HardwareProfiles.load(profileName);
        Path log = dir.resolve("device-events.jsonl");
        Path meps = Files.writeString(dir.resolve("meps.txt"), "# peak-to-peak uV, one per trial\n812\n305\n1210\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        JsonNode result;
        try (StandaloneSimulator simulator = new StandaloneSimulator(profile, Optional.empty(), new SimulatorEventLog(log));
             TmsHostCli cli = new TmsHostCli(home)) {
            Path pty = simulator.servePty(dir.resolve("ttyTMS"));
            int code = cli.run("", "measure", "excitability", "--device", "serial:" + pty + "?profile=" + profileName,
                    "--profile", profileName, "--subject", "S01", "--rmt", "50", "--conditions", "test,sici-2,icf-10",
                    "--trials", "1", "--interval", "4", "--jitter", "0", "--mep", "stream:" + meps, "--seed", "17",
                    "--operator", "op1", "--yes", "--json");
            assertThat(code).as(cli.err()).isZero();
            result = new ObjectMapper().readTree(cli.out());
            assertThat(result.path("simulation").asBoolean()).as("a serial device is no simulation to the host").isFalse();
            MeasurementRow row;
            try (RecordStore store = RecordStore.open(TmsHome.resolve().database())) {
                row = store.measurement(result.path("measurementId").asLong()).orElseThrow();
                assertThat(store.verifyMeasurement(row.id()).fails()).isFalse();
            }
            assertThat(row.outcome()).contains("COMPLETED");
            assertThat(row.trials()).hasSize(3).allSatisfy(t -> assertThat(t.testGiven()).isTrue());
            assertThat(row.trials()).extracting(t -> t.amplitudeMicrovolts().orElseThrow())
                    .containsExactly(812.0, 305.0, 1210.0);

            List<JsonNode> pulses = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(log)) {
                JsonNode event = line.isBlank() ? null : json.readTree(line);
                if (event != null && event.path("event").asText().equals("pulse")
                        && event.path("outputPercentMso").asInt() > 0) {
                    pulses.add(event);
                }
            }
            int next = 0;
            for (MeasurementTrialRow t : row.trials()) {
                String what = "trial " + (t.trialIndex() + 1) + " (" + t.condition() + ")";
                if (t.conditioningPercentMso() > 0) {
                    JsonNode conditioning = pulses.get(next++);
                    JsonNode test = pulses.get(next++);
                    assertThat(conditioning.path("channel").asInt()).as(what).isZero();
                    assertThat(conditioning.path("outputPercentMso").asInt()).as(what).isEqualTo(t.conditioningPercentMso());
                    assertThat(test.path("channel").asInt()).as(what).isEqualTo(1);
                    assertThat(test.path("outputPercentMso").asInt()).as(what).isEqualTo(t.testPercentMso());
                    long interval = test.path("atNanos").asLong() - conditioning.path("atNanos").asLong();
                    assertThat(Math.abs(interval - t.isiNanos())).as(what + ": " + interval + " ns on the device")
                            .isLessThan(RESOLUTION_NANOS);
                } else {
                    JsonNode alone = pulses.get(next++);
                    assertThat(alone.path("channel").asInt()).as(what + ": unit A alone").isZero();
                    assertThat(alone.path("outputPercentMso").asInt()).as(what).isEqualTo(t.testPercentMso());
                }
            }
            assertThat(pulses).as("the device gave nothing the record does not hold").hasSize(next);
            assertThat(row.pulses()).isEqualTo(next);
        }
    }
}
