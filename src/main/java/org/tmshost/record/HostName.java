package org.tmshost.record;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The name a host's records carry (contracts.md §8: every record names its host): {@value #ENV} when
 * set (two homes on one machine are two hosts of a site, as in the two-host tests), else the
 * machine's name as the network knows it, else {@code HOSTNAME}, else "unknown host".
 */
public final class HostName {
    public static final String ENV = "TMSHOST_HOST";
    /** The system property that wins over {@value #ENV} (tests of two hosts in one JVM set it). */
    public static final String PROPERTY = "tmshost.host";

    private HostName() {
    }

    /** This host's name. */
    public static String local() {
        return local(System.getProperty(PROPERTY), System.getenv());
    }

    static String local(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            return named.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String machine = env.get("HOSTNAME");
            return machine == null || machine.isBlank() ? "unknown host" : machine;
        }
    }
}
