package org.tmshost.session;

/**
 * One round of a session loop that never blocks (Agrona's {@code Agent}): the interlock monitor's,
 * the recorder's. A {@link PeriodicDuty} runs it on its thread, or a session on virtual time steps
 * it when its period has come; a test may call {@link #doWork()} by hand.
 */
interface DutyCycle {
    /** @return the work done: 0 when there was nothing to do */
    int doWork();

    /** True once the loop has ended: no round does anything after this. */
    boolean done();
}
