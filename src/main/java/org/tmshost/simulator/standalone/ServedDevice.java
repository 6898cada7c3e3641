package org.tmshost.simulator.standalone;

import org.tmshost.simulator.EmulatorServer;
import org.tmshost.simulator.SimulatedStimulator;

/** An emulated device serving its wire protocol on one transport. */
final class ServedDevice implements AutoCloseable {
    private final EmulatorServer<?> server;

    ServedDevice(EmulatorServer<?> server) {
        this.server = server;
    }

    boolean serving() {
        return server.serving();
    }

    SimulatedStimulator model() {
        return server.emulator().device();
    }

    /** What happens to the unit outside its protocol (a fault scenario), on its own thread and clock. */
    void onDeviceThread(Runnable action) {
        server.onDeviceThread(action);
    }

    @Override
    public void close() {
        server.close();
    }
}
