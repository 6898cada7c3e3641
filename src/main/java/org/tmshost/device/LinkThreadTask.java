package org.tmshost.device;

/**
 * A task handed to a device's link thread from outside ({@link Stimulator#onLinkThreads}), run by that
 * thread once at its next cycle: the thread's own attributes (its scheduling) can only be set from inside it.
 */
public final class LinkThreadTask {
    private volatile Runnable pending;

    /** Queues {@code task}, replacing one not yet run. */
    public void request(Runnable task) {
        pending = task;
    }

    /** On the link thread, each cycle: runs the task queued since the last call, if any. */
    public void runIfRequested() {
        Runnable task = pending;
        if (task != null) {
            pending = null;
            task.run();
        }
    }
}
