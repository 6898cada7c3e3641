package org.tmshost.session;

import org.tmshost.device.FaultCodes;
import org.tmshost.delivery.Delivery;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.Stimulator;
import org.tmshost.device.TrainTimer;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.record.RecordStore;
import org.tmshost.timing.SchedulerWarmUp;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** What a session does to the device before it arms it, read back every time (design.md invariant 9). */
final class DeviceArming {
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();

    private DeviceArming() {
    }

    /**
     * Arms {@code device} for a session's plan: identifies it (recorded), sets each unit to its first
     * output and reads it back, loads the delivery (recorded), arms it and waits for READY.
     *
     * @return the output each unit was set to ({@link #presetOutputs})
     */
    static int[] armFor(Stimulator device, PulsePlan plan, Optional<Delivery> delivery, RecordStore store,
                        long sessionId, SessionSettings settings) throws DeviceFault {
        DeviceIdentity identity = device.identify();
        store.recordDeviceIdentity(sessionId, identity.model(), identity.firmwareVersion());
        int[] preset = presetOutputs(device, plan);
        Delivery chosen = delivery.orElseThrow(() -> new IllegalStateException("a plan without a delivery path armed"));
        load(device, chosen);
        store.recordDelivery(sessionId, chosen.strategy().jsonName(), chosen.hostStarts());
        warmUpOnce();
        device.arm();
        awaitReady(device, settings);
        return preset;
    }

    /**
     * Sets each unit to the output of its first pulse and reads it back.
     *
     * @return the output each unit was set to, -1 where the plan does not use it
     */
    static int[] presetOutputs(Stimulator device, PulsePlan plan) throws DeviceFault {
        int[] set = new int[OutputSettingTrigger.MAX_CHANNELS];
        java.util.Arrays.fill(set, -1);
        for (int pulse = 0; pulse < plan.pulseCount(); pulse++) {
            int channel = plan.channel(pulse);
            if (set[channel] < 0) {
                int output = plan.outputPercentMso(pulse);
                int readBack = device.setOutput(channel, output);
                if (readBack != output) {
                    throw new DeviceFault(FaultCodes.READBACK_MISMATCH, "unit " + channel + " was set to " + output
                            + "% MSO but reads back " + readBack + "% MSO");
                }
                set[channel] = readBack;
            }
        }
        return set;
    }

    /** The train the device will time, or single-pulse mode where a trigger must be one pulse. */
    static void load(Stimulator device, Delivery chosen) throws DeviceFault {
        Optional<TrainTimer> timer = device.trainTimer();
        if (chosen.deviceTimed()) {
            timer.orElseThrow(() -> new DeviceFault("no-train-timer", "the plan needs the device to time its trains, "
                    + "and this device or link has no train timer")).load(chosen.train().orElseThrow());
        } else if (timer.isPresent()) {
            timer.get().singlePulses();
        }
    }

    /**
     * JIT warm-up of the pulse loop and a rehearsal of the recorder's path, once per process, before
     * the first device is armed (docs/timing.md).
     */
    static void warmUpOnce() {
        if (WARMED_UP.compareAndSet(false, true)) {
            SchedulerWarmUp.run();
            RecordPathWarmUp.run();
        }
    }

    /** Waits until the device reports armed and READY, polling every 5 ms ({@link SessionSettings#idle}). */
    static void awaitReady(Stimulator device, SessionSettings settings) throws DeviceFault {
        long deadline = settings.clock().nanoTime() + settings.readyTimeout().toNanos();
        while (true) {
            DeviceStatus status = device.status();
            if (status.faulted()) {
                throw new DeviceFault(status.faultCode(), "the device reported fault " + status.faultCode()
                        + " while arming");
            }
            if (status.armed() && status.ready()) {
                return;
            }
            if (settings.clock().nanoTime() - deadline > 0) {
                throw new DeviceFault(FaultCodes.NOT_READY, "the device did not report READY within "
                        + settings.readyTimeout().toMillis() + " ms of arming");
            }
            settings.idle(5_000_000L);
        }
    }
}
