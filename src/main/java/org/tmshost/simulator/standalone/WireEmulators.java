package org.tmshost.simulator.standalone;

import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.SimulatedUnit;
import org.tmshost.simulator.magstim.MagstimEmulatorSettings;
import org.tmshost.simulator.magstim.MagstimEmulator;
import org.tmshost.simulator.magventure.MagProEmulator;
import org.tmshost.simulator.magventure.MagProEmulatorSettings;

/** Picks the emulator of a profile's wire protocol. */
final class WireEmulators {
    private WireEmulators() {
    }

    static boolean canServe(HardwareProfile profile) {
        return !profile.wireProtocol().equals("ttl");
    }

    static ServedDevice serve(HardwareProfile profile, Transport transport, DeviceEventListener events,
                              SimulatedUnit unit) {
        if (profile.wireProtocol().equals("magventure-magpro")) {
            return new ServedDevice(MagProEmulator.serve(profile, transport, magProOptions(unit, events)));
        }
        if (profile.wireProtocol().startsWith("magstim-")) {
            return new ServedDevice(MagstimEmulator.serve(profile, transport, magstimSettings(unit, events)));
        }
        throw new IllegalArgumentException("profile " + profile.name() + " has no wire protocol to serve ("
                + profile.wireProtocol() + "): a TTL rig is simulated in-process, e.g. dry-run or a sim: device");
    }

    static MagstimEmulatorSettings magstimSettings(SimulatedUnit unit, DeviceEventListener events) {
        MagstimEmulatorSettings settings = MagstimEmulatorSettings.defaults().withEvents(event -> event.deliverTo(events));
        if (unit.softwareVersion().isPresent()) {
            int[] v = unit.softwareVersion().get();
            settings = settings.withVersion(v[0], v[1], v[2], unit.unlockCode());
        }
        if (unit.armLatencyMs().isPresent()) {
            settings = settings.withArmLatencyNanos(unit.armLatencyMs().get() * 1_000_000L);
        }
        if (unit.rechargeMs().isPresent()) {
            settings = settings.withRechargeNanos(unit.rechargeMs().get() * 1_000_000L);
        }
        return settings;
    }

    static MagProEmulatorSettings magProOptions(SimulatedUnit unit, DeviceEventListener events) {
        MagProEmulatorSettings options = MagProEmulatorSettings.defaults().withEventLog(events);
        if (unit.armLatencyMs().isPresent()) {
            options = options.withArmLatencyNanos(unit.armLatencyMs().get() * 1_000_000L);
        }
        if (unit.serialNumber().isPresent()) {
            options = options.withSerialNumber(unit.serialNumber().get());
        }
        if (unit.coilType().isPresent()) {
            options = options.withCoilType(unit.coilType().get());
        }
        return options;
    }
}
