package org.tmshost.session;

import org.tmshost.device.DeviceFault;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The link-fault callback handed to {@link DeviceConnector#open}: the driver's link thread calls it
 * when the link is lost. It keeps the first fault (an arming check reads it) and trips the session
 * or hunt that is attached, on the caller's thread: the stop path does not wait for anyone.
 */
public final class LinkWatch implements Consumer<DeviceFault> {
    private volatile DeviceFault first;
    private volatile SessionMonitor.Trips trips;

    @Override
    public void accept(DeviceFault fault) {
        if (first == null) {
            first = fault;
        }
        SessionMonitor.Trips attached = trips;
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
    void attach(SessionMonitor.Trips trips) {
        this.trips = trips;
    }
}
