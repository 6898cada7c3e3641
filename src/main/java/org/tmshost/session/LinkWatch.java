package org.tmshost.session;

import org.tmshost.device.DeviceFault;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The link-fault callback a door hands the device it opened ({@code Stimulator.onLinkFault}): the
 * driver's link thread calls it when the link is lost. It keeps the first fault (an arming check
 * reads it) and trips what is attached, a session's or hunt's {@link InterlockTrips}, on the
 * caller's thread: the stop path does not wait for anyone.
 */
public final class LinkWatch implements Consumer<DeviceFault> {
    private volatile DeviceFault first;
    private volatile InterlockTrips trips;

    @Override
    public void accept(DeviceFault fault) {
        if (first == null) {
            first = fault;
        }
        InterlockTrips attached = trips;
        if (attached != null) {
            attached.trip(InterlockCause.LINK_LOSS, "link lost (" + fault.code() + "): " + fault.getMessage());
        }
    }

    public Optional<DeviceFault> fault() {
        return Optional.ofNullable(first);
    }

    /**
     * Later faults trip the session or hunt attached (the last attached); one reported before fails its
     * arming check instead.
     */
    void attach(InterlockTrips trips) {
        this.trips = trips;
    }
}
