package org.tmshost.console;

import org.tmshost.device.DeviceProviders;
import org.tmshost.device.magstim.MagstimProvider;
import org.tmshost.device.magventure.MagProProvider;
import org.tmshost.device.ttl.PanelOperator;
import org.tmshost.device.ttl.TtlRigProvider;
import org.tmshost.simulator.SimulationProvider;

import org.tmshost.timing.Clock;

/** The devices {@code run}, {@code continue} and {@code console} open: every provider tmshost ships. */
public final class Devices {
    private Devices() {
    }

    /**
     * @param simulationClock the clock {@code sim:} devices run on
     * @param panel           who confirms a TTL rig's panel output
     */
    public static DeviceProviders offered(Clock simulationClock, PanelOperator panel) {
        return DeviceProviders.of(new SimulationProvider(simulationClock), new MagstimProvider(), new MagProProvider(),
                new TtlRigProvider(panel));
    }
}
