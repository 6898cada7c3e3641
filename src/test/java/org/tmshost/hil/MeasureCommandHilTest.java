package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
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
 * 0.1 ms step) are the pulses the device logged, in order, and the device logged nothing else, also
 * when the operator stops it. A test pulse alone is unit A at the test output with unit B at 0 % (no
 * field: the log's 0 % entries are not pulses). One trial per condition, 4 s apart without jitter,
 * keeps it short.
 */
@Tag("hil")
class MeasureCommandHilTest {
    private static final long RESOLUTION_NANOS = 100_000L;


    /** The MagPro X100 in Dual mode: a whole measurement, the MEPs from a file. */
    @Test
    void theRecordOfAMeasurementEqualsTheDevicesOwnLogPulseByPulse(@TempDir Path dir) throws Exception {
        Path meps = Files.writeString(dir.resolve("meps.txt"), "# peak-to-peak uV, one per trial\n812\n305\n1210\n");
        Measured m = measure("magventure-x100", dir, "", "--mep", "stream:" + meps);
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(m.row().outcome()).contains("COMPLETED");
        assertThat(m.row().trials()).hasSize(3).allSatisfy(t -> assertThat(t.testGiven()).isTrue());
        assertThat(m.row().trials()).extracting(t -> t.amplitudeMicrovolts().orElseThrow())
                .containsExactly(812.0, 305.0, 1210.0);
        expectRecordIsTheDevicesLog(m);
    }

    /**
     * The BiStim²: the operator types two MEPs, then {@code stop} at the third trial's prompt. The third
     * trial was given (its MEP not read), it is in the record, and the device gave nothing after it.
     */
    @Test
    void aMeasurementStoppedByTheOperatorKeepsEveryTrialTheDeviceGaveAndNothingMore(@TempDir Path dir)
            throws Exception {
        Measured m = measure("magstim-bistim", dir, "812\n305\nstop\n", "--mep", "operator");
        assertThat(m.code()).as(m.err()).isEqualTo(5);
        assertThat(m.err()).contains("stopped by op1");
        assertThat(m.row().outcome()).contains("STOPPED");
        assertThat(m.row().trials()).hasSize(3);
        assertThat(m.row().trials()).extracting(t -> t.amplitudeMicrovolts().orElse(-1.0))
                .containsExactly(812.0, 305.0, -1.0);
        expectRecordIsTheDevicesLog(m);
    }

    private record Measured(int code, String err, MeasurementRow row, List<JsonNode> pulses) {
    }

    /** {@code measure excitability} on the profile's emulator over a pty: test, sici-2, icf-10 once each, 4 s apart. */
    private static Measured measure(String profileName, Path dir, String stdin, String... mep) throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "needs socat for the pseudo-terminal");
        HardwareProfile profile = HardwareProfiles.load(profileName);
        Path log = dir.resolve("device-events.jsonl");
        Path home = Files.createDirectories(dir.resolve("home"));
        try (StandaloneSimulator simulator = new StandaloneSimulator(profile, Optional.empty(), new SimulatorEventLog(log));
             TmsHostCli cli = new TmsHostCli(home)) {
            Path pty = simulator.servePty(dir.resolve("ttyTMS"));
            List<String> args = new ArrayList<>(List.of("measure", "excitability", "--device",
                    "serial:" + pty + "?profile=" + profileName, "--profile", profileName, "--subject", "S01", "--rmt", "50",
                    "--conditions", "test,sici-2,icf-10", "--trials", "1", "--interval", "4", "--jitter", "0", "--seed",
                    "17", "--operator", "op1", "--yes"));
            args.addAll(List.of(mep));
            int code = cli.run(stdin, args.toArray(String[]::new));
            MeasurementRow row;
            try (RecordStore store = RecordStore.open(TmsHome.resolve().database())) {
                List<MeasurementRow> rows = store.measurements("s01");
                assertThat(rows).as(cli.err()).hasSize(1);
                row = rows.get(0);
                assertThat(row.measurement().simulated()).as("a serial device is no simulation to the host").isFalse();
                assertThat(store.verifyMeasurement(row.id()).fails()).isFalse();
            }
            List<JsonNode> pulses = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(log)) {
                JsonNode event = line.isBlank() ? null : json.readTree(line);
                if (event != null && event.path("event").asText().equals("pulse")
                        && event.path("outputPercentMso").asInt() > 0) {
                    pulses.add(event);
                }
            }
            return new Measured(code, cli.err(), row, pulses);
        }
    }

    /** Each recorded trial's units, outputs and interval are the device's logged pulses, in order, and no more. */
    private static void expectRecordIsTheDevicesLog(Measured m) {
        List<JsonNode> pulses = m.pulses();
        int next = 0;
        for (MeasurementTrialRow t : m.row().trials()) {
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
        assertThat(m.row().pulses()).isEqualTo(next);
    }
}
