package org.tmshost.console;

import java.io.PrintWriter;

/** How the console's commands meet a person or a script: output, questions, and following a running session. */
interface ConsoleIo {
    PrintWriter out();

    PrintWriter err();

    /** The terminal's columns, which output and help wrap at; 0 when not a terminal (a script: no wrapping). */
    default int width() {
        return 0;
    }

    /** True when a person answers questions (the shell); false for a script. */
    boolean interactive();

    /** Asks one line; null when there is nobody to answer (end of input). */
    String ask(String prompt);

    /** What {@link #askStoppable} returns, followed by the key's name, when a stop key was pressed. */
    String STOP_KEY = "\u0000stop-key:";

    /**
     * Asks a short answer where a stop key stops (a hunt's yes/no after each pulse): the shell takes
     * Space, Esc and Ctrl-C there as between pulses, and returns {@link #STOP_KEY} and the key's name;
     * elsewhere (a script) it is {@link #ask}.
     */
    default String askStoppable(String prompt) {
        return ask(prompt);
    }

    /** Asks a secret without echo; empty when there is nobody to answer. The caller wipes it. */
    char[] askSecret(String prompt);

    /**
     * Shows a running session until it ends: the shell redraws the live panel in place and takes the
     * stop keys; plain output prints a status line every few seconds.
     */
    void follow(StatusProbe probe, String operator) throws InterruptedException;

    /**
     * Waits {@code nanos} between two threshold-hunt pulses, unless the operator stops first: the
     * shell takes Space, Esc and Ctrl-C (as while a session runs); a script only watches
     * {@code stopRequested} (set by a stop from another thread, a signal or the shutdown hook).
     *
     * @return the key or reason that stopped the wait (e.g. "Space"), or null when the time passed
     */
    String waitUnlessStopped(long nanos, java.util.function.BooleanSupplier stopRequested) throws InterruptedException;

    /** Refuses a command: prints {@code error: message} and returns {@link ExitCode#BAD_INPUT}. */
    default int bad(String message) {
        err().println("error: " + message);
        err().flush();
        return ExitCode.BAD_INPUT;
    }
}
