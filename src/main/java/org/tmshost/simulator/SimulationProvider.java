package org.tmshost.simulator;

import org.tmshost.device.DeviceProvider;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;

import org.tmshost.timing.Clock;

/**
 * {@code sim:PROFILE} for every profile, so any device can be dry-run: a TTL rig as the trigger-line
 * code on Pi4J's mock platform, any other device as the in-process simulated stimulator. Either
 * identifies itself as a SIMULATION.
 */
public final class SimulationProvider implements DeviceProvider {
    private final Clock clock;

    /** On {@link System#nanoTime}. */
    public SimulationProvider() {
        this(System::nanoTime);
    }

    /** On {@code clock} (the console's, which fast threshold hunts move forward). */
    public SimulationProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "sim:PROFILE, any profile, simulated in this process";
    }

    @Override
    public boolean opens(DeviceUri uri, HardwareProfile profile) {
        return uri.scheme() == DeviceUri.Scheme.SIM;
    }

    @Override
    public Stimulator open(DeviceUri uri, HardwareProfile profile) {
        if (profile.wireProtocol().equals("ttl")) {
            return new SimulatedTtlRig(profile);
        }
        return new SimulatedStimulator(profile, clock, CoilThermalModel.Parameters.bundled(), 1 << 16);
    }
}
