package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.delivery.Delivery;
import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.ProtocolKind;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.SchedulerState;
import org.tmshost.timing.TripCause;
import org.tmshost.timing.VirtualClock;
import org.tmshost.timing.VirtualTimeWaiter;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interlock monitor's duty cycle stepped by hand, outside any session: each round looks at the
 * device, reports trips and what the pulse thread does, and the loop is done once the latch trips or
 * the plan ends. No thread, no clock but the virtual one.
 */
@Tag("unit")
class SessionMonitorTest {
    private final VirtualClock clock = new VirtualClock(1_000_000_000L);
    private final HardwareProfile profile = SessionRig.relaxedTiming(load());
    private final SimulatedStimulator device = new SimulatedStimulator(profile, clock::nanoTime,
            CoilThermalModel.Parameters.bundled(), 1 << 10, 0);
    private final PulsePlan plan = PulsePlan.singlePulse(50, 0);
    private final FireJournal journal = FireJournal.inMemory(1);
    private final InterlockLatch latch = new InterlockLatch(clock);
    private final PulseScheduler scheduler = PulseScheduler.builder(plan, device.trigger())
            .waiter(new VirtualTimeWaiter(clock)).latch(latch).journal(journal).startLeadNanos(0).build();
    private final List<InterlockCause> trips = new ArrayList<>();
    private final List<SchedulerState> followed = new ArrayList<>();

    private static HardwareProfile load() {
        try {
            return HardwareProfiles.load("simulator");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SessionMonitor monitor() {
        Delivery delivery = ((DeliveryChoice.Chosen) DeliveryPlanner.choose(plan, ProtocolKind.RTMS, profile))
                .delivery();
        DevicePulseCount count = new DevicePulseCount(device, journal, plan, delivery, device.deliveredPulseCount());
        return new SessionMonitor(device, journal, count,
                profile.limits().coilTemperature().stopCelsius().doubleValue(), scheduler, latch, clock,
                (cause, detail) -> trips.add(cause), followed::add, CoilTemperatureLog.none());
    }

    @Test
    void aRoundOnAnArmedDeviceFindsNothingAndFollowsThePulseThread() throws Exception {
        device.arm();
        scheduler.startOnCallerThread();
        SessionMonitor monitor = monitor();

        assertThat(monitor.doWork()).isEqualTo(1);
        assertThat(monitor.done()).isFalse();
        assertThat(trips).isEmpty();
        assertThat(followed).containsExactly(SchedulerState.RUNNING);
    }

    @Test
    void aDeviceThatIsNotArmedTripsAndTheRoundAfterTheLatchTrippedIsTheLast() {
        scheduler.startOnCallerThread();
        SessionMonitor monitor = monitor();

        assertThat(monitor.doWork()).isEqualTo(1);
        assertThat(trips).containsExactly(InterlockCause.UNEXPECTED_DISARM);
        assertThat(monitor.done()).isFalse();

        latch.trip(TripCause.DEVICE_FAULT); // what the session's trip does
        assertThat(monitor.doWork()).isZero();
        assertThat(monitor.done()).isTrue();
        assertThat(trips).hasSize(1);
    }

    @Test
    void doneOnceThePlanHasEnded() throws Exception {
        device.arm();
        scheduler.startOnCallerThread();
        while (!scheduler.state().isTerminal()) {
            if (scheduler.doWork() == 0) {
                clock.advanceTo(scheduler.nextDeadlineNanos());
            }
        }
        SessionMonitor monitor = monitor();

        assertThat(monitor.doWork()).isZero();
        assertThat(monitor.done()).isTrue();
    }
}
