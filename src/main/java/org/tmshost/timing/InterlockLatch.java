package org.tmshost.timing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot stop latch shared by the pulse thread and everyone who may stop it (session, link
 * thread, interlock inputs, console, stop button). Any thread may {@link #trip(TripCause)} it; the
 * first cause wins and is kept, and the bound pulse thread is unparked so it notices at once instead
 * of at its next deadline. The scheduler reads the latch before every pulse and again immediately
 * before calling the trigger, so after {@code trip} returns no pulse fires except one whose final
 * check had already passed (a window of nanoseconds before the trigger call).
 *
 * <p>Thread contract: (1) {@code trip} is lock-free and allocation-free, callable from any thread,
 * including the pulse thread itself; (2) once tripped the latch never clears; a new run takes a new
 * latch; (3) {@link #trippedAtNanos()} is the clock time read just before the trip was published.
 */
public final class InterlockLatch {
    private static final VarHandle CAUSE_CODE;

    static {
        try {
            CAUSE_CODE = MethodHandles.lookup().findVarHandle(InterlockLatch.class, "causeCode", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Clock clock;
    private volatile int causeCode;
    private volatile long trippedAtNanos;
    private volatile Thread pulseThread;

    /** @param clock the scheduler's clock, used to stamp the trip time */
    public InterlockLatch(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Trips the latch with {@code cause} unless it is already tripped.
     *
     * @return true if this call tripped it, false if it was already tripped (the first cause stays)
     */
    public boolean trip(TripCause cause) {
        if (cause == TripCause.NONE) {
            throw new IllegalArgumentException("trip needs a cause");
        }
        long nowNanos = clock.nanoTime();
        if (!CAUSE_CODE.compareAndSet(this, TripCause.NONE.code(), cause.code())) {
            return false;
        }
        trippedAtNanos = nowNanos;
        Thread thread = pulseThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    public boolean isTripped() {
        return causeCode != TripCause.NONE.code();
    }

    /** {@link TripCause#NONE} while clear. */
    public TripCause cause() {
        return TripCause.ofCode(causeCode);
    }

    /** Clock time of the trip; 0 while clear. */
    public long trippedAtNanos() {
        return trippedAtNanos;
    }

    /** The thread that {@code trip} unparks; bound by the scheduler when its loop starts. */
    void bindPulseThread(Thread thread) {
        pulseThread = thread;
    }

    /** Unparks the bound pulse thread (pause, resume). */
    void wakePulseThread() {
        Thread thread = pulseThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public String toString() {
        return "InterlockLatch[" + cause() + "]";
    }
}
