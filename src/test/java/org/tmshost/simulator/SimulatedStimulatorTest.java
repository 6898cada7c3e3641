package org.tmshost.simulator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class SimulatedStimulatorTest {
    private long nowNanos;

    private SimulatedStimulator device(String profile) throws Exception {
        HardwareProfile hardware = HardwareProfiles.load(profile);
        return new SimulatedStimulator(hardware, () -> nowNanos, CoilThermalModel.Parameters.bundled(), 100);
    }

    @Test
    void firesOnlyWhenArmed() throws Exception {
        SimulatedStimulator device = device("simulator");
        device.setOutput(0, 40);
        device.fire(0, 40, 0);
        assertThat(device.groundTruth().size()).isZero();
        assertThat(device.lastRefusal()).isEqualTo(SimulatedStimulator.NOT_ARMED);
        device.arm();
        device.fire(1, 40, 0);
        assertThat(device.lastRefusal()).isEqualTo(SimulatedStimulator.NOT_READY); // still charging
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        assertThat(device.status().ready()).isTrue();
        device.fire(1, 40, 0);
        assertThat(device.groundTruth().size()).isEqualTo(1);
        assertThat(device.groundTruth().hostIndex(0)).isEqualTo(1);
        device.disarm();
        nowNanos += 1_000_000_000L;
        device.fire(2, 40, 0);
        assertThat(device.groundTruth().size()).isEqualTo(1);
    }

    @Test
    void refusesPulsesFasterThanTheRateAtTheirOutputAsTheRapid2Does() throws Exception {
        SimulatedStimulator device = device("magstim-rapid2");
        device.setOutput(0, 50); // 30 Hz allowed at 50%
        device.arm();
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        device.fire(0, 50, 0);
        nowNanos += 33_333_334L; // just slower than 30 Hz
        device.fire(1, 50, 0);
        nowNanos += 25_000_000L; // 40 Hz: too fast at 50%
        device.fire(2, 50, 0);
        assertThat(device.groundTruth().size()).isEqualTo(2);
        assertThat(device.refusedPulses()).isEqualTo(1);
        assertThat(device.lastRefusal()).isEqualTo(SimulatedStimulator.RATE_LIMIT);
        assertThat(device.status().faulted()).isFalse(); // a refused pulse is not a device error
    }

    @Test
    void aRapid2RefusesATrainBeyondItsEnergyBudgetAndATrainStartedBeforeItRecharged() throws Exception {
        SimulatedStimulator device = device("magstim-rapid2");
        device.setOutput(0, 100); // 252 J a pulse: 63,000 J is 250 pulses; 15 Hz allowed at 100%
        device.arm();
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        for (int i = 0; i < 251; i++) {
            device.fire(i, 100, 0);
            nowNanos += 100_000_000L; // 10 Hz
        }
        assertThat(device.groundTruth().size()).isEqualTo(250);
        assertThat(device.lastRefusal()).isEqualTo(SimulatedStimulator.ENERGY_LIMIT);
        // the train drew 63,000 J in 250 / 10 Hz = 25 s: it needs 63000 / 1050 - 25 = 35 s to recharge
        nowNanos += 34_700_000_000L; // 34.9 s after its last pulse
        device.fire(251, 100, 0);
        assertThat(device.groundTruth().size()).isEqualTo(250);
        nowNanos += 200_000_000L; // 35.1 s
        device.fire(252, 100, 0);
        assertThat(device.groundTruth().size()).isEqualTo(251);
    }

    @Test
    void deliversTheOutputItIsSetToAndReadsItBack() throws Exception {
        SimulatedStimulator device = device("simulator");
        assertThat(device.setOutput(0, 63)).isEqualTo(63);
        assertThatThrownBy(() -> device.setOutput(0, 101)).isInstanceOf(DeviceFault.class);
        device.arm();
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        device.fire(0, 63, 0);
        assertThat(device.groundTruth().outputPercentMso(0)).isEqualTo(63);
    }

    @Test
    void theCoilHeatsWithPulsesCoolsTowardAmbientAndStopsFiringWhenTooHot() throws Exception {
        SimulatedStimulator device = device("simulator");
        device.setOutput(0, 100);
        device.arm();
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        double before = device.status().coilTemperatureCelsius();
        for (int i = 0; i < 100; i++) {
            nowNanos += 50_000_000L;
            device.fire(i, 100, 0);
        }
        double hot = device.status().coilTemperatureCelsius();
        assertThat(hot).isGreaterThan(before + 2);
        nowNanos += 3_600_000_000_000L;
        assertThat(device.status().coilTemperatureCelsius()).isLessThan(before + 0.1);

        device.forceCoilTemperature(44.0); // above the simulator profile's 43 C stop temperature
        nowNanos += 1_000_000L;
        device.fire(100, 100, 0);
        assertThat(device.status().faultCode()).isEqualTo(SimulatedStimulator.COIL_OVER_TEMPERATURE);
        assertThat(device.status().armed()).isFalse();
        assertThatThrownBy(device::arm).isInstanceOf(DeviceFault.class);
    }

    @Test
    void saysItIsASimulation() throws Exception {
        assertThat(device("simulator").identify().simulated()).isTrue();
        assertThat(device("simulator").identify().model()).contains("SIMULATION");
    }

    @Test
    void runsALoadedTrainOnItsOwnTimerAndADisarmStopsItMidTrain() throws Exception {
        SimulatedStimulator device = device("magstim-rapid2");
        device.setOutput(0, 40);
        device.load(org.tmshost.device.TrainSetting.train(10, 100_000_000L)); // 10 pulses at 10 Hz
        device.arm();
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        long start = nowNanos;
        device.starter().fire(20, 40, 0);
        assertThat(device.deliveredPulseCount()).isEqualTo(1);
        nowNanos += 350_000_000L;
        device.disarm(); // pulses at 0, 100, 200, 300 ms were due; the one at 400 ms never comes
        nowNanos += 1_000_000_000L;
        assertThat(device.deliveredPulseCount()).isEqualTo(4);
        GroundTruthLog truth = device.groundTruth();
        for (int k = 0; k < 4; k++) {
            assertThat(truth.atNanos(k)).isEqualTo(start + k * 100_000_000L);
            assertThat(truth.hostIndex(k)).isEqualTo(20 + k);
        }
    }

    @Test
    void aTrainStartWithoutALoadedTrainOrWhileOneRunsIsRefused() throws Exception {
        SimulatedStimulator device = device("magstim-rapid2");
        device.setOutput(0, 40);
        device.arm();
        nowNanos += SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS;
        device.starter().fire(0, 40, 0);
        assertThat(device.lastRefusal()).isEqualTo(SimulatedStimulator.NO_TRAIN_LOADED);
        device.load(org.tmshost.device.TrainSetting.train(5, 100_000_000L));
        device.starter().fire(0, 40, 0);
        nowNanos += 100_000_000L;
        device.starter().fire(5, 40, 0);
        assertThat(device.lastRefusal()).isEqualTo(SimulatedStimulator.TRAIN_RUNNING);
        nowNanos += 1_000_000_000L;
        assertThat(device.deliveredPulseCount()).isEqualTo(5);
    }
}
