package org.tmshost.device.magstim;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * What the host knows of a Magstim's armed lease: the latest it may end (the unit stops a train by
 * itself then), put on record before each command leaves, and when a command was last sent that the
 * unit answered armed (its train ran at least until then). See {@code Stimulator#unattendedStopNanos}
 * and {@code Stimulator#knownRunningUntilNanos}.
 */
final class MagstimLease {
    /** The reply timeout (a command arriving later than that is a missed reply) plus the lease. */
    private final long boundAfterSendingNanos;
    /**
     * The latest the unit's lease may end: from when the last command was about to go onto the wire,
     * plus the reply timeout, plus the lease (the unit counts its lease from arrival).
     */
    private volatile long unattendedStopNanos = System.nanoTime();
    private volatile LongConsumer watcher = nanos -> { };
    /** When the last command was sent that the unit answered armed: it ran its train at least until then. */
    private volatile long heardArmedNanos = System.nanoTime();

    MagstimLease(MagstimLinkOptions options) {
        this.boundAfterSendingNanos = TimeUnit.MILLISECONDS.toNanos(options.replyTimeoutMillis()
                + options.link().armedLeaseMs());
    }

    /** Before a command leaves: the lease it may renew, on record first (pulse thread too: no allocation). */
    void aboutToSend(long sendingAt) {
        long bound = sendingAt + boundAfterSendingNanos;
        watcher.accept(bound);
        unattendedStopNanos = bound;
    }

    /** The command sent at {@code sendingAt} was answered armed. */
    void answeredArmed(long sendingAt) {
        heardArmedNanos = sendingAt;
    }

    long unattendedStopNanos() {
        return unattendedStopNanos;
    }

    long knownRunningUntilNanos() {
        return heardArmedNanos;
    }

    void watch(LongConsumer watcher) {
        this.watcher = watcher;
    }
}
