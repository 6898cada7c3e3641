package org.tmshost.device.magstim;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One turn of a Magstim's link thread: the keep-alive ({@code Q@}, or {@code x@} with an unlock
 * code) every {@code keepAlivePeriodMs}, more often while a train the host started may run (a
 * Rapid reports no pulses: its status is how the host learns the train stopped) and at once after a
 * refused fire, and the coil temperature ({@code F@}) every {@code temperaturePeriodMs}. Each
 * exchange renews the unit's lease and is counted against the link's budget by the port.
 */
final class MagstimKeepAlive {
    private static final long TRAIN_STATUS_PERIOD_NANOS = 50_000_000L;
    private static final long REFUSAL_CHECK_NANOS = 5_000_000L;

    private final MagstimPort port;
    private final MagstimDeviceState state;
    private final MagstimCommand keepAlive;
    private final long lockWaitMillis;
    private final long keepAliveNanos;
    private final long trainPollNanos;
    private final long temperatureEveryNanos;
    private long next; // these three: link thread only
    private long nextTemperature;
    private long last;

    MagstimKeepAlive(MagstimPort port, MagstimDeviceState state, MagstimCommand keepAlive, MagstimLinkOptions options) {
        this.port = port;
        this.state = state;
        this.keepAlive = keepAlive;
        this.lockWaitMillis = options.link().keepAlivePeriodMs();
        this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(options.link().keepAlivePeriodMs());
        this.trainPollNanos = Math.min(keepAliveNanos, TRAIN_STATUS_PERIOD_NANOS);
        this.temperatureEveryNanos = TimeUnit.MILLISECONDS.toNanos(options.temperaturePeriodMs());
        // built as the link thread starts: the first keep-alive is one period away, the first F@ with it
        this.next = System.nanoTime() + keepAliveNanos;
        this.nextTemperature = System.nanoTime();
        this.last = System.nanoTime();
    }

    /** Waits a little, or sends what is due; {@code running} is checked again before the temperature read. */
    void turn(BooleanSupplier running) {
        long periodNanos = state.trainMayRun(System.nanoTime()) ? trainPollNanos : keepAliveNanos;
        next = Math.min(next, last + periodNanos);
        if (state.takeStatusWanted()) {
            next = System.nanoTime();
        }
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, REFUSAL_CHECK_NANOS)); // a train or a refusal shortens the wait
            return;
        }
        last = System.nanoTime();
        next += periodNanos;
        if (next - System.nanoTime() < 0) {
            next = System.nanoTime() + periodNanos; // we fell behind: no catch-up burst of keep-alives
        }
        port.exchange(keepAlive, lockWaitMillis);
        if (running.getAsBoolean() && System.nanoTime() - nextTemperature >= 0) {
            nextTemperature = System.nanoTime() + temperatureEveryNanos;
            MagstimReply reply = port.exchange(MagstimCommands.getCoilTemperature(), lockWaitMillis);
            if (reply instanceof MagstimReply.Acknowledged) {
                CoilTemperatures.parse(((MagstimReply.Acknowledged) reply).payload())
                        .ifPresent(t -> state.coilTemperature(t.hottestCelsius()));
            }
        }
    }
}
