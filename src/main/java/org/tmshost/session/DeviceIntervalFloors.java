package org.tmshost.session;

import org.tmshost.profile.DeviceLimits;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.PulsePlan;

/**
 * The shortest interval the device accepts before each pulse of a plan, from its profile: the
 * minimum inter-pulse interval and the rate its table allows at the pulse's output on the same
 * unit, the minimum inter-channel interval across units. The pulse scheduler's catch-up never goes
 * below it (a device at its rate limit refuses a pulse 50 µs early as surely as 5 ms early).
 */
final class DeviceIntervalFloors {
    private DeviceIntervalFloors() {
    }

    static long[] of(PulsePlan plan, HardwareProfile profile) {
        DeviceLimits limits = profile.limits();
        long sameUnit = limits.minInterPulseIntervalMs().movePointRight(6).longValue();
        long acrossUnits = limits.minInterChannelIntervalMs().orElse(limits.minInterPulseIntervalMs())
                .movePointRight(6).longValue();
        long[] floors = new long[plan.pulseCount()];
        for (int pulse = 1; pulse < plan.pulseCount(); pulse++) {
            if (plan.channel(pulse) != plan.channel(pulse - 1)) {
                floors[pulse] = acrossUnits;
                continue;
            }
            int output = plan.outputPercentMso(pulse);
            long byRate = limits.rateVsOutput().map(table -> table.maxRateHz(output))
                    .filter(java.util.OptionalDouble::isPresent)
                    .map(rate -> (long) Math.ceil(1e9 / rate.getAsDouble())).orElse(0L);
            floors[pulse] = Math.max(sameUnit, byRate);
        }
        return floors;
    }
}
