package org.tmshost.session;

import org.tmshost.record.RecordStore;

import java.net.InetAddress;
import java.net.UnknownHostException;
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

    /** This host's name as the network knows it, else {@code HOSTNAME}, else "unknown host". */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown host" : env;
        }
    }
}
