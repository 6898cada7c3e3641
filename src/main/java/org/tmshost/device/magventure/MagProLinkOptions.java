package org.tmshost.device.magventure;

/**
 * Timing of the MagPro driver's link thread. The MagPro has no keep-alive lease, so the driver
 * polls status (command 0x00) to notice a silent link; Localite polls about twice a second.
 *
 * @param replyTimeoutMillis   how long a command waits for the device to confirm it
 * @param pollPeriodMillis     status request period while nothing else is sent
 * @param silenceLimitMillis   no valid frame for this long: link lost
 * @param faultBudget          bad frames in a row (CRC, framing, length) tolerated; one more: link lost
 * @param readSliceMillis      read timeout of one link-thread iteration
 * @param chargeMillis         from enable to ready: the MagPro protocol has no ready bit, so the host
 *                             waits the capacitor charge time before it counts the device ready and
 *                             fires (1 s, as a Magstim arms in "up to about 1 s" [R]; a pulse sent
 *                             sooner is not delivered)
 */
public record MagProLinkOptions(long replyTimeoutMillis, long pollPeriodMillis, long silenceLimitMillis,
                                   int faultBudget, long readSliceMillis, long chargeMillis) {
    public MagProLinkOptions {
        if (replyTimeoutMillis <= 0 || pollPeriodMillis <= 0 || readSliceMillis <= 0 || faultBudget < 0 || chargeMillis < 0
                || silenceLimitMillis <= pollPeriodMillis) {
            throw new IllegalArgumentException("timeouts must be positive and the silence limit longer than the poll period");
        }
    }

    public MagProLinkOptions withChargeMillis(long millis) {
        return new MagProLinkOptions(replyTimeoutMillis, pollPeriodMillis, silenceLimitMillis, faultBudget,
                readSliceMillis, millis);
    }

    public static MagProLinkOptions defaults() {
        return new MagProLinkOptions(1000, 500, 3000, 8, 20, 1000);
    }
}
