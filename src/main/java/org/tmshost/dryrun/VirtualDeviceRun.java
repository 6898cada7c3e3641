package org.tmshost.dryrun;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.ScenarioPlayer;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.SchedulerState;
import org.tmshost.timing.TripCause;
import org.tmshost.timing.VirtualClock;
import org.tmshost.timing.VirtualTimeWaiter;

import java.util.Optional;

/**
 * Runs a plan through the real {@link PulseScheduler} against a simulated device, on a virtual
 * clock that jumps to each deadline: the same scheduler code as a session, without sleeping.
 */
final class VirtualDeviceRun {
    private final PulsePlan plan;
    private final org.tmshost.delivery.Delivery delivery;
    private final HardwareProfile profile;
    private final VirtualClock clock = new VirtualClock(0);
    private final SimulatedStimulator device;
    private final Optional<ScenarioPlayer> scenario;
    private final InterlockLatch latch = new InterlockLatch(clock);
    private PulseScheduler scheduler;
    private String stopReason = "";

    VirtualDeviceRun(PulsePlan plan, HardwareProfile profile, org.tmshost.delivery.Delivery delivery,
                     CoilThermalModel.Parameters coil, Optional<org.tmshost.simulator.FaultScenario> faults) {
        this.plan = plan;
        this.delivery = delivery;
        this.profile = profile;
        this.device = new SimulatedStimulator(profile, clock::nanoTime, coil, plan.pulseCount());
        this.scenario = faults.map(f -> new ScenarioPlayer(f, device, clock::nanoTime));
    }

    SimulatedStimulator device() {
        return device;
    }

    /** When the first pulse was due, on the device's clock. */
    long t0Nanos() {
        return scheduler.t0Nanos();
    }

    PulseScheduler scheduler() {
        return scheduler;
    }

    /** Why the run stopped early, in words; empty when it completed. */
    String stopReason() {
        if (!stopReason.isEmpty()) {
            return stopReason;
        }
        return scheduler.timingFault().map(f -> "timing fault: " + f.describe()).orElse("");
    }

    /** What the run did with each event of its scenario, in file order. */
    java.util.List<ScenarioEvent> scenarioEvents() {
        if (scenario.isEmpty()) {
            return java.util.List.of();
        }
        ScenarioPlayer player = scenario.get();
        var events = new java.util.ArrayList<ScenarioEvent>();
        for (int i = 0; i < player.scenario().faults().size(); i++) {
            events.add(ScenarioEvent.of(player.scenario().faults().get(i), player.applied(i),
                    player.deliveredWhenApplied(i)));
        }
        return events;
    }

    SchedulerState execute() throws DeviceFault {
        int[] setOutputs = {-1, -1, -1, -1};
        PulseTrigger sessionSide = (pulse, output, channel) -> {
            scenario.ifPresent(ScenarioPlayer::poll);
            if (setOutputs[channel] != output) {
                try {
                    setOutputs[channel] = device.setOutput(channel, output);
                } catch (DeviceFault fault) {
                    throw new IllegalStateException(fault.getMessage(), fault);
                }
            }
            // as a session: a device-timed train is started here (the scheduler calls once per train)
            long emitted = delivery.deviceTimed() ? device.starter().fire(pulse, output, channel)
                    : device.fire(pulse, output, channel);
            // the runtime interlock a session has: a device that faults or disarms stops the plan
            DeviceStatus status = device.status();
            if (status.faulted() || !status.armed()) {
                stopReason = (status.faulted() ? "device fault " + status.faultCode() : "the device disarmed")
                        + " when pulse " + (pulse + 1) + " of " + plan.pulseCount() + " was due";
                latch.trip(TripCause.DEVICE_FAULT);
            }
            return emitted;
        };
        for (int pulse = 0; pulse < plan.pulseCount(); pulse++) { // each unit's first output, as a session presets
            int channel = plan.channel(pulse);
            if (setOutputs[channel] < 0) {
                setOutputs[channel] = device.setOutput(channel, plan.outputPercentMso(pulse));
            }
        }
        if (delivery.deviceTimed()) {
            device.load(delivery.train().orElseThrow());
        }
        device.arm();
        clock.advance(device.armLatencyNanos()); // a session waits for READY before starting
        scheduler = PulseScheduler.builder(plan, sessionSide).waiter(new VirtualTimeWaiter(clock))
                .tolerances(profile.timing()).deviceTimed(delivery.deviceTimedPulses(plan)).journal(FireJournal.inMemory(plan.pulseCount())).startLeadNanos(0)
                .latch(latch).threadName("dry-run").build();
        try {
            return scheduler.runOnCallerThread();
        } finally {
            device.disarm();
        }
    }
}
