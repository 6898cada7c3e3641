package org.tmshost.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tmshost.console.CheckOutput;
import org.tmshost.console.Devices;
import org.tmshost.console.ExitCode;
import org.tmshost.console.SessionHost;
import org.tmshost.console.SubjectEntry;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.ttl.PanelPrompt;
import org.tmshost.excitability.MeasurementJson;
import org.tmshost.excitability.MeasurementLog;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.MeasurementResult;
import org.tmshost.excitability.MeasurementRunner;
import org.tmshost.excitability.MeasurementText;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialMeps;
import org.tmshost.excitability.TrialReading;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.record.CourseRow;
import org.tmshost.record.ExcitabilityRecord;
import org.tmshost.record.NewMeasurement;
import org.tmshost.record.RecordException;
import org.tmshost.record.SubjectInSession;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Confirmations;
import org.tmshost.session.DoseLedger;
import org.tmshost.session.HuntSession;
import org.tmshost.session.InterlockCause;
import org.tmshost.session.MeasurementVerdict;
import org.tmshost.session.TrialDevice;
import org.tmshost.session.UserAudit;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.threshold.MepInputException;
import org.tmshost.threshold.SimulationClock;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.tmshost.yaml.TerminalText.of;

/**
 * One measurement from the command line: checks the request (exit 2), the device and the envelope
 * (exit 3), records the measurement, gives its trials through the session's pulse path for a
 * measurement ({@link HuntSession#prepareMeasurement}: its arming checks, one interlock latch, the
 * pulse thread), records each trial ahead and its MEP after, and prints the results. Whatever ends
 * it, the trials given stay in the record, and the results of those are printed.
 */
final class MeasurementRun {
    private final MeasurementOptions options;
    private final CommandSpec spec;
    private final PrintWriter out;
    private final PrintWriter err;

    MeasurementRun(MeasurementOptions options, CommandSpec spec) {
        this.options = options;
        this.spec = spec;
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
    }

    int run(MeasurementPlan plan) throws IOException, InvalidFileException, InterruptedException {
        DeviceUri uri;
        try {
            uri = DeviceUri.parse(options.device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device " + e.getMessage());
        }
        HardwareProfile hardware = HardwareProfiles.load(options.profile);
        SafetyEnvelope envelope = options.envelopeOptions.envelope();
        if (options.courseSession != null && options.course == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--course-session needs --course ID");
        }
        boolean simulated = hardware.simulation() || uri.simulated();
        MeasurementMeps.Opened meps;
        try {
            meps = MeasurementMeps.open(options.mep, uri, options.fast, plan.seed(), out);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DeliveryOptions.requireSiteOperator(spec, options.operator());
        TmsHome home = TmsHome.resolve();
        Optional<SessionHost> opened = SessionHost.open(home, out, err);
        if (opened.isEmpty()) {
            return ExitCode.DEVICE_FAULT;
        }
        try (SessionHost host = opened.get(); meps) {
            if (!DeliveryOptions.signedIn(host, envelope, options.operator(), err)) {
                return ExitCode.BAD_INPUT;
            }
            String subjectId = SubjectEntry.admit(host.store(), options.subject, envelope).value();
            Optional<Long> courseId = Optional.empty();
            if (options.course != null) {
                Optional<CourseRow> course = host.store().course(options.course);
                if (course.isEmpty()) {
                    err.println("error: no course " + of(options.course) + " (see 'tmshost course list')");
                    return ExitCode.BAD_INPUT;
                }
                if (!course.get().subjectId().equals(subjectId)) {
                    err.println("error: course " + of(options.course) + " is subject " + of(course.get().subjectId())
                            + "'s, not " + of(subjectId) + "'s");
                    return ExitCode.BAD_INPUT;
                }
                courseId = Optional.of(course.get().id());
            }
            SimulationClock simulationClock = new SimulationClock();
            try (SessionHost.Connection device = SessionHost.connect(options.fast
                    ? Devices.offered(simulationClock, PanelPrompt.terminal())
                    : Devices.offered(System::nanoTime, PanelPrompt.terminal()), uri, hardware)) {
                return measure(host, device, plan, subjectId, courseId, meps.meps(), envelope,
                        options.fast ? simulationClock.skipping() : HuntClock.system(), simulated);
            }
        } catch (DeviceFault e) {
            err.println("device fault (" + e.code() + "): " + of(e.getMessage()) + "; no trial was given");
            return ExitCode.DEVICE_FAULT;
        } catch (SubjectInSession e) {
            err.println("refused: " + e.getMessage() + "; no trial was given");
            return ExitCode.SAFETY_REFUSED;
        } catch (RecordException e) {
            err.println("error: the record store failed: " + e.getMessage() + ". " + (e.unreachable()
                    ? "Check the network and the site's PostgreSQL server" : "Check free disk space")
                    + "; every trial given is in the record (a trial is recorded before it is fired)");
            return e.unreachable() ? ExitCode.DEVICE_FAULT : ExitCode.INTERLOCK_ABORT;
        }
    }

    private int measure(SessionHost host, SessionHost.Connection device, MeasurementPlan plan, String subjectId,
                        Optional<Long> courseId, TrialMeps meps, SafetyEnvelope envelope, HuntClock clock,
                        boolean simulated) throws IOException {
        HardwareProfile profile = device.profile();
        Optional<String> refusal = TrialDevice.refusal(plan, profile, device.stimulator());
        if (refusal.isPresent()) {
            err.println("measurement refused: " + of(refusal.get()) + "; no trial was given");
            return ExitCode.SAFETY_REFUSED;
        }
        Verdict verdict = MeasurementVerdict.of(plan, profile, device.stimulator().reachableChannels(), envelope,
                new DoseLedger(host.store(), ZoneId.systemDefault()).history(subjectId, Instant.now()));
        if (verdict.level() == Severity.BLOCKED || verdict.level() == Severity.NEEDS_OVERRIDE) {
            CheckOutput.printText(err, plan.kind().label() + " measurement", profile, plan.boundingProtocol(), verdict);
            err.println("measurement refused: the safety envelope's verdict on its bounding protocol is " + verdict.level()
                    + " (a measurement takes no override); no trial was given");
            return ExitCode.SAFETY_REFUSED;
        }
        verdict.findings().stream().filter(f -> f.severity() == Severity.WARN)
                .forEach(f -> err.println("WARN " + f.ruleId() + ": " + of(f.message())));
        Confirmations confirmations = options.yes || options.fast ? Confirmations.BOTH : Confirmations.NONE;
        HuntSession path = host.measurementPath(device, confirmations, plan);
        ArmingReport checks = path.armingChecks();
        if (!checks.canArm()) {
            checks.lines().forEach(err::println);
            err.println("measurement refused: " + checks.failures().size() + " arming check(s) failed"
                    + (options.yes ? "" : " (--yes confirms hearing protection and screening)") + "; no trial was given");
            return ExitCode.SAFETY_REFUSED;
        }
        ExcitabilityRecord record = ExcitabilityRecord.start(host.store(), new NewMeasurement(subjectId,
                options.operator(), plan.kind().label(), plan.conditions().stream().map(c -> c.name()).toList(),
                plan.trialsPerCondition(), plan.rmtPercentMso().doubleValue(), plan.conditioningPercentRmt().doubleValue(),
                plan.testPercentRmt().doubleValue(), plan.interTrialSeconds().doubleValue(),
                plan.jitterSeconds().doubleValue(), plan.seed(), meps.description(), profile.name(), device.uri().toString(),
                simulated, courseId, Optional.ofNullable(options.courseSession), UserAudit.localHostName()), InstantSource.system());
        if (!options.json) {
            out.printf(Locale.ROOT, "measurement %d: %s of subject %s on %s%s, %d trials (%d conditions x %d), seed %d%n",
                    record.id(), plan.kind().label(), of(subjectId), device.uri(), simulated ? " (SIMULATION)" : "",
                    plan.trialCount(), plan.conditions().size(), plan.trialsPerCondition(), plan.seed());
            out.println("  " + path.trialDevice().map(TrialDevice::describe).orElse("") + "; MEPs: " + meps.description()
                    + (options.fast ? "; virtual time (--fast)" : "; Ctrl-C stops between trials"));
            out.flush();
        }
        MeasurementRunner runner = new MeasurementRunner(path, meps, clock, logTo(record, plan));
        Thread stopOnInterrupt = new Thread(() -> path.trip(InterlockCause.CONSOLE_STOP, "interrupt signal"),
                "tmshost-sigint");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            List<TrialReading> readings = runner.run(plan);
            MeasurementResult result = MeasurementResult.of(plan, readings);
            ObjectNode json = MeasurementJson.of(result);
            record.complete(json.toString());
            voidTrials(json, runner);
            report(record, result, json, subjectId, simulated, ExcitabilityRecord.COMPLETED);
            return ExitCode.OK;
        } catch (HuntStopped e) { // an interlock, as a session's: the stop button, the coil, the link
            return ended(record, plan, runner, subjectId, simulated, e.cause(),
                    e.device() ? ExitCode.DEVICE_FAULT : ExitCode.INTERLOCK_ABORT, "stopped, " + e.cause() + ": "
                            + e.getMessage());
        } catch (DeviceFault e) {
            return ended(record, plan, runner, subjectId, simulated, "DEVICE_FAULT", ExitCode.DEVICE_FAULT,
                    "device fault (" + e.code() + "): " + e.getMessage());
        } catch (MepInputException e) {
            return ended(record, plan, runner, subjectId, simulated, "MEP_INPUT_ERROR", ExitCode.BAD_INPUT,
                    "MEP input: " + e.getMessage());
        } catch (MeasurementMeps.Stopped e) {
            return ended(record, plan, runner, subjectId, simulated, "STOPPED", ExitCode.INTERLOCK_ABORT,
                    "stopped by " + options.operator() + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended(record, plan, runner, subjectId, simulated, "INTERRUPTED", ExitCode.INTERLOCK_ABORT,
                    "interrupted");
        } catch (RecordException e) {
            return ended(record, plan, runner, subjectId, simulated, "RECORD_FAILURE", ExitCode.INTERLOCK_ABORT,
                    "the record failed (" + e.getMessage() + "); every trial given is in it (a trial is recorded "
                            + "before it is fired). Check free disk space");
        } finally {
            path.disarm();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it trips the path
            }
        }
    }

    /** A measurement cut short: its end recorded, the results of the trials given printed. */
    private int ended(ExcitabilityRecord record, MeasurementPlan plan, MeasurementRunner runner, String subjectId,
                      boolean simulated, String outcome, int code, String why) {
        try {
            record.end(outcome);
        } catch (RecordException e) {
            err.println("(the measurement's end could not be recorded: " + e.getMessage() + ")");
        }
        err.println("measurement " + record.id() + " " + of(why));
        err.println("  after " + record.trialsRecorded() + " of " + plan.trialCount() + " trials (" + record.pulsesRecorded()
                + " pulses), all in the record; device disarmed");
        err.flush();
        MeasurementResult partial = MeasurementResult.of(plan, runner.readings());
        ObjectNode json = MeasurementJson.of(partial);
        voidTrials(json, runner);
        report(record, partial, json, subjectId, simulated, outcome);
        return code;
    }

    /** The void trials' numbers (each given again later), in the JSON and so in the record. */
    private static void voidTrials(ObjectNode json, MeasurementRunner runner) {
        var numbers = json.putArray("voidTrials");
        runner.voidTrials().forEach(t -> numbers.add(t.index() + 1));
    }

    private void report(ExcitabilityRecord record, MeasurementResult result, ObjectNode json, String subjectId,
                        boolean simulated, String outcome) {
        if (options.json) {
            ObjectNode root = json.objectNode();
            root.put("measurementId", record.id());
            root.put("subject", subjectId);
            root.put("outcome", outcome);
            root.put("simulation", simulated);
            root.setAll(json);
            out.println(root.toPrettyString());
        } else {
            out.printf(Locale.ROOT, "%s: %d of %d trials%s%n", outcome, result.readings().size(), result.plan().trialCount(),
                    json.path("voidTrials").isEmpty() ? "" : " (" + json.path("voidTrials").size()
                            + " void trial(s) given again: " + json.path("voidTrials") + ")");
            MeasurementText.print(result, out);
            out.println("  in the record as measurement " + record.id() + " ('tmshost excitability show " + of(subjectId)
                    + "')");
        }
        out.flush();
    }

    /** Each trial written ahead, and its MEP once read; one line per trial when not --json. */
    private MeasurementLog logTo(ExcitabilityRecord record, MeasurementPlan plan) {
        return new MeasurementLog() {
            @Override
            public void trialFiring(Trial t) {
                record.trialFiring(t.index(), t.block(), t.condition(), t.pulses().conditioningPercentMso(),
                        t.pulses().testPercentMso(), t.pulses().isiNanos());
            }

            @Override
            public void readingTaken(Trial t, double microvolts) {
                record.amplitudeTaken(t.index(), microvolts);
                if (!options.json) {
                    out.printf(Locale.ROOT, "  trial %3d/%d  %-8s %3s/%3d %%MSO  %7.0f uV%n", t.index() + 1,
                            plan.trialCount(), plan.conditions().get(t.condition()).name(),
                            t.pulses().paired() ? String.valueOf(t.pulses().conditioningPercentMso()) : "-",
                            t.pulses().testPercentMso(), microvolts);
                    out.flush();
                }
            }

            @Override
            public void trialVoid(Trial t) {
                record.trialVoid(t.index());
                if (!options.json) {
                    out.printf(Locale.ROOT, "  trial %3d/%d  %-8s void: the test pulse would have been late and was "
                            + "not given (the conditioning pulse was); given again%n", t.index() + 1, plan.trialCount(),
                            plan.conditions().get(t.condition()).name());
                    out.flush();
                }
            }
        };
    }
}
