package org.tmshost.console;

import org.tmshost.device.DeviceFault;
import org.tmshost.record.SessionRow;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.Session;
import org.tmshost.threshold.HuntMethod;
import org.tmshost.threshold.HuntPlan;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.PrintableText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

import static org.tmshost.yaml.TerminalText.of;

/**
 * The console's commands as the technician types them: their names, options and help, each run by
 * the part that holds it ({@link SettingsCommands}, {@link HuntCommand}, {@link ArmingCommands},
 * {@link RunningCommands}, {@link RecordCommands}) on the session behind them ({@link ConsoleState}).
 * The shell and the script runner both execute lines here; every command returns an exit code of
 * contracts.md §2 (0 ok, 2 bad input, 3 refused by the envelope or the arming checks, 4 device or
 * link fault, 5 aborted by an interlock or a stop); an unexpected failure stops whatever is armed.
 * The session is driven through its public methods only.
 */
@Command(name = "", header = "tmshost console: type a command and press Enter; Tab completes.",
        customSynopsis = "COMMAND [ARGUMENTS] [OPTIONS]",
        description = "'help COMMAND' or 'COMMAND --help' shows how to use one command.",
        subcommands = CommandLine.HelpCommand.class)
final class ConsoleDesk implements AutoCloseable {
    static final List<String> COMMANDS = List.of("device", "profile", "operator", "subject", "threshold", "load",
            "course", "check", "approve", "confirm", "continue", "arm", "start", "pause", "resume", "stop", "status", "wait",
            "sessions",
            "report", "users", "guide", "quit", "help");

    private final ConsoleState state;
    private final ConsoleIo io;
    private final CommandLine commandLine;
    private final SettingsCommands settings;
    private final HuntCommand hunts;
    private final ArmingCommands arming;
    private final RunningCommands running;
    private final RecordCommands records;
    private final UserCommands users;
    private final CourseCommands courses;
    private boolean quit;
    /** The first-run guide says the next step after every command while this is set. */
    private boolean guiding;

    ConsoleDesk(SessionHost host, SafetyEnvelope envelope, ConsoleIo io) {
        this.state = new ConsoleState(host, envelope, io);
        this.io = io;
        this.settings = new SettingsCommands(state);
        this.hunts = new HuntCommand(state);
        this.arming = new ArmingCommands(state);
        this.running = new RunningCommands(state);
        this.records = new RecordCommands(state);
        this.users = new UserCommands(state);
        this.courses = new CourseCommands(state, settings);
        this.commandLine = new CommandLine(this);
        commandLine.setOut(io.out());
        commandLine.setErr(io.err());
        commandLine.setExecutionExceptionHandler(this::onException);
        ConsoleHelp.install(commandLine, io);
    }

    /** Runs one command line (already split into words); returns its exit code. */
    int execute(List<String> words) {
        if (words.isEmpty()) {
            return ExitCode.OK;
        }
        int code = commandLine.execute(words.toArray(String[]::new));
        if (guiding && !quit) {
            showNextStep();
        }
        io.out().flush();
        io.err().flush();
        return code;
    }

    /** On a new home (no users, or no session yet), the guide starts and says the first step. */
    void guideIfFirstRun() {
        try {
            guiding = FirstRunGuide.firstRun(state);
        } catch (IOException | RuntimeException e) {
            guiding = false; // the guide is a help, never a reason the console cannot start
        }
        if (guiding) {
            io.out().println("guide: this home has no " + "users or sessions yet; the guide says what to type, step by "
                    + "step, until a session can be armed ('guide' shows the step again).");
            showNextStep();
            io.out().flush();
        }
    }

    private void showNextStep() {
        try {
            Optional<FirstRunGuide.Step> step = FirstRunGuide.next(state);
            if (step.isEmpty()) {
                guiding = false;
                return;
            }
            step.get().lines().forEach(line -> io.out().println(of(line)));
        } catch (IOException | RuntimeException e) {
            io.out().println("guide: (the next step cannot be worked out: " + of(String.valueOf(e.getMessage())) + ")");
        }
    }

    boolean quitRequested() {
        return quit;
    }

    Optional<Session> session() {
        return Optional.ofNullable(state.session);
    }

    boolean simulated() {
        return state.simulated();
    }

    /** The short state for the prompt: the selected course, protocol and session state, when there is one. */
    String promptContext() {
        StringBuilder b = new StringBuilder();
        if (state.course != null) {
            b.append("course ").append(of(state.course.name())).append(' ');
        }
        if (state.protocol != null) {
            b.append(of(state.protocol.name()));
        }
        Session s = state.session;
        if (s != null) {
            b.append(b.length() > 0 ? " " : "").append(s.state());
        }
        return b.toString().strip();
    }

    /** Courses in the record, for completion. */
    List<String> knownCourses() {
        try {
            return state.host.store().courses().stream().map(org.tmshost.record.CourseRow::name).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Subjects seen in the record, for completion. */
    List<String> knownSubjects() {
        try {
            return List.copyOf(new TreeSet<>(state.host.store().allSessions().stream().map(SessionRow::subjectId).toList()));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    // settings

    @Command(name = "device", description = "Use the stimulator at URI: sim:PROFILE, serial:/dev/PORT?profile=P, "
            + "tcp://HOST:PORT?profile=P, gpio:pi?profile=P. Sets the profile from the URI unless one is set.")
    int device(@Parameters(paramLabel = "URI") String uri) throws DeviceFault {
        return settings.device(uri);
    }

    @Command(name = "profile", description = "Use hardware profile NAME (or a profile file).")
    int profile(@Parameters(paramLabel = "NAME") String name) throws InvalidFileException {
        return settings.profile(name);
    }

    @Command(name = "operator", description = "Who operates: recorded with every action. Must be a site user "
            + "('tmshost users add') once the site has users.")
    int operator(@Parameters(paramLabel = "ID") String id) throws IOException {
        return settings.operator(id);
    }

    @Command(name = "subject", description = "The subject (pseudonymous id). Resets thresholds and confirmations.")
    int subject(@Parameters(paramLabel = "ID") String id) {
        return settings.subject(id);
    }

    @Command(name = "threshold", description = {"The subject's motor threshold measured today, %% MSO, and how it "
            + "was seen (an EMG display, or watching the muscle):",
            "  threshold rmt|amt VALUE --evidence emg|visual",
            "or hunt it now with the connected device (single pulses, 4-6 s apart; Space, Esc or Ctrl-C stops):",
            "  threshold hunt rmt|amt --algorithm mlpest|rossini|two-threshold|samt [--criterion UV] [--start PCT]",
            "      [--cap N] [--mep operator|virtual[:SUBJECT_FILE]|stream:FILE] [--evidence emg|visual]",
            "      [--seed S] [--fast]",
            "The hunted threshold is stored for the subject and used by the next check/arm.",
            "(--method, the old name of both, still works where its value says which it means.)"})
    int threshold(@Parameters(arity = "1..2", paramLabel = "rmt|amt VALUE | hunt rmt|amt") List<String> words,
                  @Option(names = ThresholdOptionNames.EVIDENCE, paramLabel = "emg|visual",
                          description = "how the threshold (or a hunt's MEP, with --mep operator) was seen: an EMG "
                                  + "display or watching the muscle (a hunt's default: visual)") String evidence,
                  @Option(names = ThresholdOptionNames.ALGORITHM, paramLabel = "ALGORITHM",
                          description = "hunt: mlpest|rossini|two-threshold|samt") String algorithm,
                  @Option(names = ThresholdOptionNames.OLD, paramLabel = "METHOD", hidden = true,
                          description = "deprecated: --evidence, or for a hunt --algorithm") String method,
                  @Option(names = "--criterion", paramLabel = "UV",
                          description = "hunt: MEP criterion, uV peak-to-peak (default 50 RMT, 200 AMT)") Double criterion,
                  @Option(names = "--start", paramLabel = "PCT",
                          description = "hunt: hotspot intensity, %%MSO (needed unless --mep virtual)") Double start,
                  @Option(names = "--cap", paramLabel = "N",
                          description = "hunt: most pulses (default 200, at most 500)") Integer cap,
                  @Option(names = "--mep", paramLabel = "SOURCE",
                          description = "hunt: operator (yes/no, default), virtual[:SUBJECT_FILE] (sim: only), "
                                  + "stream:FILE (uV per line)") String mep,
                  @Option(names = "--seed", paramLabel = "S",
                          description = "hunt with --mep virtual: the virtual subject's seed (default 1)") Long seed,
                  @Option(names = "--fast", description = "hunt: virtual time (sim: device and --mep virtual only)")
                  boolean fast) throws DeviceFault, InvalidFileException {
        boolean hunt = !words.isEmpty() && words.get(0).equalsIgnoreCase("hunt");
        ThresholdOptionNames names;
        try {
            names = ThresholdOptionNames.of(hunt, evidence, algorithm, method);
        } catch (ThresholdOptionNames.Refused e) {
            return io.bad(PrintableText.escaped(e.getMessage()));
        }
        if (names.note() != null) {
            io.out().println(PrintableText.escaped(names.note()));
        }
        if (hunt) {
            if (words.size() != 2) {
                return io.bad("threshold hunt rmt|amt " + ThresholdOptionNames.ALGORITHM + " "
                        + String.join("|", HuntMethod.keywords()) + " ...");
            }
            return hunts.hunt(new HuntPlan.Request(words.get(1), names.algorithm(), criterion, start, cap, mep,
                    names.evidence(), seed, fast));
        }
        if (criterion != null || start != null || cap != null || mep != null || seed != null || fast) {
            return io.bad("--criterion, --start, --cap, --mep, --seed and --fast are for 'threshold hunt'");
        }
        return settings.threshold(words, names.evidence());
    }

    @Command(name = "load", description = "Load a protocol: a library name ('tmshost protocols') or a file.")
    int load(@Parameters(paramLabel = "PROTOCOL") String name) throws InvalidFileException {
        return settings.load(name);
    }

    @Command(name = "course", description = {"Treatment courses (plan one with 'tmshost course plan'):",
            "  course                 where the selected course stands (done/planned, missed, next due, latest score),",
            "                         or the subject's active courses",
            "  course ID              select it: its subject and protocol are set, and check/arm prepare a session",
            "                         that counts toward it, with what the plan allows today in the verdict",
            "  course none            leave course mode",
            "  course outcome --measure M [--before X] [--after Y] [--session N] [--at DATE]",
            "  course event --kind headache|scalp-discomfort|syncope|seizure|other --severity mild|moderate|severe",
            "               [--note TEXT] [--session N] [--at DATE]   (a seizure suspends the course)",
            "  course resume --as SUPERVISOR --reason TEXT   (a suspended course; the password is asked)",
            "Scores and events are recorded for the selected course with the console's operator."})
    int course(@Parameters(arity = "0..1", paramLabel = "ID|none|outcome|event|resume") List<String> words,
               @Option(names = "--measure", paramLabel = "M", description = "outcome: the measure, e.g. pain-nrs")
               String measure,
               @Option(names = "--before", paramLabel = "X", description = "outcome: the score before the session")
               String before,
               @Option(names = "--after", paramLabel = "Y", description = "outcome: the score after it (or at a follow-up)")
               String after,
               @Option(names = "--session", paramLabel = "N", description = "outcome, event: the course's session N")
               Integer session,
               @Option(names = "--at", paramLabel = "DATE", description = "outcome, event: the day (YYYY-MM-DD)")
               String at,
               @Option(names = "--kind", paramLabel = "K", description = "event: what happened") String kind,
               @Option(names = "--severity", paramLabel = "S", description = "event: mild|moderate|severe") String severity,
               @Option(names = "--note", paramLabel = "TEXT", description = "event: in words") String note,
               @Option(names = "--as", paramLabel = "SUPERVISOR", description = "resume: the supervisor") String as,
               @Option(names = "--reason", paramLabel = "TEXT", description = "resume: why (recorded)") String reason)
            throws InvalidFileException, IOException {
        return courses.course(words == null ? List.of() : words, new CourseCommands.Options(measure, before, after,
                session, at, kind, severity, note, as, reason));
    }

    // before arming

    @Command(name = "check", description = "The safety verdict with every finding (prepares the session record).")
    int check() throws DeviceFault, InvalidFileException {
        return arming.check();
    }

    @Command(name = "approve", description = "A supervisor approves the NEEDS_OVERRIDE findings: "
            + "approve [USER] --reason TEXT; the password is asked (a script reads it from standard input).")
    int approve(@Parameters(paramLabel = "USER", arity = "0..1") String user,
                @Option(names = "--reason", paramLabel = "TEXT") String reason) throws DeviceFault, IOException,
            InvalidFileException {
        return arming.approve(user, reason);
    }

    @Command(name = "confirm", description = "Confirm hearing protection (subject and operator) and the subject's "
            + "safety screening. Asks each unless given: --all, --hearing-protection, --screening.")
    int confirm(@Option(names = "--all") boolean all,
                @Option(names = "--hearing-protection") boolean hearing,
                @Option(names = "--screening") boolean screening) {
        return arming.confirm(all, hearing, screening);
    }

    @Command(name = "continue", description = {"Prepare a session that delivers the remaining pulses of one the host's "
            + "own fault ended (a timing fault, a record failure, a lost link, a stopped host), as the same treatment: "
            + "its recorded protocol, thresholds and profile; no supervisor within the site policy's window. Then "
            + "'arm' and 'start' as usual.", "Without SESSION: the session this console ran last."})
    int continueTreatment(@Parameters(arity = "0..1", paramLabel = "SESSION") Long sessionId)
            throws DeviceFault, InvalidFileException {
        return arming.continueTreatment(sessionId);
    }

    @Command(name = "arm", description = "Run every arming check and arm the device; lists every failed check.")
    int arm() throws DeviceFault, InvalidFileException {
        return arming.arm();
    }

    // running

    @Command(name = "start", description = "Start the armed session (the shell then shows it live: Space, Esc or "
            + "Ctrl-C stops at once).")
    int start() throws IOException, InterruptedException {
        return running.start();
    }

    @Command(name = "wait", description = "Follow the running session until it ends (scripts); the exit code is "
            + "the session's: 0 completed, 4 device fault, 5 aborted.")
    int waitForEnd() throws InterruptedException {
        return running.waitForEnd();
    }

    @Command(name = "pause", description = "Pause before the next train (the current train completes; the device "
            + "stays armed).")
    int pause() {
        return running.pause();
    }

    @Command(name = "resume", description = "Continue a paused session with its next train.")
    int resume() {
        return running.resume();
    }

    @Command(name = "stop", description = "Stop now: trips the interlock latch and disarms. An armed session that "
            + "has not started is disarmed and ended ABORTED.")
    int stop() {
        return running.stop();
    }

    /** Any thread: stops whatever is armed or running and disarms the device (Ctrl-C, shutdown, hang-up). */
    void emergencyStop(String why) {
        hunts.requestStop();
        running.emergencyStop(why);
    }

    /**
     * The shutdown hook's stop: {@link #emergencyStop}, then up to {@code settle} for the session's
     * monitor to record the end (ABORTED with the pulses fired), so the record is complete.
     */
    void stopAndSettle(String why, Duration settle) {
        emergencyStop(why);
        running.settle(settle);
    }

    @Command(name = "status", description = "Where things stand: settings, and the session's live status.")
    int status() {
        return running.status();
    }

    // records

    @Command(name = "sessions", description = "Recorded sessions: sessions [--attempts] [--json] | sessions show ID "
            + "[--json]. Lists treatments; --attempts adds sessions that delivered no pulse.")
    int sessions(@Parameters(arity = "0..2", paramLabel = "show ID") List<String> args,
                 @Option(names = "--json") boolean json,
                 @Option(names = {"--attempts", "--all"}) boolean attempts) {
        return records.sessions(args, json, attempts);
    }

    @Command(name = "report", description = "HTML report of a session (default: this console's last one): "
            + "report [ID] [--output FILE.html].")
    int report(@Parameters(arity = "0..1", paramLabel = "ID") String id,
               @Option(names = "--output", paramLabel = "FILE.html") Path output) throws IOException {
        return records.report(id, output);
    }

    @Command(name = "users", description = "Site users, as 'tmshost users': users list | users add NAME --role "
            + "supervisor|operator [--as SUPERVISOR]. The site's first user is a supervisor, added without --as; then "
            + "a supervisor adds users with --as (their password first, then the new user's; asked without echo).")
    int users(@Parameters(arity = "1..2", paramLabel = "list | add NAME") List<String> args,
              @Option(names = "--role", paramLabel = "supervisor|operator") String role,
              @Option(names = "--as", paramLabel = "SUPERVISOR") String as) throws IOException {
        if (args.get(0).equals("list") && args.size() == 1 && role == null && as == null) {
            return users.list();
        }
        if (args.get(0).equals("add") && args.size() == 2 && role != null) {
            return users.add(args.get(1), role, as);
        }
        return io.bad("users list, or users add NAME --role supervisor|operator [--as SUPERVISOR]");
    }

    @Command(name = "guide", description = "What to type next to get a session armed (the first-run guide; it also "
            + "starts by itself on a new home).")
    int guide() {
        guiding = true; // execute() shows the step
        return ExitCode.OK;
    }

    @Command(name = "quit", aliases = "exit", description = "Leave the console. An armed device is disarmed first; "
            + "a running session is stopped first.")
    int quit() throws InterruptedException {
        running.leave();
        quit = true;
        return ExitCode.OK;
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
            state.disconnect();
        }
    }
}
