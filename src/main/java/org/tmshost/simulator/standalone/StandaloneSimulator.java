package org.tmshost.simulator.standalone;

import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.SerialTransport;
import org.tmshost.device.transport.TcpTransport;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.LinkSettings;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.simulator.PseudoTerminal;
import org.tmshost.simulator.ScenarioPlayer;
import org.tmshost.simulator.SimulatedUnit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import org.tmshost.timing.Clock;

/**
 * {@code tmshost simulate}: a simulated device serving its profile's wire protocol on a
 * pseudo-terminal (any serial client can open it) or on a loopback TCP port, optionally playing a
 * fault scenario and logging every device event.
 */
public final class StandaloneSimulator implements AutoCloseable {
    private static final Clock CLOCK = System::nanoTime;

    private final HardwareProfile profile;
    private final Optional<FaultScenario> scenario;
    private final DeviceEventListener events;
    private final SimulatedUnit unit;
    private volatile ServedDevice current;
    private volatile boolean closed;
    private PseudoTerminal pty;
    private ServerSocket server;

    public StandaloneSimulator(HardwareProfile profile, Optional<FaultScenario> scenario, DeviceEventListener events) {
        this(profile, scenario, events, SimulatedUnit.none());
    }

    /**
     * @param unit what sets the served unit apart from its model (software version, unlock code, ...);
     *             must fit the profile ({@link SimulatedUnit#problemsWith})
     */
    public StandaloneSimulator(HardwareProfile profile, Optional<FaultScenario> scenario, DeviceEventListener events,
                               SimulatedUnit unit) {
        if (!unit.problemsWith(profile).isEmpty()) {
            throw new IllegalArgumentException("the unit does not fit profile " + profile.name() + ": "
                    + unit.problemsWith(profile));
        }
        this.unit = unit;
        if (!WireEmulators.canServe(profile)) {
            throw new IllegalArgumentException("profile " + profile.name() + " has no wire protocol to serve ("
                    + profile.wireProtocol() + "); simulate a TTL rig with dry-run or a sim: device");
        }
        this.profile = profile;
        this.scenario = scenario;
        this.events = events;
    }

    /** Makes {@code clientPath} a pseudo-terminal and serves the device on its other end. */
    public Path servePty(Path clientPath) throws IOException {
        pty = PseudoTerminal.create(clientPath);
        LinkSettings link = profile.link().orElseThrow();
        start(SerialTransport.open(pty.devicePath().toString(), link));
        return pty.clientPath();
    }

    /** Listens on 127.0.0.1:port; serves one connection at a time, each a freshly powered device. */
    public int serveTcp(int port) throws IOException {
        server = new ServerSocket(port, 4, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "simulator-tcp");
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket socket = server.accept()) {
                ServedDevice device = start(new TcpTransport(socket));
                while (device.serving() && !closed) {
                    Thread.sleep(20);
                }
                device.close();
            } catch (IOException | InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private ServedDevice start(Transport deviceSide) throws LinkClosedException {
        ScenarioPlayer newPlayer = scenario.map(s -> new ScenarioPlayer(s, CLOCK)).orElse(null);
        Transport transport = newPlayer == null ? deviceSide : newPlayer.wrap(deviceSide);
        ServedDevice device = WireEmulators.serve(profile, transport, events, unit);
        if (newPlayer != null) {
            newPlayer.attach(device.model());
            device.onDeviceThread(newPlayer::poll); // device-level faults at the device's time, among its commands
        }
        current = device;
        return device;
    }

    public boolean serving() {
        ServedDevice device = current;
        return !closed && (server != null || (device != null && device.serving()));
    }

    @Override
    public void close() {
        closed = true;
        ServedDevice device = current;
        if (device != null) {
            device.close();
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // nothing to do: we are shutting down
            }
        }
        if (pty != null) {
            pty.close();
        }
    }
}
