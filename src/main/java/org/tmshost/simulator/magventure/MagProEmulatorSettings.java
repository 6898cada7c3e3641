package org.tmshost.simulator.magventure;

import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.SimulatedStimulator;

import org.tmshost.timing.Clock;

/** How an emulated MagPro runs (the Magstim emulator's counterpart is {@code MagstimEmulatorSettings}). */
public record MagProEmulatorSettings(Clock clockNanos, long armLatencyNanos, CoilThermalModel.Parameters coil,
                                     int serialNumber, int coilType, DeviceEventListener eventLog) {
    /** System clock, ~1 s arm latency, the bundled coil model, a Cool-B65 coil (type 60). */
    public static MagProEmulatorSettings defaults() {
        return new MagProEmulatorSettings(System::nanoTime, SimulatedStimulator.DEFAULT_ARM_LATENCY_NANOS,
                CoilThermalModel.Parameters.bundled(), 123456, 60, DeviceEventListener.NONE);
    }

    public MagProEmulatorSettings withClock(Clock clock) {
        return new MagProEmulatorSettings(clock, armLatencyNanos, coil, serialNumber, coilType, eventLog);
    }

    public MagProEmulatorSettings withArmLatencyNanos(long latency) {
        return new MagProEmulatorSettings(clockNanos, latency, coil, serialNumber, coilType, eventLog);
    }

    public MagProEmulatorSettings withEventLog(DeviceEventListener log) {
        return new MagProEmulatorSettings(clockNanos, armLatencyNanos, coil, serialNumber, coilType, log);
    }

    public MagProEmulatorSettings withSerialNumber(int serial) {
        return new MagProEmulatorSettings(clockNanos, armLatencyNanos, coil, serial, coilType, eventLog);
    }

    public MagProEmulatorSettings withCoilType(int type) {
        return new MagProEmulatorSettings(clockNanos, armLatencyNanos, coil, serialNumber, type, eventLog);
    }
}
