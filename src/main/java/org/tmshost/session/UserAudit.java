package org.tmshost.session;

import org.tmshost.record.HostName;
import org.tmshost.record.RecordStore;

import java.time.InstantSource;
import java.util.Objects;

/**
 * Where {@link SiteUsers} reports every user change, refused change, failed sign-in and lock: the
 * records' users' audit, with this host's name and the time from {@code clock}.
 */
public final class UserAudit {
    private final RecordStore store;
    private final InstantSource clock;
    private final String host;

    private UserAudit(RecordStore store, InstantSource clock, String host) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.host = Objects.requireNonNull(host);
    }

    /** Audit rows into {@code store}, stamped by {@code clock} and naming {@code host}. */
    public static UserAudit into(RecordStore store, InstantSource clock, String host) {
        return new UserAudit(store, clock, host);
    }

    /** Audit rows into {@code store}, stamped by the system clock and naming this host. */
    public static UserAudit into(RecordStore store) {
        return new UserAudit(store, InstantSource.system(), localHostName());
    }

    void record(String actor, String user, UserAction action, String detail) {
        store.recordUserChange(host, actor, user, action.name(), detail, clock.instant());
    }

    /** The time a change to the users is stamped with (the site's {@code changed_at}). */
    java.time.Instant now() {
        return clock.instant();
    }

    /** This host's name ({@link HostName#local()}). */
    public static String localHostName() {
        return HostName.local();
    }
}
