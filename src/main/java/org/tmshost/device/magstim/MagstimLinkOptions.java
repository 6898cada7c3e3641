package org.tmshost.device.magstim;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.LinkSettings;

import java.util.Optional;

/**
 * How the driver runs its link.
 *
 * @param link                  keep-alive period and leases (from the profile unless a test shortens them)
 * @param unlockCode            Rapid² V9+ unit code; when present, remote control is {@code Q<code>} and
 *                              the keep-alive is {@code x@}, as MagPy does
 * @param replyTimeoutMillis    how long one reply may take to arrive in full
 * @param missedReplyBudget     consecutive bad or missing replies tolerated; one more is link loss
 * @param armReadyTimeoutMillis how long {@link MagstimStimulator#arm()} waits for the ready bit
 * @param temperaturePeriodMs   how often the link thread reads the coil temperature ({@code F@})
 */
public record MagstimLinkOptions(LinkSettings link, Optional<UnlockCode> unlockCode, long replyTimeoutMillis,
                                 int missedReplyBudget, long armReadyTimeoutMillis, long temperaturePeriodMs) {
    public MagstimLinkOptions {
        if (link.keepAlivePeriodMs() <= 0 || link.keepAlivePeriodMs() >= link.armedLeaseMs()) {
            throw new IllegalArgumentException("the keep-alive period (" + link.keepAlivePeriodMs()
                    + " ms) must be positive and shorter than the armed lease (" + link.armedLeaseMs() + " ms)");
        }
        if (replyTimeoutMillis <= 0 || missedReplyBudget < 0 || armReadyTimeoutMillis <= 0 || temperaturePeriodMs <= 0) {
            throw new IllegalArgumentException("timeouts must be positive and the missed-reply budget not negative");
        }
    }

    /**
     * The profile's link, 250 ms reply timeout (a 24-byte reply takes 25 ms at 9600 baud), a budget
     * of 2 missed replies (the third in a row is link loss; the unit itself disarms after 1 s without
     * a command while armed), 3 s to become ready, temperature every 2 s.
     */
    public static MagstimLinkOptions of(HardwareProfile profile) {
        LinkSettings link = profile.link().orElseThrow(() -> new IllegalArgumentException(
                "profile " + profile.name() + " has no serial link settings"));
        return new MagstimLinkOptions(link, Optional.empty(), 250, 2, 3000, 2000);
    }

    public MagstimLinkOptions withLink(LinkSettings newLink) {
        return new MagstimLinkOptions(newLink, unlockCode, replyTimeoutMillis, missedReplyBudget, armReadyTimeoutMillis,
                temperaturePeriodMs);
    }

    public MagstimLinkOptions withUnlockCode(UnlockCode code) {
        return new MagstimLinkOptions(link, Optional.of(code), replyTimeoutMillis, missedReplyBudget,
                armReadyTimeoutMillis, temperaturePeriodMs);
    }

    public MagstimLinkOptions withReplyTimeoutMillis(long millis) {
        return new MagstimLinkOptions(link, unlockCode, millis, missedReplyBudget, armReadyTimeoutMillis,
                temperaturePeriodMs);
    }

    public MagstimLinkOptions withArmReadyTimeoutMillis(long millis) {
        return new MagstimLinkOptions(link, unlockCode, replyTimeoutMillis, missedReplyBudget, millis,
                temperaturePeriodMs);
    }
}
