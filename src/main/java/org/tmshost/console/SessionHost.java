package org.tmshost.console;

import org.tmshost.course.CourseAdmission;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceProviders;
import org.tmshost.device.DeviceUri;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.device.OpenedDevice;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.record.HostLock;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.record.SessionRow;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.Continuation;
import org.tmshost.session.ContinuationRefused;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.session.Confirmations;
import org.tmshost.session.HuntSession;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.MeasuredThresholds;
import org.tmshost.session.OverrideRefused;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionRequest;
import org.tmshost.session.SessionSettings;
import org.tmshost.session.SessionState;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.yaml.PrintableText;
import org.tmshost.timing.RealTime;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import static org.tmshost.yaml.TerminalText.of;

/**
 * What {@code run} and {@code console} share to drive a session on this host: the host lock (one
 * session per host), the record store with start-up recovery of interrupted sessions, opening the
 * device, preparing a session, supervisor approval, and how an outcome is shown and maps to an exit
 * code (contracts.md §2).
 */
public final class SessionHost implements AutoCloseable {
    private final TmsHome home;
    private final HostLock lock;
    private final RecordStore store;

    private SessionHost(TmsHome home, HostLock lock, RecordStore store) {
        this.home = home;
        this.lock = lock;
        this.store = store;
    }

    /**
     * Takes the host lock, opens the record store and closes sessions a dead process left open
     * (each reported on {@code out}).
     *
     * @return empty if another tmshost process holds the lock (the reason is printed on {@code err})
     */
    public static Optional<SessionHost> open(TmsHome home, PrintWriter out, PrintWriter err) throws IOException {
        Optional<HostLock> hostLock = HostLock.tryAcquire(home);
        if (hostLock.isEmpty()) {
            err.println("error: another tmshost process is running a session with " + home.directory()
                    + "; one session per host at a time");
            return Optional.empty();
        }
        RecordStore store;
        try {
            store = RecordStore.open(home);
        } catch (RuntimeException e) {
            try {
                hostLock.get().close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        for (InterruptedSessions.Recovered r : InterruptedSessions.closeAll(store, Instant.now())) {
            out.println("recovered session " + r.sessionId() + " as " + r.state() + ": " + of(r.reason()));
        }
        return Optional.of(new SessionHost(home, hostLock.get(), store));
    }

    public TmsHome home() {
        return home;
    }

    public RecordStore store() {
        return store;
    }

    /** An opened device and the link watch its driver reports link faults to (the session it prepares attaches to it). */
    public record Connection(OpenedDevice device, LinkWatch linkWatch) implements AutoCloseable {
        public DeviceUri uri() {
            return device.uri();
        }

        public HardwareProfile profile() {
            return device.profile();
        }

        public Stimulator stimulator() {
            return device.stimulator();
        }

        /** Disarms and closes the device. */
        @Override
        public void close() {
            device.close();
        }
    }

    /** Opens the device through the door's providers and watches its link for the session it prepares. */
    public static Connection connect(DeviceProviders devices, DeviceUri uri, HardwareProfile profile) throws DeviceFault {
        LinkWatch linkWatch = new LinkWatch();
        return new Connection(OpenedDevice.open(devices, uri, profile, linkWatch), linkWatch);
    }

    /**
     * The pulse path of a threshold hunt on this device: the session's arming checks for a hunt, its
     * latch and runtime interlocks, its pulse thread.
     */
    HuntSession huntPath(Connection device, Confirmations confirmations) {
        boolean simulated = device.profile().simulation() || device.uri().simulated();
        return HuntSession.prepare(device.stimulator(), device.profile(), simulated, device.linkWatch(), settings(),
                confirmations);
    }

    /**
     * The pulse path of an excitability measurement on this device: the arming checks that guard it,
     * one latch with the runtime interlocks, the pulse thread; its trials reach the device as
     * {@code session.TrialDevice} decides (ask {@code TrialDevice.refusal} first).
     */
    public HuntSession measurementPath(Connection device, Confirmations confirmations, MeasurementPlan plan) {
        boolean simulated = device.profile().simulation() || device.uri().simulated();
        return HuntSession.prepareMeasurement(device.stimulator(), device.profile(), simulated, device.linkWatch(),
                settings(), confirmations, plan);
    }

    /** Expands and checks the protocol, creates the record and returns the PREPARED session. */
    public Session prepare(Connection device, ProtocolLibrary.Entry protocol, MotorThresholds thresholds, String subject,
                    String operator, SafetyEnvelope envelope) {
        return Session.prepare(request(device, protocol, thresholds, subject, operator, envelope),
                device.stimulator(), device.linkWatch(), store, settings());
    }

    /**
     * Prepares a session that counts toward a course (issue 16): dosed by the thresholds given, or by
     * the week's stored ones where the course re-measures weekly ({@link Courses#thresholds}); the
     * course's admission findings join the envelope's verdict, and the PREPARED session is counted toward the course before it can fire,
     * so a session killed mid-train is still the course's.
     */
    public Session prepare(Connection device, ProtocolLibrary.Entry protocol, MotorThresholds thresholds, String subject,
                           String operator, SafetyEnvelope envelope, Courses courses, CourseAdmission admission) {
        SessionRequest request = new SessionRequest(subject, operator, protocol.name(), protocol.protocol(),
                protocol.text(), courses.thresholds(admission.course(), thresholds), device.profile(),
                device.uri().toString(), envelope).withPlanFindings(admission.findings());
        Session session = Session.prepare(request, device.stimulator(), device.linkWatch(), store, settings());
        courses.join(admission, session.id(), operator);
        return session;
    }

    private static SessionRequest request(Connection device, ProtocolLibrary.Entry protocol, MotorThresholds thresholds,
                                          String subject, String operator, SafetyEnvelope envelope) {
        return new SessionRequest(subject, operator, protocol.name(), protocol.protocol(), protocol.text(),
                new MeasuredThresholds(thresholds, Instant.now()), device.profile(), device.uri().toString(), envelope);
    }

    /**
     * This host's treatment courses, with the site's outcome measures, on the wall clock in the zone
     * sessions record their days in.
     */
    public Courses courses() throws InvalidFileException {
        return new Courses(store, OutcomeMeasures.load(home.outcomes()), java.time.InstantSource.system(),
                settings().zone());
    }

    /**
     * Prepares the session that continues a treatment the host's own fault cut short, on its
     * recorded protocol and thresholds, by {@code operator}.
     *
     * @throws ContinuationRefused if the device's profile is not the treatment's, or nothing is left
     */
    public Session continueTreatment(Connection device, Continuation continuation, String operator, SafetyEnvelope envelope)
            throws ContinuationRefused, InvalidFileException {
        SessionRow continued = continuation.continues();
        Protocol protocol = ProtocolFiles.parse(continued.protocolName(), continuation.protocolText());
        SessionRequest request = new SessionRequest(continued.subjectId(), operator, continued.protocolName(), protocol,
                continuation.protocolText(), continuation.thresholds(), device.profile(), device.uri().toString(),
                envelope);
        return Session.prepareContinuation(request, continuation, device.stimulator(), device.linkWatch(), store,
                settings());
    }

    /** What a continuation delivers, and what it leaves out, in words for the technician. */
    public String continuationSaid(Session next, Continuation continuation) {
        int first = store.continuity(next.id()).firstPulse();
        int left = next.verdict().plan().map(p -> p.pulseCount()).orElse(0);
        String said = "session " + next.id() + " continues session " + continuation.continues().id() + ": " + left
                + " pulses left, from pulse " + (first + 1) + " of the treatment";
        if (first > continuation.nextPulse()) {
            said += "; pulses " + (continuation.nextPulse() + 1) + " to " + first + " are left out (a burst or pair is "
                    + "never split, and a device loaded with one train setting for the session resumes at its next train)";
        }
        return said;
    }

    /** Times as this host's sessions record "today" in: the session settings' zone. */
    public LocalTimes times() {
        return new LocalTimes(settings().zone());
    }

    private SessionSettings settings() {
        SessionSettings settings = SessionSettings.defaults(home.journals());
        Optional<RealTime.Request> realTime = "off".equalsIgnoreCase(System.getProperty("tmshost.realtime", ""))
                ? Optional.empty() : realTimeRequest(System.getenv());
        return realTime.map(settings::withRealTime).orElse(settings);
    }

    /**
     * The pulse thread asks for SCHED_FIFO {@value RealTime#DEFAULT_PRIORITY} with memory locked,
     * unless {@code TMSHOST_REALTIME=off} (or {@code -Dtmshost.realtime=off}, as the test JVM runs);
     * {@code TMSHOST_PULSE_CPU=N} also pins it to CPU N (an isolated core, docs/timing.md).
     */
    static Optional<RealTime.Request> realTimeRequest(java.util.Map<String, String> environment) {
        if ("off".equalsIgnoreCase(environment.getOrDefault("TMSHOST_REALTIME", ""))) {
            return Optional.empty();
        }
        String cpu = environment.get("TMSHOST_PULSE_CPU");
        try {
            return Optional.of(new RealTime.Request(RealTime.DEFAULT_PRIORITY, cpu == null || cpu.isBlank()
                    ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(cpu.trim()))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TMSHOST_PULSE_CPU must be a CPU number, got '" + cpu + "'");
        }
    }

    /**
     * Authenticates {@code user} against the site's users and approves every NEEDS_OVERRIDE finding.
     * Wipes the password.
     *
     * @return why the approval was refused, or empty when approved
     */
    public Optional<String> approve(Session session, String user, char[] password, String reason) throws IOException {
        try {
            SiteUsers users = users();
            Optional<AuthenticatedUser> authenticated = users.authenticate(user, password, "approve overrides of session "
                    + session.id());
            if (authenticated.isEmpty()) {
                return Optional.of(signInFailed(users, user));
            }
            session.approveOverrides(authenticated.get(), reason);
            return Optional.empty();
        } catch (OverrideRefused e) {
            return Optional.of(e.getMessage());
        } finally {
            SiteUsers.wipe(password);
        }
    }

    /** The site's users, auditing into this host's records. */
    public SiteUsers users() throws IOException {
        return SiteUsers.of(home, store, UserAudit.into(store));
    }

    /**
     * Signs the operator in, where the site policy asks operators to authenticate: {@code operator}
     * must be a site user whose password this is (a failure is audited and counts towards the lock).
     * Wipes the password.
     *
     * @return why the operator was refused, or empty when signed in
     */
    public Optional<String> authenticateOperator(String operator, char[] password) throws IOException {
        try {
            SiteUsers users = users();
            if (users.authenticate(operator, password, "operate (site policy operatorsAuthenticate)").isEmpty()) {
                return Optional.of(signInFailed(users, operator));
            }
            return Optional.empty();
        } finally {
            SiteUsers.wipe(password);
        }
    }

    private static String signInFailed(SiteUsers users, String user) {
        String shown = PrintableText.escaped(user);
        return users.locked(user) ? "the account of '" + shown + "' is locked after " + SiteUsers.MAX_FAILED_SIGN_INS
                + " failed sign-ins; a supervisor unlocks it ('tmshost users unlock " + shown + " --as SUPERVISOR')"
                : "unknown user or wrong password for '" + shown + "'";
    }

    /**
     * 0 completed and on record; 4 device or link fault, or a completed session whose record is not
     * complete on disk (its database removed or replaced: never 0); 5 aborted by an interlock or a stop.
     */
    public static int exitCodeOf(SessionOutcome outcome) {
        if (outcome.state() == SessionState.COMPLETED) {
            return outcome.recordComplete() ? ExitCode.OK : ExitCode.DEVICE_FAULT;
        }
        return outcome.cause().map(c -> c.deviceFault() ? ExitCode.DEVICE_FAULT : ExitCode.INTERLOCK_ABORT)
                .orElse(ExitCode.INTERLOCK_ABORT);
    }

    /**
     * Pulses delivered to the subject as far as the host knows: those it fired (a fire command the
     * device did not confirm is not counted), and no more than the device counted where it counts.
     */
    static int delivered(SessionOutcome o) {
        return o.deviceReportedPulses() >= 0 ? Math.min(o.firedPulses(), o.deviceReportedPulses()) : o.firedPulses();
    }

    /** The outcome for people: state, reason, delivered / planned, pulse counts, stop latencies, an incomplete record. */
    public static void printOutcome(SessionOutcome o, PrintWriter out, PrintWriter err) {
        PrintWriter target = o.state() == SessionState.COMPLETED ? out : err;
        target.printf(Locale.ROOT, "session %d %s: %s%n", o.sessionId(), o.state(), of(o.reason())); // device words in it
        target.printf(Locale.ROOT, "  delivered %d / %d pulses%n", delivered(o), o.plannedPulses());
        target.printf(Locale.ROOT, "  pulses: %d fired of %d planned, %d recorded%s%n", o.firedPulses(),
                o.plannedPulses(), o.recordedPulses(), o.deviceReportedPulses() >= 0
                        ? ", device counted " + o.deviceReportedPulses() : "");
        if (o.tripToDisarmNanos() >= 0) {
            target.printf(Locale.ROOT, "  trip to halt %.1f µs, trip to disarm %.1f µs%n", o.tripToHaltNanos() / 1e3,
                    o.tripToDisarmNanos() / 1e3);
        }
        if (!o.recordComplete()) {
            err.println("  RECORD INCOMPLETE: " + of(o.recordProblem()));
        }
        if (o.cause().map(c -> Continuation.continuable(c.name())).orElse(false)) {
            target.printf(Locale.ROOT, "  the host's own fault: 'tmshost continue %d --device URI --operator ID' (the console: continue) "
                    + "delivers the remaining pulses as the same treatment, within the site policy's window%n",
                    o.sessionId());
        }
        target.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            lock.close();
        }
    }
}
