package org.tmshost.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQLite record of subjects, thresholds, sessions, pulses, transitions, interlock trips and
 * overrides. Durable by construction: WAL journal with {@code synchronous=FULL}, every write in a
 * transaction. Nothing is ever deleted or rewritten except a session's state, end and delivered
 * count. One connection, used from one thread at a time (the methods are synchronized).
 *
 * <p>This class is the door and the lock; the work is done by {@link RecordSchema} (settings,
 * schema, migrations), {@link SubjectRecords} (subjects, thresholds, hunts), {@link SessionRecords}
 * (a session's writes), {@link SessionQueries} (reading sessions back) and {@link DoseTotalsQuery}
 * (the dose ledger's totals), all over one {@link StoreConnection}.
 */
public final class RecordStore implements AutoCloseable {
    /** How long a write waits for another process's lock before it fails (a clear error, not a hang). */
    public static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 2_000;
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = RecordSchema.VERSION;

    private final StoreConnection db;
    private final SubjectRecords subjects;
    private final SessionQueries queries;
    private final SessionRecords sessions;
    private final DoseTotalsQuery dose;
    private final UserChangeRecords userChanges;

    private RecordStore(Connection connection) {
        this.db = new StoreConnection(connection);
        this.subjects = new SubjectRecords(db);
        this.queries = new SessionQueries(db);
        this.sessions = new SessionRecords(db, subjects, queries);
        this.dose = new DoseTotalsQuery(db);
        this.userChanges = new UserChangeRecords(db);
    }

    /** Opens (creating or migrating if needed) the store at {@code file}. */
    public static RecordStore open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    /** Opens the store; a write blocked by another connection's lock fails after {@code busyTimeoutMillis}. */
    public static RecordStore open(Path file, int busyTimeoutMillis) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            PrivateFiles.createOwnerOnly(file);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            RecordSchema.prepare(connection, busyTimeoutMillis);
            return new RecordStore(connection);
        } catch (SQLException | IOException e) {
            throw new RecordException("cannot open the record store " + file + ": " + e.getMessage(), e);
        }
    }

    // --- subjects, thresholds, hunts ---

    public synchronized void ensureSubject(String subjectId, Instant now) {
        subjects.ensureSubject(subjectId, now);
    }

    public synchronized void recordThreshold(String subjectId, String kind, double percentMso, String method,
                                             Instant measuredAt, String profileName) {
        recordThreshold(subjectId, kind, percentMso, method, measuredAt, profileName, null);
    }

    /** A motor threshold measured for a session ({@code sessionId} may be null). */
    public synchronized void recordThreshold(String subjectId, String kind, double percentMso, String method,
                                             Instant measuredAt, String profileName, Long sessionId) {
        subjects.recordThreshold(subjectId, kind, percentMso, method, measuredAt, profileName, sessionId);
    }

    /**
     * A stored motor threshold.
     *
     * @param method    as recorded: EMG, VISUAL or UNSTATED, possibly followed by how it was found
     * @param sessionId the session it was recorded for, or null (e.g. a console threshold hunt)
     * @param huntId    the threshold hunt that found it, or null (a stated threshold)
     */
    public record StoredThreshold(String subjectId, String kind, double percentMso, String method, Instant measuredAt,
                                  String profileName, Long sessionId, Long huntId) {
    }

    /** The subject's most recently stored threshold of {@code kind} (RMT or AMT), if any. */
    public synchronized Optional<StoredThreshold> latestThreshold(String subjectId, String kind) {
        return subjects.latestThreshold(subjectId, kind);
    }

    /** When the motor thresholds a session was prepared with were measured (empty if it had none). */
    public synchronized Optional<Instant> thresholdsMeasuredAt(long sessionId) {
        return subjects.thresholdsMeasuredAt(sessionId);
    }

    /** Records the start of a threshold hunt; returns its id. */
    public synchronized long startHunt(NewHunt hunt, Instant now) {
        return subjects.startHunt(hunt, now);
    }

    /** A pulse the hunt gave, written as it is given (before its MEP is read). */
    public synchronized void recordHuntPulse(long huntId, int pulseIndex, Instant firedAt, int outputPercentMso) {
        subjects.recordHuntPulse(huntId, pulseIndex, firedAt, outputPercentMso);
    }

    /** The reading for a recorded hunt pulse: an amplitude in µV, or a yes/no (the other null). */
    public synchronized void recordHuntReading(long huntId, int pulseIndex, Double mepMicrovolts, Boolean response) {
        subjects.recordHuntReading(huntId, pulseIndex, mepMicrovolts, response);
    }

    /** Ends a hunt with its outcome and, when it found one, the threshold. */
    public synchronized void endHunt(long huntId, String outcome, Double thresholdPercentMso, Instant now) {
        subjects.endHunt(huntId, outcome, thresholdPercentMso, now);
    }

    /**
     * Ends a hunt COMPLETED with the threshold it found and stores that threshold for the subject,
     * naming the hunt: one transaction, so the two never disagree.
     */
    public synchronized void completeHunt(long huntId, String subjectId, String kind, double percentMso, String method,
                                          Instant measuredAt, String profileName) {
        subjects.completeHunt(huntId, subjectId, kind, percentMso, method, measuredAt, profileName);
    }

    /** The subject's hunts, oldest first, with their pulse counts. */
    public synchronized List<HuntRow> hunts(String subjectId) {
        return subjects.hunts(subjectId);
    }

    /** A hunt's pulses in the order given. */
    public synchronized List<HuntPulseRow> huntPulses(long huntId) {
        return subjects.huntPulses(huntId);
    }

    // --- writing a session ---

    /** Creates a session in state PREPARED and returns its id. */
    public synchronized long createSession(NewSession session, Instant now) {
        return sessions.createSession(session, now);
    }

    /**
     * The device's word on a session's recorded pulses, once it has ended: a device that counts its
     * pulses delivered them in order, so the first {@code deviceCount} recorded pulses it did not
     * refuse are confirmed and the rest are not; the session's delivered count becomes the confirmed
     * count (design.md invariant 8).
     */
    public synchronized void confirmPulses(long sessionId, int deviceCount) {
        confirmPulses(sessionId, deviceCount, false);
    }

    /**
     * As {@link #confirmPulses(long, int)}; with {@code reportsLost} (the link failed, so a missing
     * report is no evidence either way) the pulses beyond the device's count stay unknown (NULL)
     * instead of unconfirmed.
     */
    public synchronized void confirmPulses(long sessionId, int deviceCount, boolean reportsLost) {
        sessions.confirmPulses(sessionId, deviceCount, reportsLost);
    }

    /** How the session's plan reaches the device, recorded at arming (contracts.md §5). */
    public synchronized void recordDelivery(long sessionId, String strategy, String hostStarts) {
        sessions.recordDelivery(sessionId, strategy, hostStarts);
    }

    public synchronized void setJournalPath(long sessionId, Path journal) {
        sessions.setJournalPath(sessionId, journal);
    }

    /** Records a state change; the session's state column follows it. */
    public synchronized void recordTransition(long sessionId, String from, String to, String reason, String userId,
                                              Instant at) {
        sessions.recordTransition(sessionId, from, to, reason, userId, at);
    }

    public synchronized void recordTrip(long sessionId, String cause, String detail, Instant at) {
        recordTrip(sessionId, cause, detail, at, Optional.empty());
    }

    /** An interlock trip with the measured trip-to-disarm time (nanoseconds on the host clock), if known. */
    public synchronized void recordTrip(long sessionId, String cause, String detail, Instant at,
                                        Optional<Long> tripToDisarmNanos) {
        sessions.recordTrip(sessionId, cause, detail, at, tripToDisarmNanos);
    }

    /** The planned trains of a session, written once when it is prepared. */
    public synchronized void recordTrains(long sessionId, List<TrainRow> trains) {
        sessions.recordTrains(sessionId, trains);
    }

    /** What the connected device said it is. */
    public synchronized void recordDeviceIdentity(long sessionId, String model, String firmware) {
        sessions.recordDeviceIdentity(sessionId, model, firmware);
    }

    /** When the pulse thread began: its t0 on the host clock (pulse times in the record are relative to it). */
    public synchronized void recordStart(long sessionId, long t0Nanos, Instant at) {
        sessions.recordStart(sessionId, t0Nanos, at);
    }

    public synchronized void recordOverride(long sessionId, String ruleId, String approvedBy, String reason, Instant at) {
        sessions.recordOverride(sessionId, ruleId, approvedBy, reason, at);
    }

    /** Appends delivered pulses in one transaction (the recorder's batch); re-importing a pulse is a no-op. */
    public synchronized void appendPulses(long sessionId, List<PulseRow> pulses) {
        sessions.appendPulses(sessionId, pulses);
    }

    /**
     * Marks {@code sessionId} as the continuation of {@code continuesId}, its pulse 0 being pulse
     * {@code firstPulse} of the treatment's plan. A session is continued at most once.
     */
    public synchronized void recordContinuation(long sessionId, long continuesId, int firstPulse) {
        sessions.recordContinuation(sessionId, continuesId, firstPulse);
    }

    /** Pulses past the record the device may have delivered on its own after the host lost it. */
    public synchronized void recordMayHaveDelivered(long sessionId, int pulses) {
        sessions.recordMayHaveDelivered(sessionId, pulses);
    }

    /** Ends a session: final state (COMPLETED, ABORTED, FAULTED, INTERRUPTED) and why. */
    public synchronized void endSession(long sessionId, String from, String finalState, String reason, String userId,
                                        Instant at) {
        endSession(sessionId, from, finalState, finalState, reason, userId, at, Optional.empty());
    }

    /**
     * Ends a session with its final state, a stable cause code, the reason in words, and the pulse
     * count the device reported (when it counts), in one transaction with its last transition.
     */
    public synchronized void endSession(long sessionId, String from, String finalState, String cause, String reason,
                                        String userId, Instant at, Optional<Integer> deviceReportedPulses) {
        sessions.endSession(sessionId, from, finalState, cause, reason, userId, at, deviceReportedPulses);
    }

    // --- reading sessions back ---

    /** Where a session stands in its treatment: what it continues, and what continues it. */
    public synchronized Continuity continuity(long sessionId) {
        return queries.continuity(sessionId);
    }

    public synchronized List<TransitionRow> transitions(long sessionId) {
        return queries.transitions(sessionId);
    }

    public synchronized List<TripRow> trips(long sessionId) {
        return queries.trips(sessionId);
    }

    public synchronized List<OverrideRow> overrides(long sessionId) {
        return queries.overrides(sessionId);
    }

    public synchronized List<TrainRow> trains(long sessionId) {
        return queries.trains(sessionId);
    }

    /** The protocol file exactly as the session ran it. */
    public synchronized Optional<String> protocolText(long sessionId) {
        return queries.protocolText(sessionId);
    }

    /** Sessions that never ended: the process died while they were open. */
    public synchronized List<SessionRow> unfinishedSessions() {
        return queries.sessions("WHERE ended_at IS NULL ORDER BY id");
    }

    public synchronized List<SessionRow> allSessions() {
        return queries.sessions("ORDER BY id");
    }

    public synchronized Optional<SessionRow> session(long id) {
        return queries.session(id);
    }

    public synchronized List<PulseRow> pulses(long sessionId) {
        return queries.pulses(sessionId);
    }

    // --- the users' audit ---

    /**
     * Appends one row to the users' audit (issue 14): a change to a site user, a refused change, a
     * failed sign-in or a lock; returns its id. Rows are never updated or deleted.
     */
    public synchronized long recordUserChange(String host, String actor, String user, String action, String detail,
                                              Instant at) {
        return userChanges.append(host, actor, user, action, detail, at);
    }

    /** The users' audit, oldest first. */
    public synchronized List<UserChangeRow> userChanges() {
        return userChanges.all();
    }

    // --- the dose ledger ---

    /**
     * Pulses the subject received since local midnight in sessions and, apart, in threshold hunts;
     * sessions they had since then; and when their last session ended. A session with no pulse
     * delivered (refused at arming, cancelled, faulted before its first pulse) was not held: it
     * neither counts nor starts the intersession interval.
     */
    public synchronized DoseTotals doseTotals(String subjectId, Instant now, ZoneId zone) {
        return doseTotals(subjectId, now, zone, Set.of());
    }

    /**
     * The subject's totals leaving out {@code treatment}: the sessions a continuation continues,
     * whose delivered pulses it counts itself (it is checked as delivered + remaining).
     */
    public synchronized DoseTotals doseTotals(String subjectId, Instant now, ZoneId zone, Set<Long> treatment) {
        return dose.doseTotals(subjectId, now, zone, treatment);
    }

    /** See {@link DoseTotalsQuery#sortableLowerBound}. */
    static String sortableLowerBound(Instant instant) {
        return DoseTotalsQuery.sortableLowerBound(instant);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new RecordException("cannot close the record store: " + e.getMessage(), e);
        }
    }
}
