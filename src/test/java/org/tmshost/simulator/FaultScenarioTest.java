package org.tmshost.simulator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class FaultScenarioTest {
    private long nowNanos;

    private SimulatedStimulator armedDevice() throws Exception {
        SimulatedStimulator device = new SimulatedStimulator(HardwareProfiles.load("simulator"), () -> nowNanos,
                CoilThermalModel.Parameters.bundled(), 100, 0);
        device.setOutput(0, 50);
        device.arm();
        return device;
    }

    private ScenarioPlayer player(String file, SimulatedStimulator device) throws Exception {
        return new ScenarioPlayer(FaultScenario.read(Path.of("simulator/scenarios", file)), device, () -> nowNanos);
    }

    @Test
    void everyShippedScenarioParses() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("simulator/scenarios"))) {
            for (Path file : files.toList()) {
                assertThat(FaultScenario.read(file).faults()).isNotEmpty();
            }
        }
    }

    @Test
    void aDeviceFaultAtPulse10DisarmsAfterTheTenthPulse() throws Exception {
        SimulatedStimulator device = armedDevice();
        ScenarioPlayer player = player("device-fault.yaml", device);
        for (int i = 0; i < 12; i++) {
            player.poll();
            nowNanos += 100_000_000L;
            device.fire(i, 50, 0);
        }
        assertThat(device.groundTruth().size()).isEqualTo(10);
        assertThat(device.status().faultCode()).isEqualTo("E01");
        assertThat(device.status().armed()).isFalse();
    }

    @Test
    void coilOverTemperatureStopsTheDevice() throws Exception {
        SimulatedStimulator device = armedDevice();
        ScenarioPlayer player = player("coil-over-temperature.yaml", device);
        for (int i = 0; i < 25; i++) {
            player.poll();
            nowNanos += 100_000_000L;
            device.fire(i, 50, 0);
        }
        assertThat(device.groundTruth().size()).isEqualTo(20);
        assertThat(device.status().faultCode()).isEqualTo(SimulatedStimulator.COIL_OVER_TEMPERATURE);
    }

    @Test
    void aSpontaneousDisarmHappensAtItsTime() throws Exception {
        SimulatedStimulator device = armedDevice();
        ScenarioPlayer player = player("spontaneous-disarm.yaml", device);
        nowNanos += 3_900_000_000L;
        player.poll();
        assertThat(device.status().armed()).isTrue();
        nowNanos += 200_000_000L;
        assertThat(player.poll()).isEqualTo(1);
        assertThat(device.status().armed()).isFalse();
        assertThat(device.status().faultCode()).isNull();
    }

    @Test
    void linkFaultsDropStallAndGarbleWhatTheDeviceSends() throws Exception {
        SimulatedStimulator device = armedDevice();
        PipeTransport[] pipe = PipeTransport.pair("t");
        Transport faulty = player("reply-stall.yaml", device).wrap(pipe[1]);
        byte[] buffer = new byte[8];
        faulty.write(new byte[]{1, 2});
        assertThat(pipe[0].read(buffer, 0, 8, 100)).isEqualTo(2);
        nowNanos += 2_500_000_000L; // inside the 2..5 s stall
        faulty.write(new byte[]{3});
        assertThat(pipe[0].read(buffer, 0, 8, 20)).isZero();
        nowNanos += 3_000_000_000L; // after it
        faulty.write(new byte[]{4});
        assertThat(pipe[0].read(buffer, 0, 8, 100)).isEqualTo(1);

        PipeTransport[] pipe2 = PipeTransport.pair("g");
        Transport garbled = player("garbled-replies.yaml", device).wrap(pipe2[1]);
        nowNanos += 2_000_000_000L;
        byte[] zeros = new byte[2000];
        garbled.write(zeros);
        byte[] received = new byte[2000];
        int got = 0;
        while (got < received.length) {
            got += pipe2[0].read(received, got, received.length - got, 1000);
        }
        long corrupted = java.util.stream.IntStream.range(0, received.length).filter(i -> received[i] != 0).count();
        assertThat(corrupted).isBetween(50L, 150L); // 5% of 2000, seeded

        PipeTransport[] pipe3 = PipeTransport.pair("d");
        nowNanos = 0;
        Transport dropped = player("link-drop.yaml", device).wrap(pipe3[1]);
        nowNanos += 3_000_000_000L;
        assertThatThrownBy(() -> dropped.write(new byte[]{1})).isInstanceOf(LinkClosedException.class);
        assertThatThrownBy(() -> pipe3[0].read(buffer, 0, 1, 100)).isInstanceOf(LinkClosedException.class);
    }

    @Test
    void aFaultNeedsExactlyOneTriggerAndItsParameters() {
        InvalidFileException e = catchThrowableOfType(InvalidFileException.class, () -> FaultScenario.parse("s.yaml",
                "name: x\nfaults:\n  - kind: garble\n    atSeconds: 1\n    atPulse: 3\n"));
        assertThat(e.getMessage()).contains("exactly one of atSeconds or atPulse").contains("rate");
        assertThat(catchThrowableOfType(InvalidFileException.class, () -> FaultScenario.parse("s.yaml",
                "name: x\nfaults:\n  - kind: meteor\n    atSeconds: 1\n")).getMessage()).contains("link-drop");
    }
}
