package org.tmshost.console;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceProviders;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.ttl.PanelPrompt;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.report.SessionReport;
import org.tmshost.record.HuntRecord;
import org.tmshost.record.NewHunt;
import org.tmshost.record.RecordException;
import org.tmshost.record.SessionRow;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Severity;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.CheckId;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Confirmations;
import org.tmshost.session.HuntSession;
import org.tmshost.session.InterlockCause;
import org.tmshost.session.Continuation;
import org.tmshost.session.ContinuationRefused;
import org.tmshost.session.DoseLedger;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;
import org.tmshost.session.SiteUsers;
import org.tmshost.threshold.DeliveredPulse;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntLog;
import org.tmshost.threshold.HuntMethod;
import org.tmshost.threshold.HuntPlan;
import org.tmshost.threshold.SimulationClock;
import org.tmshost.threshold.HuntPacing;
import org.tmshost.threshold.HuntResult;
import org.tmshost.threshold.HuntRunner;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.threshold.MepInputException;
import org.tmshost.threshold.MepReading;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

/**
 * The console's commands and what they act on: the device, profile, operator, subject, thresholds
 * and protocol the technician set, and the session they prepare, arm and run. The shell and the
 * script runner both execute lines here; every command returns an exit code of contracts.md §2
 * (0 ok, 2 bad input, 3 refused by the envelope or the arming checks, 4 device or link fault,
 * 5 aborted by an interlock or a stop). The session is driven through its public methods only.
 */
@Command(name = "", description = "Technician console commands. 'help COMMAND' for one command.",
        subcommands = CommandLine.HelpCommand.class)
final class ConsoleDesk implements AutoCloseable {
    static final List<String> COMMANDS = List.of("device", "profile", "operator", "subject", "threshold", "load",
            "check", "approve", "confirm", "continue", "arm", "start", "pause", "resume", "stop", "status", "wait",
            "sessions",
            "report", "quit", "help");

    private final SessionHost host;
    private final SafetyEnvelope envelope;
    private final ConsoleIo io;
    private final CommandLine commandLine;

    private String deviceUri;
    private String profileName;
    private String operator;
    private String subject;
    private Double rmt;
    private Double amt;
    private ThresholdMethod method = ThresholdMethod.UNSTATED;
    /** How each threshold was found, for check: "stated" or the hunt that found it. */
    private String rmtSource;
    private String amtSource;
    private ProtocolLibrary.Entry protocol;
    private Confirmations confirmations = Confirmations.NONE;
    private SessionHost.Connection connection;
    private volatile Session session;
    private StatusProbe probe;
    private boolean quit;
    /** The simulated device's clock; fast threshold hunts move it forward. */
    private final SimulationClock simulationClock = new SimulationClock();
    private volatile boolean huntStop;

    /** What this console opens: a {@code sim:} device on the console's clock, a TTL rig's panel asked here. */
    private DeviceProviders devices() {
        return Devices.offered(simulationClock, PanelPrompt.askedWith(io::ask));
    }

    ConsoleDesk(SessionHost host, SafetyEnvelope envelope, ConsoleIo io) {
        this.host = host;
        this.envelope = envelope;
        this.io = io;
        this.commandLine = new CommandLine(this);
        commandLine.setOut(io.out());
        commandLine.setErr(io.err());
        commandLine.setExecutionExceptionHandler(this::onException);
        commandLine.setParameterExceptionHandler((e, args) -> {
            io.err().println("error: " + e.getMessage());
            io.err().println("  'help " + (args.length > 0 ? args[0] : "") + "' shows how to use it");
            return ExitCode.BAD_INPUT;
        });
    }

    /** Runs one command line (already split into words); returns its exit code. */
    int execute(List<String> words) {
        if (words.isEmpty()) {
            return ExitCode.OK;
        }
        int code = commandLine.execute(words.toArray(String[]::new));
        io.out().flush();
        io.err().flush();
        return code;
    }

    boolean quitRequested() {
        return quit;
    }

    Optional<Session> session() {
        return Optional.ofNullable(session);
    }

    boolean simulated() {
        if (session != null) {
            return session.request().simulated();
        }
        return deviceUri != null && deviceUri.startsWith("sim:");
    }

    /** The short state for the prompt: protocol and session state, when there is one. */
    String promptContext() {
        StringBuilder b = new StringBuilder();
        if (protocol != null) {
            b.append(protocol.name());
        }
        Session s = session;
        if (s != null) {
            b.append(b.length() > 0 ? " " : "").append(s.state());
        }
        return b.toString();
    }

    /** Subjects seen in the record, for completion. */
    List<String> knownSubjects() {
        try {
            return List.copyOf(new TreeSet<>(host.store().allSessions().stream().map(SessionRow::subjectId).toList()));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    // ---- settings ------------------------------------------------------------------------------

    @Command(name = "device", description = "Use the stimulator at URI: sim:PROFILE, serial:/dev/PORT?profile=P, "
            + "tcp://HOST:PORT?profile=P, gpio:pi?profile=P. Sets the profile from the URI unless one is set.")
    int device(@Parameters(paramLabel = "URI") String uri) throws DeviceFault {
        DeviceUri parsed;
        try {
            parsed = DeviceUri.parse(uri);
        } catch (IllegalArgumentException e) {
            return bad("device " + e.getMessage());
        }
        if (!changeable("the device")) {
            return ExitCode.BAD_INPUT;
        }
        disconnect();
        deviceUri = parsed.toString();
        if (profileName == null) {
            profileName = parsed.profile();
        }
        io.out().println("device " + deviceUri + (parsed.simulated() ? "  (SIMULATION: no real pulse is delivered)" : ""));
        return ExitCode.OK;
    }

    @Command(name = "profile", description = "Use hardware profile NAME (or a profile file).")
    int profile(@Parameters(paramLabel = "NAME") String name) throws InvalidFileException {
        HardwareProfile loaded = HardwareProfiles.load(name);
        if (!changeable("the profile")) {
            return ExitCode.BAD_INPUT;
        }
        disconnect();
        profileName = name;
        io.out().println("profile " + loaded.name() + ": " + loaded.model() + (loaded.simulation() ? " (SIMULATION)" : ""));
        return ExitCode.OK;
    }

    @Command(name = "operator", description = "Who operates: recorded with every action. Must be a site user "
            + "('tmshost users add') once the site has users.")
    int operator(@Parameters(paramLabel = "ID") String id) throws IOException {
        SiteUsers users = SiteUsers.load(host.home().usersFile());
        if (users.roleOf(id).isEmpty()) {
            if (!users.describe().isEmpty()) {
                return bad("'" + id + "' is not a site user; a supervisor adds operators with 'tmshost users add'");
            }
            io.out().println("note: this site has no users yet ('tmshost users add'); '" + id + "' is recorded as given");
        }
        if (!changeable("the operator")) {
            return ExitCode.BAD_INPUT;
        }
        operator = id;
        io.out().println("operator " + id);
        return ExitCode.OK;
    }

    @Command(name = "subject", description = "The subject (pseudonymous id). Resets thresholds and confirmations.")
    int subject(@Parameters(paramLabel = "ID") String id) {
        if (id.isBlank()) {
            return bad("a subject id cannot be blank");
        }
        if (!changeable("the subject")) {
            return ExitCode.BAD_INPUT;
        }
        subject = id;
        rmt = null;
        amt = null;
        rmtSource = null;
        amtSource = null;
        method = ThresholdMethod.UNSTATED;
        confirmations = Confirmations.NONE;
        io.out().println("subject " + id + " (thresholds and confirmations cleared)");
        return ExitCode.OK;
    }

    @Command(name = "threshold", description = {"The subject's motor threshold measured today, %% MSO:",
            "  threshold rmt|amt VALUE [--method emg|visual]",
            "or hunt it now with the connected device (single pulses, 4-6 s apart; Space, Esc or Ctrl-C stops):",
            "  threshold hunt rmt|amt --method mlpest|rossini|two-threshold|samt [--criterion UV] [--start PCT]",
            "      [--cap N] [--mep operator|virtual[:SUBJECT_FILE]|stream:FILE] [--evidence emg|visual]",
            "      [--seed S] [--fast]",
            "The hunted threshold is stored for the subject and used by the next check/arm."})
    int threshold(@Parameters(arity = "1..2", paramLabel = "rmt|amt VALUE | hunt rmt|amt") List<String> words,
                  @Option(names = "--method", paramLabel = "METHOD",
                          description = "emg|visual; for a hunt: mlpest|rossini|two-threshold|samt") String how,
                  @Option(names = "--criterion", paramLabel = "UV",
                          description = "hunt: MEP criterion, uV peak-to-peak (default 50 RMT, 200 AMT)") Double criterion,
                  @Option(names = "--start", paramLabel = "PCT",
                          description = "hunt: hotspot intensity, %%MSO (needed unless --mep virtual)") Double start,
                  @Option(names = "--cap", paramLabel = "N",
                          description = "hunt: most pulses (default 200, at most 500)") Integer cap,
                  @Option(names = "--mep", paramLabel = "SOURCE",
                          description = "hunt: operator (yes/no, default), virtual[:SUBJECT_FILE] (sim: only), "
                                  + "stream:FILE (uV per line)") String mep,
                  @Option(names = "--evidence", paramLabel = "emg|visual",
                          description = "hunt with --mep operator: watching the muscle (visual, default) or an EMG "
                                  + "display") String evidence,
                  @Option(names = "--seed", paramLabel = "S",
                          description = "hunt with --mep virtual: the virtual subject's seed (default 1)") Long seed,
                  @Option(names = "--fast", description = "hunt: virtual time (sim: device and --mep virtual only)")
                  boolean fast) throws DeviceFault, InvalidFileException {
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("hunt")) {
            if (words.size() != 2) {
                return bad("threshold hunt rmt|amt --method " + String.join("|", HuntMethod.keywords()) + " ...");
            }
            return hunt(new HuntPlan.Request(words.get(1), how, criterion, start, cap, mep, evidence, seed, fast));
        }
        if (criterion != null || start != null || cap != null || mep != null || evidence != null || seed != null
                || fast) {
            return bad("--criterion, --start, --cap, --mep, --evidence, --seed and --fast are for 'threshold hunt'");
        }
        if (words.size() != 2) {
            return bad("threshold rmt|amt VALUE [--method emg|visual], or threshold hunt rmt|amt --method ...");
        }
        String kind = words.get(0);
        double value;
        try {
            value = Double.parseDouble(words.get(1));
        } catch (NumberFormatException e) {
            return bad("threshold rmt|amt VALUE: '" + words.get(1) + "' is not a number in %MSO");
        }
        if (!(value > 0) || value > 100) {
            return bad("a threshold is in %MSO, greater than 0 and at most 100 (was " + value + ")");
        }
        ThresholdMethod parsedMethod = method;
        if (how != null) {
            try {
                parsedMethod = ThresholdMethod.valueOf(how.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return bad("--method must be emg or visual, not '" + how + "'");
            }
        }
        String k = kind.toLowerCase(Locale.ROOT);
        if (!k.equals("rmt") && !k.equals("amt")) {
            return bad("threshold rmt|amt VALUE: '" + kind + "' is neither");
        }
        if (!changeable("the thresholds")) {
            return ExitCode.BAD_INPUT;
        }
        if (k.equals("rmt")) {
            rmt = value;
            rmtSource = "stated";
        } else {
            amt = value;
            amtSource = "stated";
        }
        method = parsedMethod;
        io.out().printf(Locale.ROOT, "%s %.1f%% MSO (%s)%n", k.toUpperCase(Locale.ROOT), value,
                method == ThresholdMethod.UNSTATED ? "method not stated: add --method emg|visual" : method.name());
        return ExitCode.OK;
    }

    /**
     * {@code threshold hunt}: refuses unless the device, profile, operator and subject are set, no
     * session is armed or running and the subject is confirmed; cancels a prepared session (the
     * threshold changes); runs the hunt on the connected device (which the runner arms and always
     * disarms); stores a completed threshold and makes it the console's current one.
     */
    private int hunt(HuntPlan.Request request) throws DeviceFault, InvalidFileException {
        Session s = session;
        if (s != null && !s.state().isTerminal() && s.state() != SessionState.PREPARED) {
            return bad("cannot hunt a threshold while session " + s.id() + " is " + s.state() + ": 'stop' first");
        }
        if (deviceUri == null) {
            return bad("threshold hunt needs a connected stimulator: device URI (sim:PROFILE for a simulation)");
        }
        List<String> missing = unset(false);
        if (!missing.isEmpty()) {
            return bad("set first: " + String.join(", ", missing));
        }
        DeviceUri uri = DeviceUri.parse(deviceUri);
        HardwareProfile hardware = connection != null ? connection.profile() : HardwareProfiles.load(profileName);
        huntStop = false;
        HuntPlan plan;
        try {
            plan = HuntPlan.of(request, uri, hardware, new HuntInputs(io, () -> huntStop));
        } catch (HuntPlan.Refused e) {
            return bad(e.getMessage());
        }
        try (plan) {
            if (!changeable("the thresholds (hunt)")) {
                return ExitCode.BAD_INPUT;
            }
            if (connection == null) {
                connection = SessionHost.connect(devices(), uri, hardware);
            }
            return runHunt(plan, uri);
        }
    }

    private int runHunt(HuntPlan plan, DeviceUri uri) {
        PrintWriter out = io.out();
        HuntSession path = host.huntPath(connection, confirmations);
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
        HuntClock clock = plan.fast() ? simulationClock.skipping() : realTimeHuntClock(path);
        ConsoleHunt.Reporting hunt = new ConsoleHunt.Reporting(plan.hunt(), out, clock);
        long jitterSeed = plan.fast() ? plan.seed() : new SplittableRandom().nextLong();
        HuntRecord record;
        try {
            record = HuntRecord.start(host.store(), new NewHunt(subject, operator, plan.kind().name(),
                    plan.hunt().method().label(), plan.criterion().microvolts(), plan.mepDescription(),
                    connection.profile().name(), uri.toString(), uri.simulated()), Clock.systemUTC());
        } catch (RecordException e) {
            io.err().println("hunt refused: it cannot be recorded (" + e.getMessage() + "); no pulse was given. "
                    + "Check free disk space");
            io.err().flush();
            return ExitCode.INTERLOCK_ABORT;
        }
        HuntRunner runner = new HuntRunner(path, plan.mep(), clock, Clock.systemUTC(),
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
            return huntEnded(record, "STOPPED", ExitCode.INTERLOCK_ABORT, "hunt STOPPED by " + operator + " ("
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
            record.complete(subject, plan.kind().name(), value, ConsoleHunt.methodText(result, uri.simulated(),
                    plan.mepDescription()), result.date(), connection.profile().name());
        } catch (RecordException e) {
            return huntEnded(record, "RECORD_FAILURE", ExitCode.INTERLOCK_ABORT, "hunt found " + plan.kind() + " "
                    + String.format(Locale.ROOT, "%.1f", value) + "% MSO but the record failed (" + e.getMessage()
                    + "); the threshold is not stored or used. Check free disk space");
        }
        String source = String.format(Locale.ROOT, "hunted today: %s, %.0f uV, %d pulses%s", result.method().label(),
                result.criterion().microvolts(), result.pulsesUsed(), uri.simulated() ? ", SIMULATION" : "");
        if (plan.kind() == ThresholdKind.RMT) {
            rmt = value;
            rmtSource = source;
        } else {
            amt = value;
            amtSource = source;
        }
        method = result.evidence();
        out.printf(Locale.ROOT, "%s %.1f%% MSO (%s) by %s, criterion %.0f uV, %d pulses in %s%s%n", plan.kind(), value,
                result.evidence(), result.method().label(), result.criterion().microvolts(), result.pulsesUsed(), elapsed,
                result.estimate().flatMap(e -> e.interval()).map(i -> String.format(Locale.ROOT,
                        ", %s %.1f-%.1f", i.meaning(), i.lowerPercentMso(), i.upperPercentMso())).orElse(""));
        out.println("  stored for subject " + subject + (uri.simulated() ? " (marked SIMULATION)" : "")
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
                String why = io.waitUnlessStopped(Math.max(0, deadlineNanos - System.nanoTime()), () -> huntStop);
                if (why != null) {
                    huntStop = true;
                    path.trip(InterlockCause.CONSOLE_STOP, why);
                    throw new ConsoleHunt.Stopped(why);
                }
            }
        };
    }

    @Command(name = "load", description = "Load a protocol: a library name ('tmshost protocols') or a file.")
    int load(@Parameters(paramLabel = "PROTOCOL") String name) throws InvalidFileException {
        ProtocolLibrary.Entry entry = ProtocolLibrary.resolve(name);
        if (!changeable("the protocol")) {
            return ExitCode.BAD_INPUT;
        }
        protocol = entry;
        io.out().printf(Locale.ROOT, "loaded %s: %s, %d pulses, %s%n", entry.name(), entry.protocol().name(),
                entry.protocol().pulseCount(), Durations.human(entry.protocol().timeline().durationNanos()));
        return ExitCode.OK;
    }

    // ---- before arming -------------------------------------------------------------------------

    @Command(name = "check", description = "The safety verdict with every finding (prepares the session record).")
    int check() throws DeviceFault, InvalidFileException {
        Optional<Session> prepared = prepared();
        if (prepared.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Session s = prepared.get();
        CheckOutput.printText(io.out(), protocol.name(), s.request().profile(), protocol.protocol(), s.verdict());
        if (rmt != null || amt != null) {
            io.out().println("  thresholds: " + (rmt == null ? "" : thresholdText("RMT", rmt, rmtSource))
                    + (rmt != null && amt != null ? "; " : "") + (amt == null ? "" : thresholdText("AMT", amt, amtSource)));
        }
        io.out().println("  " + doseText(s.doseToday()));
        if (s.verdict().level() == Severity.BLOCKED) {
            return ExitCode.SAFETY_REFUSED;
        }
        if (s.verdict().level() == Severity.NEEDS_OVERRIDE) {
            boolean approved = s.approvedRuleIds().containsAll(
                    s.verdict().needingOverride().stream().map(f -> f.ruleId()).toList());
            io.out().println(approved ? "  Overrides approved." : "  Not yet approved: 'approve' (a supervisor).");
            return approved ? ExitCode.OK : ExitCode.SAFETY_REFUSED;
        }
        return ExitCode.OK;
    }

    private String thresholdText(String kind, double value, String source) {
        return String.format(Locale.ROOT, "%s %.1f%% MSO (%s, %s)", kind, value, method.name(), source);
    }

    @Command(name = "approve", description = "A supervisor approves the NEEDS_OVERRIDE findings: "
            + "approve [USER] --reason TEXT; the password is asked (a script reads it from standard input).")
    int approve(@Parameters(paramLabel = "USER", arity = "0..1") String user,
                @Option(names = "--reason", paramLabel = "TEXT") String reason) throws DeviceFault, IOException,
            InvalidFileException {
        Optional<Session> prepared = prepared();
        if (prepared.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Session s = prepared.get();
        if (s.verdict().level() == Severity.PASS) {
            io.out().println("nothing to approve: the verdict is PASS");
            return ExitCode.OK;
        }
        String who = user != null ? user : io.ask("supervisor: ");
        String why = reason != null ? reason : io.ask("reason (recorded): ");
        if (who == null || who.isBlank() || why == null || why.isBlank()) {
            return bad("approve needs a supervisor and a reason: approve USER --reason TEXT");
        }
        char[] password = io.askSecret("password for " + who.strip() + ": ");
        Optional<String> refused = host.approve(s, who.strip(), password, why.strip());
        if (refused.isPresent()) {
            io.err().println("override refused: " + refused.get());
            return ExitCode.SAFETY_REFUSED;
        }
        io.out().println("approved by " + who.strip() + ": " + s.verdict().needingOverride().size()
                + " finding(s), reason recorded");
        return ExitCode.OK;
    }

    @Command(name = "confirm", description = "Confirm hearing protection (subject and operator) and the subject's "
            + "safety screening. Asks each unless given: --all, --hearing-protection, --screening.")
    int confirm(@Option(names = "--all") boolean all,
                @Option(names = "--hearing-protection") boolean hearing,
                @Option(names = "--screening") boolean screening) {
        boolean h = all || hearing;
        boolean sc = all || screening;
        if (!all && !hearing && !screening) {
            if (!io.interactive()) {
                return bad("in a script, say what is confirmed: confirm --all (or --hearing-protection, --screening)");
            }
            h = yes(io.ask("Hearing protection fitted (subject and operator)? [y/N] "));
            sc = yes(io.ask("Safety screening complete for this subject? [y/N] "));
        }
        confirmations = new Confirmations(confirmations.hearingProtection() || h, confirmations.screening() || sc);
        io.out().println("hearing protection: " + (confirmations.hearingProtection() ? "confirmed" : "NOT confirmed")
                + "; screening: " + (confirmations.screening() ? "confirmed" : "NOT confirmed"));
        return ExitCode.OK;
    }

    private static boolean yes(String answer) {
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    @Command(name = "continue", description = {"Prepare a session that delivers the remaining pulses of one the host's "
            + "own fault ended (a timing fault, a record failure, a lost link, a stopped host), as the same treatment: "
            + "its recorded protocol, thresholds and profile; no supervisor within the site policy's window. Then "
            + "'arm' and 'start' as usual.", "Without SESSION: the session this console ran last."})
    int continueTreatment(@Parameters(arity = "0..1", paramLabel = "SESSION") Long sessionId)
            throws DeviceFault, InvalidFileException {
        Session last = session;
        if (last != null && !last.state().isTerminal()) {
            return bad("session " + last.id() + " is " + last.state() + ": 'stop' it first");
        }
        if (sessionId == null && last == null) {
            return bad("continue SESSION: which session? ('sessions' lists them)");
        }
        long target = sessionId != null ? sessionId : last.id();
        List<String> missing = new ArrayList<>();
        if (deviceUri == null) {
            missing.add("device URI");
        }
        if (operator == null) {
            missing.add("operator ID");
        }
        if (!missing.isEmpty()) {
            return bad("set first: " + String.join(", ", missing));
        }
        Continuation continuation;
        Session next;
        try {
            continuation = Continuation.of(host.store(), target, envelope.continuationWindow(), java.time.Instant.now());
            String recordedProfile = continuation.continues().profileName();
            if (connection != null && !connection.profile().name().equals(recordedProfile)) {
                disconnect();
            }
            if (connection == null) { // the console's profile (a name or a file) if it is the one recorded
                HardwareProfile set = profileName == null ? null : HardwareProfiles.load(profileName);
                if (set == null || !set.name().equals(recordedProfile)) {
                    profileName = recordedProfile;
                    set = HardwareProfiles.load(recordedProfile);
                }
                connection = SessionHost.connect(devices(), DeviceUri.parse(deviceUri), set);
            }
            next = host.continueTreatment(connection, continuation, operator, envelope);
        } catch (ContinuationRefused e) {
            io.err().println("cannot continue session " + target + ": " + e.getMessage());
            return ExitCode.SAFETY_REFUSED;
        }
        session = next;
        probe = null;
        subject = continuation.continues().subjectId();
        io.out().println(host.continuationSaid(next, continuation) + " (" + continuation.continues().protocolName()
                + ", subject " + subject + "). 'arm', then 'start'.");
        return ExitCode.OK;
    }

    @Command(name = "arm", description = "Run every arming check and arm the device; lists every failed check.")
    int arm() throws DeviceFault, InvalidFileException {
        Optional<Session> prepared = prepared();
        if (prepared.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Session s = prepared.get();
        ArmingReport report = s.arm(confirmations, operator);
        if (!report.canArm()) {
            io.err().println("arming refused: " + report.failures().size() + " check(s) failed");
            report.failures().forEach(f -> io.err().println("  " + f + "\n      what to do: " + f.check().help()));
            return ExitCode.SAFETY_REFUSED;
        }
        io.out().println("ARMED: all " + report.checksRun().size() + " arming checks passed. 'start' to deliver, "
                + "'stop' to disarm.");
        report.notes().forEach(note -> io.out().println("  " + note));
        return ExitCode.OK;
    }

    // ---- running -------------------------------------------------------------------------------

    @Command(name = "start", description = "Start the armed session (the shell then shows it live: Space, Esc or "
            + "Ctrl-C stops at once).")
    int start() throws IOException, InterruptedException {
        Session s = session;
        if (s == null || s.state() != SessionState.ARMED) {
            return bad("start needs an armed session ('arm'); the session is " + (s == null ? "not prepared" : s.state()));
        }
        probe = new StatusProbe(s, connection.stimulator());
        warmUp(probe);
        probe.started();
        s.start(operator);
        io.out().println("RUNNING session " + s.id() + ": " + s.verdict().plan().orElseThrow().pulseCount() + " pulses");
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

    @Command(name = "wait", description = "Follow the running session until it ends (scripts); the exit code is "
            + "the session's: 0 completed, 4 device fault, 5 aborted.")
    int waitForEnd() throws InterruptedException {
        Session s = session;
        if (s == null || probe == null || probe.session() != s) {
            return bad("no session has been started");
        }
        return follow();
    }

    private int follow() throws InterruptedException {
        Session s = session;
        if (s.outcome().isEmpty()) {
            io.follow(probe, operator);
        }
        SessionOutcome outcome = awaitEnd(s);
        if (!io.interactive()) {
            io.out().println(StatusPanel.line(probe.snapshot())); // the shell's panel already shows the end
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

    @Command(name = "pause", description = "Pause before the next train (the current train completes; the device "
            + "stays armed).")
    int pause() {
        Session s = session;
        if (s == null || s.state() != SessionState.RUNNING) {
            return bad("nothing is running");
        }
        s.pause(operator);
        io.out().println("pausing after the current train");
        return ExitCode.OK;
    }

    @Command(name = "resume", description = "Continue a paused session with its next train.")
    int resume() {
        Session s = session;
        if (s == null || (s.state() != SessionState.PAUSED && s.state() != SessionState.RUNNING)) {
            return bad("nothing is paused");
        }
        s.resume(operator);
        io.out().println("resuming");
        return ExitCode.OK;
    }

    @Command(name = "stop", description = "Stop now: trips the interlock latch and disarms. An armed session that "
            + "has not started is disarmed and ended ABORTED.")
    int stop() {
        Session s = session;
        if (s == null || s.state().isTerminal() || s.state() == SessionState.PREPARED) {
            io.out().println("nothing armed or running");
            return ExitCode.OK;
        }
        s.stop(operator);
        io.out().println("STOPPED by " + operator + "; device disarmed");
        return ExitCode.OK;
    }

    /** Any thread: stops whatever is armed or running and disarms the device (Ctrl-C, shutdown, hang-up). */
    void emergencyStop(String why) {
        huntStop = true;
        Session s = session;
        if (s != null && !s.state().isTerminal()) {
            s.stop((operator == null ? "console" : operator) + " (" + why + ")");
        }
        SessionHost.Connection c = connection;
        if (c != null) {
            c.stimulator().disarm();
        }
    }

    /**
     * The shutdown hook's stop: {@link #emergencyStop}, then up to {@code settle} for the session's
     * monitor to record the end (ABORTED with the pulses fired), so the record is complete.
     */
    void stopAndSettle(String why, Duration settle) {
        emergencyStop(why);
        Session s = session;
        if (s != null) {
            try {
                s.awaitEnd(settle);
            } catch (TimeoutException | InterruptedException e) {
                // the next start closes the session from its journal (INTERRUPTED, exact count)
            }
        }
    }

    @Command(name = "status", description = "Where things stand: settings, and the session's live status.")
    int status() {
        PrintWriter out = io.out();
        if (simulated()) {
            out.println("SIMULATION: the device is simulated; no real pulse is delivered");
        }
        SessionHost.Connection c = connection;
        out.println("device    " + orUnset(deviceUri, "device URI") + (c == null ? "" : c.stimulator().status().armed()
                ? "  (connected: ARMED)" : "  (connected: disarmed)"));
        out.println("profile   " + orUnset(profileName, "profile NAME"));
        out.println("operator  " + orUnset(operator, "operator ID"));
        out.println("subject   " + orUnset(subject, "subject ID"));
        out.println("threshold " + (rmt == null && amt == null ? "(not set: threshold rmt|amt VALUE --method emg)"
                : (rmt == null ? "" : "RMT " + rmt + "% MSO ") + (amt == null ? "" : "AMT " + amt + "% MSO ")
                + method.name().toLowerCase(Locale.ROOT)));
        out.println("protocol  " + (protocol == null ? "(not loaded: load NAME)" : protocol.name()));
        out.println("confirmed hearing protection " + (confirmations.hearingProtection() ? "yes" : "no")
                + ", screening " + (confirmations.screening() ? "yes" : "no"));
        Session s = session;
        if (s == null) {
            out.println("session   none");
        } else {
            out.println("session   " + s.id() + " " + s.state() + ", verdict " + s.verdict().name());
            if (probe != null && probe.session() == s) {
                out.println(StatusPanel.line(probe.snapshot()));
            }
        }
        return ExitCode.OK;
    }

    private static String orUnset(String value, String how) {
        return value == null ? "(not set: " + how + ")" : value;
    }

    // ---- records -------------------------------------------------------------------------------

    @Command(name = "sessions", description = "Recorded sessions: sessions [--json] | sessions show ID [--json].")
    int sessions(@Parameters(arity = "0..2", paramLabel = "show ID") List<String> args,
                 @Option(names = "--json") boolean json) {
        if (args == null || args.isEmpty()) {
            return SessionListing.list(host.store(), json, io.out());
        }
        if (args.size() != 2 || !args.get(0).equals("show")) {
            return bad("sessions [--json] or sessions show ID [--json]");
        }
        Optional<SessionRow> row = sessionRow(args.get(1));
        return row.map(r -> SessionListing.show(host.store(), r, json, io.out())).orElse(ExitCode.BAD_INPUT);
    }

    @Command(name = "report", description = "HTML report of a session (default: this console's last one): "
            + "report [ID] [--output FILE.html].")
    int report(@Parameters(arity = "0..1", paramLabel = "ID") String id,
               @Option(names = "--output", paramLabel = "FILE.html") Path output) throws IOException {
        String which = id != null ? id : session == null ? null : Long.toString(session.id());
        if (which == null) {
            return bad("no session in this console yet: report ID");
        }
        Optional<SessionRow> row = sessionRow(which);
        if (row.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Path file = output != null ? output : Path.of("session-" + row.get().id() + ".html");
        Files.writeString(file, SessionReport.render(host.store(), row.get()), StandardCharsets.UTF_8);
        io.out().println("report: " + file);
        return ExitCode.OK;
    }

    private Optional<SessionRow> sessionRow(String id) {
        try {
            Optional<SessionRow> row = host.store().session(Long.parseLong(id));
            if (row.isEmpty()) {
                bad("no session " + id + " in the record; 'sessions' lists them");
            }
            return row;
        } catch (NumberFormatException e) {
            bad("a session id is a number, not '" + id + "'");
            return Optional.empty();
        }
    }

    @Command(name = "quit", aliases = "exit", description = "Leave the console. An armed device is disarmed first; "
            + "a running session is stopped first.")
    int quit() throws InterruptedException {
        Session s = session;
        if (s != null && (s.state() == SessionState.RUNNING || s.state() == SessionState.PAUSED)) {
            io.out().println("stopping the running session before leaving");
            s.stop(operator);
            SessionHost.printOutcome(awaitEnd(s), io.out(), io.err());
        } else if (s != null && (s.state() == SessionState.ARMED || s.state() == SessionState.PREPARED)) {
            boolean armed = s.state() == SessionState.ARMED;
            s.cancel(armed ? "disarmed at quit, not started" : "console closed before arming", operator);
            if (armed) {
                io.out().println("disarmed: session " + s.id() + " ended ABORTED before it started");
            }
        }
        quit = true;
        return ExitCode.OK;
    }

    // ---- the session behind the commands -------------------------------------------------------

    /** The subject's day so far, as the dose rules count it. */
    static String doseText(DoseLedger.Entry dose) {
        return String.format(Locale.ROOT, "subject %s today: %d pulses in %d session(s), %d single pulses in threshold "
                + "hunts; %s", dose.subjectId(), dose.pulsesToday(), dose.sessionsToday(), dose.huntPulsesToday(),
                dose.sinceLastSession().map(d -> "last session ended " + Durations.human(Math.max(0, d.toNanos()))
                        + " ago").orElse("no earlier session"));
    }

    /** The settings a session (or, without the protocol, a hunt) still needs, as the commands that set them. */
    private List<String> unset(boolean protocolNeeded) {
        List<String> missing = new ArrayList<>();
        if (deviceUri == null) {
            missing.add("device URI");
        }
        if (profileName == null) {
            missing.add("profile NAME");
        }
        if (operator == null) {
            missing.add("operator ID");
        }
        if (subject == null) {
            missing.add("subject ID");
        }
        if (protocolNeeded && protocol == null) {
            missing.add("load PROTOCOL");
        }
        return missing;
    }

    /**
     * The prepared (or armed) session for the current settings; prepares one when there is none.
     * Prints what is missing and returns empty when something is not set.
     */
    private Optional<Session> prepared() throws DeviceFault, InvalidFileException {
        Session s = session;
        if (s != null && !s.state().isTerminal()) {
            return Optional.of(s);
        }
        List<String> missing = unset(true);
        if (!missing.isEmpty()) {
            bad("set first: " + String.join(", ", missing));
            return Optional.empty();
        }
        if (connection == null) {
            HardwareProfile hardware = HardwareProfiles.load(profileName);
            connection = SessionHost.connect(devices(), DeviceUri.parse(deviceUri), hardware);
        }
        s = host.prepare(connection, protocol, MotorThresholds.of(rmt, amt, method), subject, operator, envelope);
        session = s;
        probe = null;
        io.out().println("session " + s.id() + " prepared: verdict " + s.verdict().name()
                + (s.request().simulated() ? ", SIMULATION" : ""));
        return Optional.of(s);
    }

    /**
     * True if a setting may change now. A prepared session that has not armed is cancelled (its
     * record says why); an armed or running one refuses the change.
     */
    private boolean changeable(String what) {
        Session s = session;
        if (s == null || s.state().isTerminal()) {
            return true;
        }
        if (s.state() == SessionState.PREPARED) {
            s.cancel("settings changed before arming: " + what, operator);
            io.out().println("session " + s.id() + " cancelled before arming (" + what + " changed)");
            session = null;
            return true;
        }
        bad("cannot change " + what + " while the session is " + s.state() + ": 'stop' first");
        return false;
    }

    private void disconnect() {
        SessionHost.Connection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    private int bad(String message) {
        io.err().println("error: " + message);
        io.err().flush();
        return ExitCode.BAD_INPUT;
    }

    private int onException(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        PrintWriter err = io.err();
        int code;
        OptionalInt expected = ErrorMessages.report(e, err);
        if (expected.isPresent()) {
            code = expected.getAsInt();
        } else if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
            // the desk's own commands refuse an action in the wrong state or with a wrong value this way
            err.println("error: " + e.getMessage());
            code = ExitCode.BAD_INPUT;
        } else if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            emergencyStop("interrupted");
            code = ExitCode.INTERLOCK_ABORT;
        } else {
            emergencyStop("internal error");
            err.println("internal error: " + e + " (please report it); any session was stopped and the device disarmed");
            code = ExitCode.INTERNAL_ERROR;
        }
        err.flush();
        return code;
    }

    /** Leaves nothing armed: quits (disarming or stopping) and closes the device. */
    @Override
    public void close() {
        try {
            if (!quit) {
                quit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emergencyStop("interrupted while closing");
        } finally {
            disconnect();
        }
    }
}
