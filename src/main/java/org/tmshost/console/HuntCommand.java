package org.tmshost.console;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.record.HuntRecord;
import org.tmshost.record.NewHunt;
import org.tmshost.record.RecordException;
import org.tmshost.record.SubjectInSession;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.CheckId;
import org.tmshost.session.HuntSession;
import org.tmshost.session.InterlockCause;
import org.tmshost.session.Session;
import org.tmshost.session.SessionState;
import org.tmshost.threshold.DeliveredPulse;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntLog;
import org.tmshost.threshold.HuntPacing;
import org.tmshost.threshold.HuntPlan;
import org.tmshost.threshold.HuntResult;
import org.tmshost.threshold.HuntRunner;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.threshold.MepInputException;
import org.tmshost.threshold.MepReading;
import org.tmshost.yaml.InvalidFileException;

import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code threshold hunt} at the console: checks the console's state (device, subject, no session
 * armed), plans the hunt ({@link HuntPlan}), runs it on the connected device through the session's
 * pulse path with every pulse recorded ahead ({@link HuntRecord}), and makes a found threshold the
 * subject's. A stop (a key, 'stop' at the prompt, an emergency stop) ends it between pulses.
 */
final class HuntCommand {
    private final ConsoleState state;
    private final ConsoleIo io;
    private volatile boolean stopRequested;

    HuntCommand(ConsoleState state) {
        this.state = state;
        this.io = state.io;
    }

    /** Any thread: the running hunt stops before its next pulse. */
    void requestStop() {
        stopRequested = true;
    }

    /**
     * {@code threshold hunt}: refuses unless the device, profile, operator and subject are set, no
     * session is armed or running and the subject is confirmed; cancels a prepared session (the
     * threshold changes); runs the hunt on the connected device (which the runner arms and always
     * disarms); stores a completed threshold and makes it the console's current one.
     */
    int hunt(HuntPlan.Request request) throws DeviceFault, InvalidFileException {
        Session s = state.session;
        if (s != null && !s.state().isTerminal() && s.state() != SessionState.PREPARED) {
            return io.bad("cannot hunt a threshold while session " + s.id() + " is " + s.state() + ": 'stop' first");
        }
        if (state.deviceUri == null) {
            return io.bad("threshold hunt needs a connected stimulator: device URI (sim:PROFILE for a simulation)");
        }
        List<String> missing = state.unset(false);
        if (!missing.isEmpty()) {
            return io.bad("set first: " + String.join(", ", missing));
        }
        DeviceUri uri = DeviceUri.parse(state.deviceUri);
        HardwareProfile hardware = state.connection != null ? state.connection.profile()
                : HardwareProfiles.load(state.profileName);
        stopRequested = false;
        HuntPlan plan;
        try {
            plan = HuntPlan.of(request, uri, hardware, new HuntInputs(io, () -> stopRequested));
        } catch (HuntPlan.Refused e) {
            return io.bad(e.getMessage());
        }
        try (plan) {
            if (!state.changeable("the thresholds (hunt)")) {
                return ExitCode.BAD_INPUT;
            }
            if (state.connection == null) {
                state.connect(uri, hardware);
            }
            return runHunt(plan, uri);
        }
    }

    private int runHunt(HuntPlan plan, DeviceUri uri) {
        PrintWriter out = io.out();
        HuntSession path = state.host.huntPath(state.connection, state.confirmations);
        ArmingReport checks = path.armingChecks();
        if (!checks.canArm()) { // the session's arming checks that guard a hunt
            checks.lines().forEach(io.err()::println);
            boolean unconfirmed = checks.failedChecks().contains(CheckId.HEARING_PROTECTION_CONFIRMED)
                    || checks.failedChecks().contains(CheckId.SCREENING_CONFIRMED);
            io.err().println("hunt refused: " + (unconfirmed ? "a hunt stimulates the subject; confirm hearing protection "
                    + "and the safety screening first ('confirm --all' or 'confirm')" : checks.failures().size()
                    + " arming check(s) failed") + "; no pulse was given");
            io.err().flush();
            return ExitCode.SAFETY_REFUSED;
        }
        HuntClock clock = plan.fast() ? state.simulationClock.skipping() : realTimeHuntClock(path);
        ConsoleHunt.Reporting hunt = new ConsoleHunt.Reporting(plan.hunt(), out, clock);
        long jitterSeed = plan.fast() ? plan.seed() : new SplittableRandom().nextLong();
        HuntRecord record;
        try {
            record = HuntRecord.start(state.host.store(), new NewHunt(state.subject, state.operator, plan.kind().name(),
                    plan.hunt().method().label(), plan.criterion().microvolts(), plan.mepDescription(),
                    state.connection.profile().name(), uri.toString(), uri.simulated()), InstantSource.system());
        } catch (SubjectInSession e) {
            io.err().println("hunt refused: " + e.getMessage() + "; no pulse was given");
            io.err().flush();
            return ExitCode.SAFETY_REFUSED;
        } catch (RecordException e) {
            io.err().println("hunt refused: it cannot be recorded (" + e.getMessage() + "); no pulse was given. "
                    + (e.unreachable() ? "Check the network and the site's PostgreSQL server" : "Check free disk space"));
            io.err().flush();
            return e.unreachable() ? ExitCode.DEVICE_FAULT : ExitCode.INTERLOCK_ABORT;
        }
        HuntRunner runner = new HuntRunner(path, plan.mep(), clock, InstantSource.system(),
                new HuntRunner.Settings(0, plan.cap(), HuntPacing.standard(), jitterSeed), logTo(record));
        out.printf(Locale.ROOT, "hunting %s on %s%s: %s, criterion %.0f uV, start %d%% MSO, at most %d pulses "
                + "(hunt %d in the record)%n", plan.kind(), uri, uri.simulated() ? " (SIMULATION)" : "",
                plan.hunt().method().label(), plan.criterion().microvolts(), plan.start(), plan.cap(), record.id());
        out.println("  MEPs: " + plan.mepDescription() + "; pulses 4-6 s apart" + (plan.fast()
                ? " in virtual time (--fast)" : "; Space, Esc or Ctrl-C stops" + (plan.mep().providesAmplitudes()
                ? "" : ", or answer 'stop'")));
        out.flush();
        HuntResult result;
        try {
            hunt.started();
            result = runner.run(hunt);
        } catch (ConsoleHunt.Stopped e) {
            return huntEnded(record, "STOPPED", ExitCode.INTERLOCK_ABORT, "hunt STOPPED by " + state.operator + " ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return huntEnded(record, "INTERRUPTED", ExitCode.INTERLOCK_ABORT, "hunt interrupted");
        } catch (DeviceFault e) {
            return huntEnded(record, "DEVICE_FAULT", ExitCode.DEVICE_FAULT, "device fault (" + e.code() + "): "
                    + e.getMessage());
        } catch (HuntStopped e) { // an interlock, as a session's: the stop button, the coil, the link
            return huntEnded(record, e.cause(), e.device() ? ExitCode.DEVICE_FAULT : ExitCode.INTERLOCK_ABORT,
                    "hunt stopped, " + e.cause() + ": " + e.getMessage());
        } catch (MepInputException e) {
            return huntEnded(record, "MEP_INPUT_ERROR", ExitCode.BAD_INPUT, "MEP input: " + e.getMessage());
        } catch (RecordException e) {
            return huntEnded(record, "RECORD_FAILURE", ExitCode.INTERLOCK_ABORT, "hunt stopped: the record failed ("
                    + e.getMessage() + "); every pulse given is in it (a pulse is recorded before it is fired). "
                    + "Check free disk space");
        } catch (RuntimeException e) {
            huntEnded(record, "FAILED", ExitCode.INTERNAL_ERROR, "hunt failed: " + e);
            throw e;
        } finally {
            path.disarm(); // the runner disarms too; a stop too many is safe
        }
        String elapsed = ConsoleHunt.minutes(hunt.elapsedNanos());
        if (result.outcome() != HuntResult.Outcome.COMPLETED) {
            return huntEnded(record, result.outcome().name(), ExitCode.INTERLOCK_ABORT, "hunt ended "
                    + result.outcome() + " after " + result.pulsesUsed() + " pulses"
                    + (result.outcome() == HuntResult.Outcome.PULSE_CAP_REACHED
                    ? " (the --cap); estimate so far " + ConsoleHunt.estimateText(result.estimate()) + "% MSO"
                    : ": no threshold within the stimulator's range"));
        }
        MotorThresholds measured = result.toMotorThresholds();
        double value = measured.threshold(plan.kind()).orElseThrow().doubleValue();
        try {
            record.complete(state.subject, plan.kind().name(), value, ConsoleHunt.methodText(result, uri.simulated(),
                    plan.mepDescription()), result.date(), state.connection.profile().name());
        } catch (RecordException e) {
            return huntEnded(record, "RECORD_FAILURE", ExitCode.INTERLOCK_ABORT, "hunt found " + plan.kind() + " "
                    + String.format(Locale.ROOT, "%.1f", value) + "% MSO but the record failed (" + e.getMessage()
                    + "); the threshold is not stored or used. Check free disk space");
        }
        String source = String.format(Locale.ROOT, "hunted today: %s, %.0f uV, %d pulses%s", result.method().label(),
                result.criterion().microvolts(), result.pulsesUsed(), uri.simulated() ? ", SIMULATION" : "");
        state.thresholds.set(plan.kind(), value, result.evidence(), source);
        out.printf(Locale.ROOT, "%s %.1f%% MSO (%s) by %s, criterion %.0f uV, %d pulses in %s%s%n", plan.kind(), value,
                result.evidence(), result.method().label(), result.criterion().microvolts(), result.pulsesUsed(), elapsed,
                result.estimate().flatMap(e -> e.interval()).map(i -> String.format(Locale.ROOT,
                        ", %s %.1f-%.1f", i.meaning(), i.lowerPercentMso(), i.upperPercentMso())).orElse(""));
        out.println("  stored for subject " + state.subject + (uri.simulated() ? " (marked SIMULATION)" : "")
                + "; the next check/arm uses it. Device disarmed.");
        plan.virtualSubject().ifPresent(v -> out.printf(Locale.ROOT,
                "  virtual subject %s: true threshold for %.0f uV %.1f%% MSO (error %+.1f)%n", v.name(),
                plan.criterion().microvolts(), v.thresholdPercentMso().applyAsDouble(plan.criterion().microvolts()),
                value - v.thresholdPercentMso().applyAsDouble(plan.criterion().microvolts())));
        out.flush();
        return ExitCode.OK;
    }

    /** The hunt's pulses and readings, written ahead into its record. */
    private static HuntLog logTo(HuntRecord record) {
        return new HuntLog() {
            @Override
            public void pulseFiring(DeliveredPulse pulse) {
                record.pulseFiring(pulse.index(), pulse.intensityPercentMso());
            }

            @Override
            public void readingTaken(DeliveredPulse pulse, MepReading reading) {
                if (reading instanceof MepReading.Amplitude amplitude) {
                    record.amplitudeTaken(pulse.index(), amplitude.microvolts());
                } else {
                    record.judgementTaken(pulse.index(), ((MepReading.Judgement) reading).response());
                }
            }
        };
    }

    private int huntEnded(HuntRecord record, String outcome, int code, String why) {
        try {
            record.end(outcome);
        } catch (RecordException e) {
            io.err().println("(the hunt's end could not be recorded: " + e.getMessage() + ")");
        }
        io.err().println(why);
        io.err().println("  after " + record.pulsesGiven() + " pulse(s) (in the record as hunt " + record.id()
                + "); device disarmed; no threshold stored");
        io.err().flush();
        return code;
    }

    /** Real time: waits between pulses, unless a stop key, a 'stop' or an emergency stop comes first. */
    private HuntClock realTimeHuntClock(HuntSession path) {
        return new HuntClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long deadlineNanos) throws InterruptedException {
                String why = io.waitUnlessStopped(Math.max(0, deadlineNanos - System.nanoTime()), () -> stopRequested);
                if (why != null) {
                    stopRequested = true;
                    path.trip(InterlockCause.CONSOLE_STOP, why);
                    throw new ConsoleHunt.Stopped(why);
                }
            }
        };
    }
}
