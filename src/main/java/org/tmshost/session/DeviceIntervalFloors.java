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
        int[] lastOnUnit = new int[64];
        java.util.Arrays.fill(lastOnUnit, -1);
        lastOnUnit[plan.channel(0)] = 0;
        for (int pulse = 1; pulse < plan.pulseCount(); pulse++) {
            int unit = plan.channel(pulse);
            long floor = unit != plan.channel(pulse - 1) ? acrossUnits : 0;
            int previous = lastOnUnit[unit];
            if (previous >= 0) { // the same unit's last pulse, maybe before another unit's (a pair)
                int output = plan.outputPercentMso(pulse);
                long byRate = limits.rateVsOutput().map(table -> table.maxRateHz(output))
                        .filter(java.util.OptionalDouble::isPresent)
                        .map(rate -> (long) Math.ceil(1e9 / rate.getAsDouble())).orElse(0L);
                long between = plan.offsetNanos(pulse - 1) - plan.offsetNanos(previous);
                floor = Math.max(floor, Math.max(sameUnit, byRate) - between);
            }
            floors[pulse] = floor;
            lastOnUnit[unit] = pulse;
        }
        return floors;
    }
}
