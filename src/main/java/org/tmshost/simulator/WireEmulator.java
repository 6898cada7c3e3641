package org.tmshost.simulator;

/**
 * A device's wire protocol over a simulated device, driven by hand: bytes in with the time they
 * arrived, timers run to a time; each returns the bytes the device sends (replies, notifications).
 * Deterministic, so tests drive it without a clock; {@link EmulatorServer} serves it on a link.
 */
public interface WireEmulator {
    /** The bytes the host sent, arriving at {@code nowNanos}; returns the device's answer. */
    byte[] onBytes(byte[] in, int offset, int length, long nowNanos);

    /** Runs the device's timers (trains, leases, notifications) to {@code nowNanos}; returns what it sends. */
    byte[] poll(long nowNanos);

    /**
     * Runs {@code action} on the device model at {@code nowNanos} of the device's clock, after its
     * timers ran to then: what happens to the unit outside its protocol (a fault scenario's coil
     * temperature). On the serving thread, so it takes its place among commands and timed pulses.
     */
    void atDeviceTime(long nowNanos, Runnable action);

    /** How long until a timer is due (0 if one is due now), so a server wakes on time. */
    long nanosUntilNextDeadline(long nowNanos);

    /** Nothing more happens without a host: disarmed, no train or pulse pending. */
    boolean quiescent();

    /** The simulated device under the protocol (its ground truth). */
    SimulatedStimulator device();
}
