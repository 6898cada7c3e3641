package org.tmshost.device;

/**
 * A TMS stimulator as the host drives it, whatever the link: a real device over serial, a TTL
 * rig, or the simulator. Outputs are read back after every write; a mismatch is a fault.
 */
public interface Stimulator extends AutoCloseable {
    DeviceIdentity identify() throws DeviceFault;

    void arm() throws DeviceFault;

    /** Always safe to call, from any thread, in any state. */
    void disarm();

    /** Sets a unit's output and returns the read-back value. */
    int setOutput(int channel, int outputPercentMso) throws DeviceFault;

    /** What fires pulses; called only from the pulse thread. */
    PulseTrigger trigger();

    DeviceStatus status();

    /** The device's own train timer on this link, or empty when every pulse is triggered by the host. */
    default java.util.Optional<TrainTimer> trainTimer() {
        return java.util.Optional.empty();
    }

    /**
     * Pulses the device says it has delivered since it was opened, or {@link #PULSE_COUNT_UNKNOWN}
     * when it cannot count them. The session compares it with the host's fire journal (the
     * pulse-count-mismatch interlock).
     */
    default int deliveredPulseCount() {
        return PULSE_COUNT_UNKNOWN;
    }

    /**
     * When the device was last heard from on its link ({@link System#nanoTime}), or
     * {@link #HEARD_UNKNOWN}: a pulse report that is missing because nothing at all came back is a
     * silent link, not a pulse the device did not deliver.
     */
    default long lastHeardNanos() {
        return HEARD_UNKNOWN;
    }

    /** {@link #lastHeardNanos()} of a device without a link to be silent on. */
    long HEARD_UNKNOWN = Long.MAX_VALUE;

    /**
     * When the link last delivered a corrupted frame ({@link System#nanoTime}), or
     * {@link Long#MIN_VALUE}: a pulse report missing after one may have been lost to it.
     */
    default long lastLinkErrorNanos() {
        return Long.MIN_VALUE;
    }

    /**
     * Calls {@code listener} when the link to the device is lost (silence, garbage, a lost lease), on
     * the driver's link thread; a loss reported before the listener was added is told at once. A
     * device without a link (the in-process simulator) never calls it.
     */
    default void onLinkFault(java.util.function.Consumer<DeviceFault> listener) {
    }

    /** The rig's own stop input (a GPIO stop button), or {@link StopButton#NONE}. */
    default StopButton stopButton() {
        return StopButton.NONE;
    }

    /**
     * False for a device whose coil temperature the host cannot read (a TTL rig: the stimulator
     * behind the trigger line guards its coil itself); its coil-ready line stands in for it.
     */
    default boolean readsCoilTemperature() {
        return true;
    }

    /**
     * By when the device would stop a train it times itself if the host fell silent now
     * ({@link System#nanoTime}): the end of its keep-alive lease, or {@link #NEVER_STOPS_ALONE} when
     * nothing but a command stops it (a MagPro runs its loaded train to the end). Recorded while a
     * session runs, so a record closed without the host holds what the device delivered on its own.
     */
    default long unattendedStopNanos() {
        return NEVER_STOPS_ALONE;
    }

    /**
     * Tells {@code watcher} the new {@link #unattendedStopNanos()} before a command that renews the
     * device's lease leaves the host (on the thread sending it, the pulse thread too: the watcher must
     * not block or allocate), so the bound is on record before the command is on the wire and a host
     * killed just after sending it still knows how long the device may run alone. One watcher: a later
     * call replaces it. A device without a lease never calls it.
     */
    default void watchUnattendedStop(java.util.function.LongConsumer watcher) {
    }

    /**
     * Runs {@code promotion} once on each thread of the device's own that reads its link (keep-alives,
     * status, pulse reports), at that thread's next cycle. A session running real-time passes a
     * real-time priority below its pulse thread's: a link thread starved by other programs reads a
     * report late and the session ends on a link it only thought lost. A device without such a thread
     * ignores it.
     */
    default void onLinkThreads(Runnable promotion) {
    }

    /**
     * Until when the device's own timer is known to have run ({@link System#nanoTime}), or
     * {@link #NEVER_STOPS_ALONE}: when the last command was sent whose reply said the unit was still
     * armed (it cannot re-arm itself, so it was armed from its train's start until that command
     * arrived). A pulse a device-timed train puts after this is not recorded until a later reply
     * covers it: a unit that disarmed by itself (its panel, its protection) or whose lease ran out
     * behind a silent link delivered nothing more.
     */
    default long knownRunningUntilNanos() {
        return NEVER_STOPS_ALONE;
    }

    /** {@link #unattendedStopNanos()} of a device without a lease. */
    long NEVER_STOPS_ALONE = Long.MAX_VALUE;

    /**
     * The units this link reaches (a channel number below it can be set and fired), or
     * {@link Integer#MAX_VALUE}: as many as the profile says. A Magstim wire addresses one unit (a
     * BiStim² two), whatever the profile behind it declares.
     */
    default int reachableChannels() {
        return Integer.MAX_VALUE;
    }

    /** {@link #deliveredPulseCount()} of a device that does not count its pulses. */
    int PULSE_COUNT_UNKNOWN = -1;

    @Override
    void close();
}
