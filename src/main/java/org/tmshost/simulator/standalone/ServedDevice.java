package org.tmshost.simulator.standalone;

import org.tmshost.simulator.SimulatedStimulator;

/** An emulated device serving its wire protocol on one transport. */
interface ServedDevice extends AutoCloseable {
    boolean serving();

    SimulatedStimulator model();

    @Override
    void close();
}
