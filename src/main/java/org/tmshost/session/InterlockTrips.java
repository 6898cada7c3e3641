package org.tmshost.session;

/**
 * Where a runtime interlock's finding goes: the trip of the session or hunt it watches, on the
 * finder's thread. The watchers ({@link LinkWatch}, {@link DeviceInterlocks}, the monitor) know
 * only this, not the session: the session hands its {@code trip} to them.
 */
@FunctionalInterface
interface InterlockTrips {
    void trip(InterlockCause cause, String detail);
}
