package org.tmshost.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQLite record of subjects, thresholds, sessions, pulses, transitions, interlock trips and
 * overrides. Durable by construction: WAL journal with {@code synchronous=FULL}, every write in a
 * transaction. Nothing is ever deleted or rewritten except a session's state, end and delivered
 * count. One connection, used from one thread at a time (the methods are synchronized).
 *
 * <p>This class is the door and the lock; the work is done by {@link RecordSchema} (settings,
 * schema, migrations), {@link SubjectRecords} (subjects, thresholds, hunts), {@link ExcitabilityRecords}
 * (excitability measurements), {@link SessionRecords}
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
    private final RecordChain chain;
    private final Path file;
    private final String where;
    private final String host;
    private final StoreIdentity identity;
    private final String storeId;
    private final DatabaseOnDisk onDisk;
    private final UserChangeRecords userChanges;
    private final SiteUserRecords siteUsers;
    private final CourseRecords courses;
    private final ExcitabilityRecords excitability;

    private RecordStore(StoreConnection db, Path file, StoreIdentity identity, String where) throws IOException {
        this.db = db;
        this.host = HostName.local();
        this.subjects = new SubjectRecords(db, host);
        this.queries = new SessionQueries(db);
        this.sessions = new SessionRecords(db, subjects, queries, host);
        this.dose = new DoseTotalsQuery(db);
        this.chain = new RecordChain(db);
        this.file = file == null ? null : file.toAbsolutePath();
        this.where = where;
        this.identity = identity;
        String[] id = {""};
        db.query("the store's identity", "SELECT id FROM store_identity LIMIT 1", rs -> id[0] = rs.getString(1));
        this.storeId = id[0];
        this.onDisk = new DatabaseOnDisk(this.file, identity, storeId);
        this.userChanges = new UserChangeRecords(db);
        this.siteUsers = new SiteUserRecords(db);
        this.courses = new CourseRecords(db);
        this.excitability = new ExcitabilityRecords(db);
    }

    /**
     * Opens the records of {@code home}: a site database when {@code --records} or
     * {@value RecordsLocation#ENV} names one (contracts.md §8), else the home's own SQLite file.
     *
     * @throws IllegalArgumentException if the records URL or its password file is wrong (bad input)
     */
    public static RecordStore open(TmsHome home) {
        return open(home, RecordsLocation.resolve(home, System.getProperty(RecordsLocation.PROPERTY), System.getenv()),
                System.getenv());
    }

    /** Opens {@code location} for {@code home}, the password (a site's) from {@code env}. */
    public static RecordStore open(TmsHome home, RecordsLocation location, Map<String, String> env) {
        if (location instanceof RecordsLocation.LocalFile local) {
            return open(local.file());
        }
        RecordsLocation.SiteDatabase site = (RecordsLocation.SiteDatabase) location;
        java.util.Properties properties = site.driverProperties(env);
        RecordStore store;
        try {
            StoreConnection db = new StoreConnection(() -> DriverManager.getConnection(site.jdbcUrl(), properties),
                    Dialect.POSTGRESQL);
            try {
                RecordSchema.prepareSite(db.connection());
                // the home remembers which site database its journals belong to, and the ids it has given
                store = new RecordStore(db, null, new StoreIdentity(home.directory().resolve("site-records")),
                        site.describe());
            } catch (SQLException | IOException | RuntimeException e) {
                db.close();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new RecordException("cannot open the site records " + site.describe() + ": " + e.getMessage(), e);
        }
        return store.checkedAgainstHome();
    }

    /**
     * The opened store checked against its home (the identity file and journals), records from before
     * the chain sealed, the home's marks written the first time; closed if any of it fails.
     */
    private RecordStore checkedAgainstHome() {
        try {
            identity.check(storeId, highest("sessions"), highest("threshold_hunts"));
            if (shared()) {
                aboveTheHomesIds();
            }
            chain.sealAtUpgrade(Instant.now());
            if (identity.read().isEmpty()) {
                identity.write(new StoreIdentity.Marks(storeId, highest("sessions"), highest("threshold_hunts")));
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A home that kept its own database before it joined the site has journals named by that
     * database's ids: the site's next ids are raised above them, so no session's journal is another's.
     */
    private void aboveTheHomesIds() {
        long sessionsSeen = identity.highestSession();
        long huntsSeen = identity.highestHunt();
        if (sessionsSeen > highest("sessions") || huntsSeen > highest("threshold_hunts")) {
            db.transaction(() -> {
                IdSequences.raise(db, "sessions", Math.max(sessionsSeen, highest("sessions")));
                IdSequences.raise(db, "threshold_hunts", Math.max(huntsSeen, highest("threshold_hunts")));
            });
        }
    }

    /** Opens (creating or migrating if needed) the store at {@code file}. */
    public static RecordStore open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    /**
     * Opens the store; a write blocked by another connection's lock fails after {@code busyTimeoutMillis}.
     *
     * @throws StoreIdentityException if the database is missing where the home shows it had one, or is
     *                                not the one the home's identity file and journals belong to
     */
    public static RecordStore open(Path file, int busyTimeoutMillis) {
        if (!Files.exists(file)) {
            new StoreIdentity(file).refuseIfHomeUsed(); // never a fresh database over a used home
        }
        return connect(file, busyTimeoutMillis).checkedAgainstHome();
    }

    /**
     * Takes the database now at {@code file} (created if missing) as its home's record, deliberately:
     * after a backup was restored, or to start a new record where the old one was lost. Its session
     * and hunt ids continue above every id the home has given (its identity file, its journals), so
     * none repeats; the journals are kept.
     *
     * @return what was done, in words
     */
    public static String adopt(Path file) {
        StoreIdentity identity = new StoreIdentity(file);
        long sessionsSeen = identity.highestSession();
        long huntsSeen = identity.highestHunt();
        Optional<StoreIdentity.Marks> before = identity.read();
        try (RecordStore store = connect(file, DEFAULT_BUSY_TIMEOUT_MILLIS)) {
            long sessionIds = Math.max(sessionsSeen, store.highest("sessions"));
            long huntIds = Math.max(huntsSeen, store.highest("threshold_hunts"));
            store.db.transaction(() -> {
                IdSequences.raise(store.db, "sessions", sessionIds);
                IdSequences.raise(store.db, "threshold_hunts", huntIds);
            });
            store.chain.sealAtUpgrade(Instant.now());
            store.identity.write(new StoreIdentity.Marks(store.storeId, sessionIds, huntIds));
            return "record store " + store.storeId + " at " + store.file + " is now this home's record"
                    + before.filter(m -> !m.store().equals(store.storeId)).map(m -> " (it was store " + m.store() + ")")
                    .orElse("") + "; new sessions are numbered from " + (sessionIds + 1) + ", hunts from " + (huntIds + 1);
        }
    }

    private static RecordStore connect(Path file, int busyTimeoutMillis) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            PrivateFiles.createOwnerOnly(file);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try {
                RecordSchema.prepare(connection, busyTimeoutMillis);
                return new RecordStore(new StoreConnection(() -> connection, Dialect.SQLITE), file,
                        new StoreIdentity(file), file.toAbsolutePath().toString());
            } catch (SQLException | IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new RecordException("cannot open the record store " + file + ": " + e.getMessage(), e);
        }
    }

    private long highest(String table) {
        return IdSequences.highest(db, table);
    }

    /** The store's one connection, for {@link SiteMigration}; the caller holds this store's lock. */
    StoreConnection connection() {
        return db;
    }

    /** The store's hash chain, for {@link SiteMigration}; the caller holds this store's lock. */
    RecordChain chain() {
        return chain;
    }

    /** This store's random identity (32 hex digits), also in its home's identity file and its journals. */
    public String identity() {
        return storeId;
    }

    /**
     * Why this store's database is no longer the one on disk (removed, replaced, its home's identity
     * file naming another store), or empty while it is: a session must not start, and one that ran
     * must not be reported as recorded.
     */
    public synchronized Optional<String> lostOnDisk() {
        return onDisk.lost();
    }

    private void ensureOnDisk() {
        Optional<String> lost = lostOnDisk();
        if (lost.isPresent()) {
            throw new StoreIdentityException(lost.get() + "; no session or hunt starts on it. Its fire journals are kept in "
                    + identity.journalDirectory() + "; restore the database, or run 'tmshost records adopt'");
        }
    }

    /** The home's identity file remembers {@code id} as given, so no store of this home gives it again. */
    private void remember(String table, long id) {
        StoreIdentity.Marks marks = identity.read().orElse(new StoreIdentity.Marks(storeId, 0, 0));
        identity.write(table.equals("sessions")
                ? new StoreIdentity.Marks(storeId, Math.max(marks.sessions(), id), marks.hunts())
                : new StoreIdentity.Marks(storeId, marks.sessions(), Math.max(marks.hunts(), id)));
    }

    // --- tamper evidence ---

    /** {@code write} to a record, in one transaction with its seal ({@link RecordChain#write}). */
    private void written(ChainedKind kind, long ref, StoreConnection.SqlWork write) {
        db.transaction(() -> chain.write(kind, ref, Instant.now(), write));
    }

    /** Every record and the chain itself, as {@code tmshost records verify} reports them. */
    public synchronized List<RecordVerification> verifyRecords() {
        return chain.verifyAll();
    }

    /**
     * Whether one session's record verifies: the session (sealed when it ended) and its overrides
     * (sealed as each was written); the first failure, else the session's own status.
     */
    public synchronized RecordVerification verifySession(long sessionId) {
        RecordVerification session = chain.verify(ChainedKind.SESSION, sessionId);
        if (!hasOverrides(sessionId)) {
            return session;
        }
        RecordVerification overrides = chain.verify(ChainedKind.OVERRIDES, sessionId);
        return overrides.fails() && !session.fails() ? overrides : session;
    }

    private boolean hasOverrides(long sessionId) {
        boolean[] any = {false};
        db.query("SELECT 1 FROM record_chain WHERE kind = 'overrides' AND ref = ? UNION SELECT 1 FROM overrides "
                + "WHERE session_id = ?", rs -> any[0] = true, sessionId, sessionId);
        return any[0];
    }

    // --- subjects, thresholds, hunts ---

    /**
     * The subject {@code id} names, checked before anything is created for it: on record already, or
     * new and resembling no subject on record ({@link SubjectId#skeleton}); else {@link SubjectIdRefused}
     * naming the subject it resembles. Every method here taking a subject id as text normalises it
     * ({@link SubjectId#of(String)}) and creates a new subject only after this check.
     */
    public synchronized SubjectId admitSubject(SubjectId id) {
        return subjects.admit(id);
    }

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
        db.transaction(() -> chain.seal(ChainedKind.THRESHOLD, subjects.recordThreshold(subjectId, kind, percentMso,
                method, measuredAt, profileName, sessionId), Instant.now()));
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
        ensureOnDisk();
        long id = subjects.startHunt(hunt, now);
        remember("threshold_hunts", id);
        return id;
    }

    /** A pulse the hunt gave, written as it is given (before its MEP is read). */
    public synchronized void recordHuntPulse(long huntId, int pulseIndex, Instant firedAt, int outputPercentMso) {
        written(ChainedKind.HUNT, huntId, () -> subjects.recordHuntPulse(huntId, pulseIndex, firedAt, outputPercentMso));
    }

    /** The reading for a recorded hunt pulse: an amplitude in µV, or a yes/no (the other null). */
    public synchronized void recordHuntReading(long huntId, int pulseIndex, Double mepMicrovolts, Boolean response) {
        written(ChainedKind.HUNT, huntId, () -> subjects.recordHuntReading(huntId, pulseIndex, mepMicrovolts, response));
    }

    /** Ends a hunt with its outcome and, when it found one, the threshold. */
    public synchronized void endHunt(long huntId, String outcome, Double thresholdPercentMso, Instant now) {
        db.transaction(() -> {
            subjects.endHunt(huntId, outcome, thresholdPercentMso, now);
            chain.seal(ChainedKind.HUNT, huntId, Instant.now());
        });
    }

    /**
     * Ends a hunt COMPLETED with the threshold it found and stores that threshold for the subject,
     * naming the hunt: one transaction, so the two never disagree.
     */
    public synchronized void completeHunt(long huntId, String subjectId, String kind, double percentMso, String method,
                                          Instant measuredAt, String profileName) {
        db.transaction(() -> {
            long threshold = subjects.completeHunt(huntId, subjectId, kind, percentMso, method, measuredAt, profileName);
            chain.seal(ChainedKind.HUNT, huntId, Instant.now());
            chain.seal(ChainedKind.THRESHOLD, threshold, Instant.now());
        });
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
        ensureOnDisk();
        long id = sessions.createSession(session, now);
        remember("sessions", id);
        return id;
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
        written(ChainedKind.SESSION, sessionId, () -> sessions.confirmPulses(sessionId, deviceCount, reportsLost));
    }

    /** How the session's plan reaches the device, recorded at arming (contracts.md §5). */
    public synchronized void recordDelivery(long sessionId, String strategy, String hostStarts) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordDelivery(sessionId, strategy, hostStarts));
    }

    public synchronized void setJournalPath(long sessionId, Path journal) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.setJournalPath(sessionId, journal));
    }

    /** Records a state change; the session's state column follows it. */
    public synchronized void recordTransition(long sessionId, String from, String to, String reason, String userId,
                                              Instant at) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordTransition(sessionId, from, to, reason, userId, at));
    }

    public synchronized void recordTrip(long sessionId, String cause, String detail, Instant at) {
        recordTrip(sessionId, cause, detail, at, Optional.empty());
    }

    /** An interlock trip with the measured trip-to-disarm time (nanoseconds on the host clock), if known. */
    public synchronized void recordTrip(long sessionId, String cause, String detail, Instant at,
                                        Optional<Long> tripToDisarmNanos) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordTrip(sessionId, cause, detail, at, tripToDisarmNanos));
    }

    /** The planned trains of a session, written once when it is prepared. */
    public synchronized void recordTrains(long sessionId, List<TrainRow> trains) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordTrains(sessionId, trains));
    }

    /** What the connected device said it is. */
    /** The profile and policy files a session ran under, verbatim. */
    public synchronized LimitsRow sessionLimits(long sessionId) {
        return queries.limits(sessionId);
    }

    /** Records that a supervisor installed a profile or site policy ({@code kind}: profile | policy). */
    public synchronized long recordLimitInstall(String kind, String name, String sha256, String text,
                                                String sourcePath, String installedBy, Instant at) {
        return sealed(ChainedKind.LIMIT_INSTALL, at,
                () -> sessions.recordLimitInstall(kind, name, sha256, text, sourcePath, installedBy, at));
    }

    public synchronized void recordDeviceIdentity(long sessionId, String model, String firmware) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordDeviceIdentity(sessionId, model, firmware));
    }

    /** When the pulse thread began: its t0 on the host clock (pulse times in the record are relative to it). */
    public synchronized void recordStart(long sessionId, long t0Nanos, Instant at) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordStart(sessionId, t0Nanos, at));
    }

    public synchronized void recordOverride(long sessionId, String ruleId, String approvedBy, String reason, Instant at) {
        db.transaction(() -> {
            chain.write(ChainedKind.SESSION, sessionId, Instant.now(), () -> chain.write(ChainedKind.OVERRIDES,
                    sessionId, Instant.now(), () -> sessions.recordOverride(sessionId, ruleId, approvedBy, reason, at)));
        });
    }

    /** Appends delivered pulses in one transaction (the recorder's batch); re-importing a pulse is a no-op. */
    public synchronized void appendPulses(long sessionId, List<PulseRow> pulses) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.appendPulses(sessionId, pulses));
    }

    /** Coil temperature samples in one transaction (the recorder's batch); re-writing one is a no-op. */
    public synchronized void appendCoilTemperatures(long sessionId, List<CoilTemperatureRow> samples) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.appendCoilTemperatures(sessionId, samples));
    }

    /**
     * Marks {@code sessionId} as the continuation of {@code continuesId}, its pulse 0 being pulse
     * {@code firstPulse} of the treatment's plan. A session is continued at most once.
     */
    public synchronized void recordContinuation(long sessionId, long continuesId, int firstPulse) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordContinuation(sessionId, continuesId, firstPulse));
    }

    /** Pulses past the record the device may have delivered on its own after the host lost it. */
    public synchronized void recordMayHaveDelivered(long sessionId, int pulses) {
        written(ChainedKind.SESSION, sessionId, () -> sessions.recordMayHaveDelivered(sessionId, pulses));
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
        db.transaction(() -> {
            sessions.endSession(sessionId, from, finalState, cause, reason, userId, at, deviceReportedPulses);
            chain.seal(ChainedKind.SESSION, sessionId, Instant.now());
        });
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

    /** The session's coil temperature samples, oldest first (none before schema 10, nor from a TTL rig). */
    public synchronized List<CoilTemperatureRow> coilTemperatures(long sessionId) {
        return queries.coilTemperatures(sessionId);
    }

    public synchronized List<TrainRow> trains(long sessionId) {
        return queries.trains(sessionId);
    }

    /** The protocol file exactly as the session ran it. */
    public synchronized Optional<String> protocolText(long sessionId) {
        return queries.protocolText(sessionId);
    }

    /**
     * Sessions that never ended: the process died while they were open. In a site database only this
     * host's: another host's open session may be running now, and only its own host has its journal.
     */
    public synchronized List<SessionRow> unfinishedSessions() {
        return queries.sessions("WHERE ended_at IS NULL ORDER BY id").stream()
                .filter(s -> !shared() || s.host().filter(host::equals).isPresent()).toList();
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
        return sealed(ChainedKind.USER_CHANGE, at, () -> userChanges.append(host, actor, user, action, detail, at));
    }

    /** Appends a record of {@code kind} and seals it in the same transaction; returns its id. */
    private long sealed(ChainedKind kind, Instant at, java.util.function.LongSupplier append) {
        long[] id = {0};
        db.transaction(() -> {
            id[0] = append.getAsLong();
            chain.seal(kind, id[0], at);
        });
        return id[0];
    }

    /** The users' audit, oldest first. */
    public synchronized List<UserChangeRow> userChanges() {
        return userChanges.all();
    }

    // --- a site's users (issue 18; a home's own file keeps users.yaml) ---

    /** The site's users ({@code site_users}), in the order they were added. */
    public synchronized List<SiteUserRow> siteUsers() {
        return siteUsers.all();
    }

    /** One of the site's users, read now. */
    public synchronized Optional<SiteUserRow> siteUser(String name) {
        return siteUsers.get(name);
    }

    /**
     * Adds a site user in one transaction under the site's users' lock: false, and nothing written,
     * if the name exists or, when {@code onlyTheFirst}, the site has any user (another host added one).
     */
    public synchronized boolean addSiteUser(SiteUserRow user, boolean onlyTheFirst, Instant at) {
        return siteUsers.add(user, onlyTheFirst, at);
    }

    /** Sets a site user's password hash, clearing failed sign-ins and the lock; false if there is no such user. */
    public synchronized boolean putSiteUserPassword(String name, String salt, int iterations, String hash, Instant at) {
        return siteUsers.setPassword(name, salt, iterations, hash, at);
    }

    /** Sets a site user's role; false if there is no such user or it would leave the site without a supervisor. */
    public synchronized boolean putSiteUserRole(String name, String role, Instant at) {
        return siteUsers.setRole(name, role, at);
    }

    /** Removes a site user; false if there is no such user or it is the site's last supervisor. */
    public synchronized boolean removeSiteUser(String name) {
        return siteUsers.remove(name);
    }

    /** Unlocks a site user, clearing failed sign-ins; false if there is no such user. */
    public synchronized boolean unlockSiteUser(String name, Instant at) {
        return siteUsers.unlock(name, at);
    }

    /**
     * Records a sign-in's outcome atomically across the site's hosts: a failure adds one to the
     * failed sign-ins in a row, locking the account at {@code lockAt}; a success clears them. Returns
     * the user after it, or empty (nothing written) if the account is gone or locked by now.
     */
    public synchronized Optional<SiteUserRow> recordSignIn(String name, boolean failed, int lockAt, Instant at) {
        return siteUsers.signIn(name, failed, lockAt, at);
    }

    // --- treatment courses (issue 16) ---

    /** Whether the subject is on record (a course is planned only for a known subject). */
    public synchronized boolean subjectOnRecord(String subjectId) {
        boolean[] found = {false};
        db.query("the subjects", "SELECT 1 FROM subjects WHERE id = ?", rs -> found[0] = true,
                SubjectId.of(subjectId).value());
        return found[0];
    }

    /** Plans a course: its row and its first audited change ({@code plan}, state ACTIVE), sealed together. */
    public synchronized long createCourse(NewCourse course, String detail, Instant at) {
        return sealed(ChainedKind.COURSE, at, () -> {
            long id = courses.create(course, at);
            courses.change(id, at, course.plannedBy(), "plan", Optional.of("ACTIVE"), detail);
            return id;
        });
    }

    public synchronized Optional<CourseRow> course(String name) {
        return courses.named(name);
    }

    /** Every course, oldest first. */
    public synchronized List<CourseRow> courses() {
        return courses.all();
    }

    /** Appends an audited change to a course; {@code state} when the change sets the course's state. */
    public synchronized void recordCourseChange(long courseId, String user, String action, Optional<String> state,
                                                String detail, Instant at) {
        written(ChainedKind.COURSE, courseId, () -> courses.change(courseId, at, user, action, state, detail));
    }

    public synchronized List<CourseChangeRow> courseChanges(long courseId) {
        return courses.changes(courseId);
    }

    /**
     * Counts a prepared session toward a course, with its audited change, in one transaction: called
     * after the session is prepared and before it can fire, so a session that delivered a pulse is
     * never missing from its course.
     */
    public synchronized void joinCourse(long courseId, long sessionId, String user, String detail, Instant at) {
        written(ChainedKind.COURSE, courseId, () -> {
            courses.link(courseId, sessionId, at);
            courses.change(courseId, at, user, "session", Optional.empty(), detail);
        });
    }

    /** The sessions that count toward a course, by id. */
    public synchronized List<SessionRow> courseSessions(long courseId) {
        var rows = new ArrayList<SessionRow>();
        for (long id : courses.sessionIds(courseId)) {
            queries.session(id).ifPresent(rows::add);
        }
        return rows;
    }

    /** The course a session counts toward, if any. */
    public synchronized Optional<Long> courseOf(long sessionId) {
        return courses.courseOf(sessionId);
    }

    public synchronized long recordCourseOutcome(long courseId, String measure, String phase, double value,
                                                 LocalDate day, Optional<Long> sessionId, String user, Instant at) {
        long[] id = {0};
        written(ChainedKind.COURSE, courseId, () -> id[0] = courses.outcome(courseId, measure, phase, value, day,
                sessionId, at, user));
        return id[0];
    }

    public synchronized List<CourseOutcomeRow> courseOutcomes(long courseId) {
        return courses.outcomes(courseId);
    }

    /** An adverse event; {@code suspends} appends the change that suspends the course, in the same transaction. */
    public synchronized long recordAdverseEvent(long courseId, String kind, String severity, String note, LocalDate day,
                                                Optional<Long> sessionId, String user, Instant at,
                                                Optional<String> suspends) {
        long[] id = {0};
        written(ChainedKind.COURSE, courseId, () -> {
            id[0] = courses.event(courseId, kind, severity, note, day, sessionId, at, user);
            suspends.ifPresent(why -> courses.change(courseId, at, user, "suspend", Optional.of("SUSPENDED"), why));
        });
        return id[0];
    }

    public synchronized List<AdverseEventRow> adverseEvents(long courseId) {
        return courses.events(courseId);
    }

    /** Whether a course's record verifies against its latest seal. */
    public synchronized RecordVerification verifyCourse(long courseId) {
        return chain.verify(ChainedKind.COURSE, courseId);
    }

    // --- excitability measurements (issue 17) ---

    /**
     * Records the start of an excitability measurement, before its first trial; returns its id. The
     * subject is created if new (as for a hunt). A course that is not on record, or is another
     * subject's, is refused ({@link IllegalArgumentException}) and nothing is written.
     */
    public synchronized long startMeasurement(NewMeasurement measurement, Instant now) {
        ensureOnDisk();
        long[] id = {0};
        db.transaction(() -> {
            subjects.ensureSubject(measurement.subjectId(), now);
            SubjectLock.take(db, measurement.subjectId(), host, now);
            id[0] = excitability.start(measurement, now);
        });
        return id[0];
    }

    /**
     * A trial, written immediately before it is fired (write-ahead): a trial this throws for (the
     * store failed, the measurement has ended, the condition is not the measurement's) must not be fired.
     *
     * @param condition the condition's name, one of the measurement's
     */
    public synchronized void recordMeasurementTrial(long measurementId, int index, int block, String condition,
                                                    int conditioningPercentMso, int testPercentMso, long isiNanos,
                                                    Instant firedAt) {
        written(ChainedKind.EXCITABILITY, measurementId, () -> excitability.trial(measurementId, index, block, condition,
                conditioningPercentMso, testPercentMso, isiNanos, firedAt));
    }

    /** A recorded trial's MEP amplitude in µV, once. */
    public synchronized void recordMeasurementAmplitude(long measurementId, int index, double microvolts) {
        written(ChainedKind.EXCITABILITY, measurementId, () -> excitability.amplitude(measurementId, index, microvolts));
    }

    /** A recorded pair whose test pulse was not given (it would have been late): void, no amplitude. */
    public synchronized void recordMeasurementTrialVoid(long measurementId, int index) {
        written(ChainedKind.EXCITABILITY, measurementId, () -> excitability.voidTrial(measurementId, index));
    }

    /**
     * Ends a measurement once, sealing it: {@code outcome} in words (COMPLETED, STOPPED, DEVICE_FAULT,
     * INTERRUPTED, ...), and at completion its results (the analysis as JSON text), else null.
     */
    public synchronized void endMeasurement(long measurementId, String outcome, String resultsJson, Instant now) {
        db.transaction(() -> {
            excitability.end(measurementId, outcome, resultsJson, now);
            chain.seal(ChainedKind.EXCITABILITY, measurementId, Instant.now());
        });
    }

    /** The subject's measurements, newest first, each with its trials. */
    public synchronized List<MeasurementRow> measurements(String subjectId) {
        return excitability.ofSubject(subjectId);
    }

    /** One measurement with its trials in the order given. */
    public synchronized Optional<MeasurementRow> measurement(long id) {
        return excitability.measurement(id);
    }

    /** The measurements that belong to a course, oldest first, each with its trials (the course report). */
    public synchronized List<MeasurementRow> courseMeasurements(long courseId) {
        return excitability.ofCourse(courseId);
    }

    /** Measurements that never ended: the process died while they ran (in a site database, on this host). */
    public synchronized List<MeasurementRow> unfinishedMeasurements() {
        return excitability.unended().stream().filter(m -> !shared() || m.measurement().host().equals(host)).toList();
    }

    /** Whether a measurement's record verifies against its seal (not yet sealed while it runs). */
    public synchronized RecordVerification verifyMeasurement(long measurementId) {
        return chain.verify(ChainedKind.EXCITABILITY, measurementId);
    }

    // --- the pooled research dataset (records export --pseudonymise) ---

    /** Every subject on record, by id. */
    public synchronized List<SubjectOnRecord> subjects() {
        return new ResearchReads(db).subjects();
    }

    /** Every motor threshold on record, oldest first. */
    public synchronized List<StoredThreshold> thresholds() {
        return new ResearchReads(db).thresholds();
    }

    /** Each session's protocol SHA-256 (of the file as it ran), by session id. */
    public synchronized java.util.Map<Long, String> sessionProtocolSha256() {
        return new ResearchReads(db).sessionProtocolSha256();
    }

    // --- the dose ledger ---

    /**
     * Pulses the subject received since local midnight in sessions and, apart, in threshold hunts and
     * excitability measurements; sessions they had since then; and when their last session ended. A session with no pulse
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

    /** Where the records are, as a person reads it: the database file, or a site database's URL (never a password). */
    public String where() {
        return where;
    }

    /** The host this store writes as (every session and hunt names it). */
    public String host() {
        return host;
    }

    /** True for a site database that every host of a clinic shares (PostgreSQL). */
    public boolean shared() {
        return db.dialect() == Dialect.POSTGRESQL;
    }

    /** The database file, as SQLite has it open (empty for a store in memory, or a site database on a server). */
    public synchronized Optional<Path> file() {
        if (file == null) {
            return Optional.empty();
        }
        String[] file = new String[1];
        db.query("PRAGMA database_list", rs -> {
            if ("main".equals(rs.getString("name"))) {
                file[0] = rs.getString("file");
            }
        });
        return file[0] == null || file[0].isEmpty() ? Optional.empty() : Optional.of(Path.of(file[0]));
    }

    /**
     * Tests of a full disk: this connection can grow the database no further (SQLite's
     * {@code max_page_count}); writes that need a new page fail as on a full disk. Until closed.
     */
    synchronized void capAtCurrentSize() {
        db.query("PRAGMA max_page_count = 1", rs -> { }); // never below the current size: caps it there
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
