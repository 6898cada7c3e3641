package org.tmshost.simulator.magstim;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * How the emulated unit behaves beyond its profile.
 *
 * @param softwareVersion   Rapid software version reported by {@code ND}, as {@code {major, minor, patch}};
 *                          decides field widths and reply lengths (ignored for 200²/BiStim²)
 * @param unlockCode        when present (V9+), {@code Q} must carry exactly this 16-character code
 * @param armLatencyNanos   charge time from {@code EB} to ready (~1 s, TDb 087)
 * @param rechargeNanos     after a pulse, ready again this much later (plus any charge delay); empty:
 *                          the profile's minimum inter-pulse interval
 * @param idleDisarmNanos   armed without firing this long: disarm (about 1 min, MagPy docstring)
 * @param frameGapNanos     a partial command older than this is discarded (resynchronisation)
 * @param events            receives every {@link EmulatorEvent}; called on the emulator's thread
 */
public record MagstimEmulatorSettings(int[] softwareVersion, Optional<String> unlockCode, long armLatencyNanos,
                               OptionalLong rechargeNanos, long idleDisarmNanos, long frameGapNanos,
                               Consumer<EmulatorEvent> events) {
    public MagstimEmulatorSettings {
        if (softwareVersion.length != 3) {
            throw new IllegalArgumentException("a software version is {major, minor, patch}");
        }
        softwareVersion = softwareVersion.clone();
        if (unlockCode.isPresent() && unlockCode.get().length() != 16) {
            throw new IllegalArgumentException("an unlock code has 16 characters");
        }
        if (rechargeNanos.isPresent() && rechargeNanos.getAsLong() < 0) {
            throw new IllegalArgumentException("a recharge time is not negative");
        }
    }

    /** Rapid software 8.0.0 (no unlock code), 1 s arm latency, profile recharge, 60 s idle disarm, 100 ms frame gap. */
    public static MagstimEmulatorSettings defaults() {
        return new MagstimEmulatorSettings(new int[]{8, 0, 0}, Optional.empty(), 1_000_000_000L, OptionalLong.empty(),
                60_000_000_000L, 100_000_000L, event -> { });
    }

    public MagstimEmulatorSettings withVersion(int major, int minor, int patch, Optional<String> code) {
        return new MagstimEmulatorSettings(new int[]{major, minor, patch}, code, armLatencyNanos, rechargeNanos,
                idleDisarmNanos, frameGapNanos, events);
    }

    public MagstimEmulatorSettings withArmLatencyNanos(long nanos) {
        return new MagstimEmulatorSettings(softwareVersion, unlockCode, nanos, rechargeNanos, idleDisarmNanos, frameGapNanos,
                events);
    }

    public MagstimEmulatorSettings withRechargeNanos(long nanos) {
        return new MagstimEmulatorSettings(softwareVersion, unlockCode, armLatencyNanos, OptionalLong.of(nanos),
                idleDisarmNanos, frameGapNanos, events);
    }

    public MagstimEmulatorSettings withIdleDisarmNanos(long nanos) {
        return new MagstimEmulatorSettings(softwareVersion, unlockCode, armLatencyNanos, rechargeNanos, nanos, frameGapNanos,
                events);
    }

    public MagstimEmulatorSettings withEvents(Consumer<EmulatorEvent> listener) {
        return new MagstimEmulatorSettings(softwareVersion, unlockCode, armLatencyNanos, rechargeNanos, idleDisarmNanos,
                frameGapNanos, listener);
    }

    int major() {
        return softwareVersion[0];
    }
}
