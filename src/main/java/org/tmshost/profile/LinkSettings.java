package org.tmshost.profile;

/**
 * Serial link and keep-alive lease of a device. A device with a lease disarms itself when it hears
 * nothing for {@code armedLeaseMs} while armed ({@code disarmedLeaseMs} while disarmed).
 */
public record LinkSettings(int baud, int dataBits, String parity, int stopBits, long keepAlivePeriodMs,
                           long armedLeaseMs, long disarmedLeaseMs) {
}
