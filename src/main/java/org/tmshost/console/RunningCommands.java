package org.tmshost.console;

import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.tmshost.yaml.TerminalText.of;

/**
 * A session from {@code start} to its end: {@code start} (the shell then follows it live),
 * {@code wait}, {@code pause}, {@code resume}, {@code stop}, {@code status}; and the stops that
 * come from outside the commands (an emergency stop from any thread, leaving the console).
 */
final class RunningCommands {
    private final ConsoleState state;
    private final ConsoleIo io;

    RunningCommands(ConsoleState state) {
        this.state = state;
        this.io = state.io;
    }

    int start() throws IOException, InterruptedException {
        Session s = state.session;
        if (s == null || s.state() != SessionState.ARMED) {
            return io.bad("start needs an armed session ('arm'); the session is " + (s == null ? "not prepared"
                    : s.state()));
        }
        state.probe = new StatusProbe(s, state.connection.stimulator());
        warmUp(state.probe);
        state.probe.started();
        s.start(state.operator);
        io.out().println("RUNNING session " + s.id() + ": " + RunProgress.of(s, System.nanoTime()).said());
        io.out().flush();
        if (io.interactive()) {
            return follow();
        }
        return ExitCode.OK;
    }

    /**
     * Draws the panel once before the first pulse, off screen: class loading and first compilation of
     * the status path would otherwise compete with the pulse thread for the CPU during the first train
     * (on a 2-CPU host that alone caused timing faults at the first pulses).
     */
    private static void warmUp(StatusProbe probe) {
        for (int i = 0; i < 3; i++) {
            StatusSnapshot snapshot = probe.snapshot();
            StatusPanel.lines(snapshot, 80).forEach(line -> line.toAnsi());
            StatusPanel.line(snapshot);
        }
    }

    int waitForEnd() throws InterruptedException {
        Session s = state.session;
        if (s == null || state.probe == null || state.probe.session() != s) {
            return io.bad("no session has been started");
        }
        return follow();
    }

    private int follow() throws InterruptedException {
        Session s = state.session;
        if (s.outcome().isEmpty()) {
            io.follow(state.probe, state.operator);
        }
        SessionOutcome outcome = awaitEnd(s);
        if (!io.interactive()) {
            io.out().println(StatusPanel.line(state.probe.snapshot())); // the shell's panel already shows the end
        }
        SessionHost.printOutcome(outcome, io.out(), io.err());
        return SessionHost.exitCodeOf(outcome);
    }

    private static SessionOutcome awaitEnd(Session s) throws InterruptedException {
        while (true) {
            try {
                return s.awaitEnd(Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                // the interlock monitor ends every session; keep waiting
            }
        }
    }

    int pause() {
        Session s = state.session;
        if (s == null || s.state() != SessionState.RUNNING) {
            return io.bad("nothing is running");
        }
        s.pause(state.operator);
        io.out().println("pausing after the current train");
        return ExitCode.OK;
    }

    int resume() {
        Session s = state.session;
        if (s == null || (s.state() != SessionState.PAUSED && s.state() != SessionState.RUNNING)) {
            return io.bad("nothing is paused");
        }
        s.resume(state.operator);
        io.out().println("resuming");
        return ExitCode.OK;
    }

    int stop() {
        Session s = state.session;
        if (s == null || s.state().isTerminal() || s.state() == SessionState.PREPARED) {
            io.out().println("nothing armed or running");
            return ExitCode.OK;
        }
        s.stop(state.operator);
        io.out().println("STOPPED by " + of(state.operator) + "; device disarmed");
        return ExitCode.OK;
    }

    int status() {
        PrintWriter out = io.out();
        if (state.simulated()) {
            out.println("SIMULATION: the device is simulated; no real pulse is delivered");
        }
        SessionHost.Connection c = state.connection;
        out.println("device    " + of(orUnset(state.deviceUri, "device URI")) + (c == null ? ""
                : c.stimulator().status().armed() ? "  (connected: ARMED)" : "  (connected: disarmed)"));
        out.println("profile   " + orUnset(state.profileName, "profile NAME"));
        out.println("operator  " + of(orUnset(state.operator, "operator ID")));
        out.println("subject   " + of(orUnset(state.subject, "subject ID")));
        out.println("threshold " + state.thresholds.summary());
        out.println("protocol  " + (state.protocol == null ? "(not loaded: load NAME)" : of(state.protocol.name())));
        out.println("course    " + (state.course == null ? "none (course ID selects one)" : of(state.course.name())
                + " (sessions count toward it; 'course' shows where it stands)"));
        out.println("confirmed hearing protection " + (state.confirmations.hearingProtection() ? "yes" : "no")
                + ", screening " + (state.confirmations.screening() ? "yes" : "no"));
        Session s = state.session;
        if (s == null) {
            out.println("session   none");
        } else {
            out.println("session   " + s.id() + " " + s.state() + ", verdict " + s.verdict().name());
            if (state.probe != null && state.probe.session() == s) {
                out.println(StatusPanel.line(state.probe.snapshot()));
            }
        }
        return ExitCode.OK;
    }

    private static String orUnset(String value, String how) {
        return value == null ? "(not set: " + how + ")" : value;
    }

    /** Any thread: stops the session if one is armed or running, and disarms the device. */
    void emergencyStop(String why) {
        Session s = state.session;
        if (s != null && !s.state().isTerminal()) {
            s.stop((state.operator == null ? "console" : state.operator) + " (" + why + ")");
        }
        SessionHost.Connection c = state.connection;
        if (c != null) {
            c.stimulator().disarm();
        }
    }

    /** Up to {@code settle} for a stopped session's monitor to record the end (ABORTED with the pulses fired). */
    void settle(Duration settle) {
        Session s = state.session;
        if (s != null) {
            try {
                s.awaitEnd(settle);
            } catch (TimeoutException | InterruptedException e) {
                // the next start closes the session from its journal (INTERRUPTED, exact count)
            }
        }
    }

    /** Before the console closes: a running session is stopped and waited for; an armed or prepared one is ended. */
    void leave() throws InterruptedException {
        Session s = state.session;
        if (s != null && (s.state() == SessionState.RUNNING || s.state() == SessionState.PAUSED)) {
            io.out().println("stopping the running session before leaving");
            s.stop(state.operator);
            SessionHost.printOutcome(awaitEnd(s), io.out(), io.err());
        } else if (s != null && (s.state() == SessionState.ARMED || s.state() == SessionState.PREPARED)) {
            boolean armed = s.state() == SessionState.ARMED;
            s.cancel(armed ? "disarmed at quit, not started" : "console closed before arming", state.operator);
            if (armed) {
                io.out().println("disarmed: session " + s.id() + " ended ABORTED before it started");
            }
        }
    }
}
