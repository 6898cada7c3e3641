package org.tmshost.simulator;

import org.tmshost.device.transport.Transport;

import java.util.List;
import org.tmshost.timing.Clock;

/**
 * Plays a {@link FaultScenario} against a simulated device: device-level faults (coil temperature,
 * device fault, spontaneous disarm) are applied to the model by {@link #poll()}, which the owner of
 * the device calls often (before each pulse, or from the emulator's loop); link-level faults are
 * applied by wrapping the device's transport with {@link #wrap(Transport)}.
 */
public final class ScenarioPlayer {
    private final FaultScenario scenario;
    private final Clock clockNanos;
    private final long startNanos;
    private final boolean[] applied;
    private final int[] deliveredWhenApplied;
    private volatile SimulatedStimulator device;

    public ScenarioPlayer(FaultScenario scenario, SimulatedStimulator device, Clock clockNanos) {
        this(scenario, clockNanos);
        attach(device);
    }

    /** A player whose device is attached later (an emulator creates its model when it starts serving). */
    public ScenarioPlayer(FaultScenario scenario, Clock clockNanos) {
        this.scenario = scenario;
        this.clockNanos = clockNanos;
        this.startNanos = clockNanos.nanoTime();
        this.applied = new boolean[scenario.faults().size()];
        this.deliveredWhenApplied = new int[applied.length];
    }

    public void attach(SimulatedStimulator device) {
        this.device = device;
    }

    public FaultScenario scenario() {
        return scenario;
    }

    /** Applies every device-level fault that is due; returns how many were applied now. */
    public synchronized int poll() {
        SimulatedStimulator device = this.device;
        if (device == null) {
            return 0;
        }
        int now = 0;
        List<FaultScenario.Fault> faults = scenario.faults();
        for (int i = 0; i < faults.size(); i++) {
            FaultScenario.Fault fault = faults.get(i);
            if (applied[i] || fault.kind().linkLevel() || !due(fault)) {
                continue;
            }
            applied[i] = true;
            deliveredWhenApplied[i] = device.groundTruth().size();
            now++;
            switch (fault.kind()) {
                case COIL_OVER_TEMPERATURE -> device.forceCoilTemperature(fault.celsius());
                case DEVICE_FAULT -> device.injectFault(fault.code());
                case SPONTANEOUS_DISARM -> device.disarm();
                default -> throw new IllegalStateException("not a device-level fault: " + fault.kind());
            }
        }
        return now;
    }

    /** Whether {@link #poll()} applied the scenario's fault {@code index} (link-level faults never are). */
    public synchronized boolean applied(int index) {
        return applied[index];
    }

    /** How many pulses the device had delivered when fault {@code index} was applied. */
    public synchronized int deliveredWhenApplied(int index) {
        return deliveredWhenApplied[index];
    }

    boolean due(FaultScenario.Fault fault) {
        if (fault.atPulse().isPresent()) {
            SimulatedStimulator device = this.device;
            return device != null && device.groundTruth().size() >= fault.atPulse().get();
        }
        return clockNanos.nanoTime() - startNanos >= fault.atNanos();
    }

    long elapsedNanos() {
        return clockNanos.nanoTime() - startNanos;
    }

    /** The device's side of a link, with this scenario's link faults applied to what the device sends. */
    public Transport wrap(Transport deviceSide) {
        return new FaultyTransport(deviceSide, this);
    }
}
