package org.tmshost.simulator.standalone;

import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.magstim.EmulatorSettings;
import org.tmshost.simulator.magstim.MagstimEmulator;
import org.tmshost.simulator.EmulatorServer;
import org.tmshost.simulator.magventure.MagProEmulator;

/** Picks the emulator of a profile's wire protocol. */
final class WireEmulators {
    private WireEmulators() {
    }

    static boolean canServe(HardwareProfile profile) {
        return !profile.wireProtocol().equals("ttl");
    }

    static ServedDevice serve(HardwareProfile profile, Transport transport, DeviceEventListener events) {
        if (profile.wireProtocol().equals("magventure-magpro")) {
            EmulatorServer<MagProEmulator> server = MagProEmulator.serve(profile, transport,
                    MagProEmulator.Options.defaults().withEventLog(events));
            return new ServedDevice() {
                public boolean serving() {
                    return server.serving();
                }

                public org.tmshost.simulator.SimulatedStimulator model() {
                    return server.emulator().device();
                }

                public void close() {
                    server.close();
                }
            };
        }
        if (profile.wireProtocol().startsWith("magstim-")) {
            EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, transport,
                    EmulatorSettings.defaults().withEvents(event -> event.deliverTo(events)));
            return new ServedDevice() {
                public boolean serving() {
                    return server.serving();
                }

                public org.tmshost.simulator.SimulatedStimulator model() {
                    return server.emulator().model();
                }

                public void close() {
                    server.close();
                }
            };
        }
        throw new IllegalArgumentException("profile " + profile.name() + " has no wire protocol to serve ("
                + profile.wireProtocol() + "): a TTL rig is simulated in-process, e.g. dry-run or a sim: device");
    }
}
