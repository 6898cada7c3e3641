package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.device.transport.SerialTransport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.device.DeviceProviders;
import org.tmshost.device.magstim.MagstimProvider;
import org.tmshost.device.magventure.MagProProvider;
import org.tmshost.device.transport.LinkProvider;
import org.tmshost.simulator.SimulationProvider;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.simulator.SimulatorEventLog;
import org.tmshost.simulator.standalone.StandaloneSimulator;
import org.tmshost.testing.SocatPtyPair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The device under test for the HIL suite: {@code -Dtmshost.hil.device=URI} (real hardware, e.g.
 * {@code serial:/dev/ttyUSB0?profile=magstim-rapid2}), or by default the standalone simulator of
 * profile {@code -Dtmshost.hil.profile} (default {@code simulator}) served on a socat
 * pseudo-terminal, so the suite runs over a real serial path. Only the simulator has a ground truth.
 */
final class HilRig implements AutoCloseable {
    private final HardwareProfile profile;
    private final Stimulator stimulator;
    private final StandaloneSimulator simulator;
    private final Path eventLog;
    private final List<DeviceFault> linkFaults;
    private static final LinkProvider MAGSTIM = new MagstimProvider();
    private static final LinkProvider MAGPRO = new MagProProvider();
    private SerialTransport hostLink;

    private HilRig(HardwareProfile profile, Stimulator stimulator, StandaloneSimulator simulator, Path eventLog,
                   List<DeviceFault> linkFaults) {
        this.profile = profile;
        this.stimulator = stimulator;
        this.simulator = simulator;
        this.eventLog = eventLog;
        this.linkFaults = linkFaults;
    }

    static boolean onHardware() {
        return System.getProperty("tmshost.hil.device") != null;
    }

    static HilRig open(Path dir) throws Exception {
        return open(dir, Optional.empty());
    }

    /** A rig; a scenario needs the simulator (the test is skipped on hardware). */
    static HilRig open(Path dir, Optional<FaultScenario> scenario) throws Exception {
        String device = System.getProperty("tmshost.hil.device");
        if (device != null) {
            Assumptions.assumeTrue(scenario.isEmpty(), "fault scenarios need the simulator");
            DeviceUri uri = DeviceUri.parse(device);
            HardwareProfile profile = HardwareProfiles.load(uri.profile());
            List<DeviceFault> faults = new CopyOnWriteArrayList<>();
            Stimulator stimulator = DeviceProviders.of(new SimulationProvider(), MAGSTIM, MAGPRO).open(uri, profile);
            stimulator.onLinkFault(faults::add);
            return new HilRig(profile, stimulator, null, null, faults);
        }
        return simulated(dir, System.getProperty("tmshost.hil.profile", "simulator"), scenario);
    }

    /** A rig on the standalone simulator of {@code profileName}, over a socat pseudo-terminal. */
    static HilRig simulated(Path dir, String profileName, Optional<FaultScenario> scenario) throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "the HIL suite needs socat for its pseudo-terminal");
        HardwareProfile profile = HardwareProfiles.load(profileName);
        Path log = dir.resolve("device-events.jsonl");
        StandaloneSimulator simulator = new StandaloneSimulator(profile, scenario, new SimulatorEventLog(log));
        Path pty = simulator.servePty(dir.resolve("ttyTMS"));
        SerialTransport link = SerialTransport.open(pty.toString(), profile.link().orElseThrow());
        List<DeviceFault> faults = new CopyOnWriteArrayList<>();
        Stimulator stimulator = (MAGPRO.speaks(profile) ? MAGPRO : MAGSTIM).drive(link, profile);
        stimulator.onLinkFault(faults::add);
        HilRig rig = new HilRig(profile, stimulator, simulator, log, faults);
        rig.hostLink = link;
        return rig;
    }

    HardwareProfile profile() {
        return profile;
    }

    Stimulator stimulator() {
        return stimulator;
    }

    List<DeviceFault> linkFaults() {
        return linkFaults;
    }

    /** Cuts the host's end of the serial link without a word to the device (a crashed host, a pulled cable). */
    void cutHostLink() {
        Assumptions.assumeTrue(hostLink != null, "the link can only be cut on the simulator rig");
        hostLink.close();
    }

    boolean hasGroundTruth() {
        return simulator != null;
    }

    /** Device events from the simulator's log (its own clock), in order. */
    List<JsonNode> deviceEvents() throws IOException {
        var events = new ArrayList<JsonNode>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(eventLog)) {
            if (!line.isBlank()) {
                events.add(json.readTree(line));
            }
        }
        return events;
    }

    List<JsonNode> deviceEvents(String kind) throws IOException {
        return deviceEvents().stream().filter(e -> e.get("event").asText().equals(kind)).toList();
    }

    @Override
    public void close() {
        stimulator.close();
        if (simulator != null) {
            simulator.close();
        }
    }
}
