package org.tmshost.record;

import java.util.List;
import java.util.Optional;

/**
 * One kind of record the {@link RecordChain} seals: its parts (a row and the rows that belong to it),
 * each read by the record's id, and which records may stand unsealed because tmshost is still writing
 * them. Adding a table to the chain is one entry in {@link #ALL}.
 *
 * @param name     the kind as stored in {@code record_chain.kind}
 * @param noun     how a failure names one record ("session 3")
 * @param parts    the record's parts; every row of each part's table belongs to some record of this kind
 * @param openSql  the ids of records still being written (unsealed is then no failure), if any can be
 */
record ChainedKind(String name, String noun, List<Part> parts, Optional<String> openSql) {
    /**
     * The rows of {@code table} whose {@code key} column is the record's id, in an order fixed by
     * {@code orderBy} (every column that can tell two rows apart, so the order never depends on rowids).
     * A part {@code sealedOnlyWithRows} is left out of a record's content while it has no rows: a part
     * added after records were sealed (a session's coil temperatures, schema 10) leaves their seals valid.
     */
    record Part(String table, String key, String orderBy, boolean sealedOnlyWithRows) {
        Part(String table, String key, String orderBy) {
            this(table, key, orderBy, false);
        }

        String rowsSql() {
            return "SELECT * FROM " + table + " WHERE " + key + " = ? ORDER BY " + orderBy;
        }
    }

    static final ChainedKind SESSION = new ChainedKind("session", "session", List.of(
            new Part("sessions", "id", "id"),
            new Part("pulses", "session_id", "pulse_index"),
            new Part("trains", "session_id", "train_index"),
            new Part("transitions", "session_id", "at, from_state, to_state, reason, user_id"),
            new Part("interlock_trips", "session_id", "at, cause, detail, trip_to_disarm_nanos"),
            new Part("overrides", "session_id", "at, rule_id, approved_by, reason"),
            new Part("coil_temperatures", "session_id", "at_micros", true)),
            Optional.of("SELECT id FROM sessions WHERE ended_at IS NULL"));

    /** A session's overrides, sealed as each is written (the session itself is sealed when it ends). */
    static final ChainedKind OVERRIDES = new ChainedKind("overrides", "overrides of session", List.of(
            new Part("overrides", "session_id", "at, rule_id, approved_by, reason")), Optional.empty());

    static final ChainedKind THRESHOLD = new ChainedKind("threshold", "motor threshold", List.of(
            new Part("motor_thresholds", "id", "id")), Optional.empty());

    static final ChainedKind HUNT = new ChainedKind("hunt", "threshold hunt", List.of(
            new Part("threshold_hunts", "id", "id"),
            new Part("hunt_pulses", "hunt_id", "pulse_index")),
            Optional.of("SELECT id FROM threshold_hunts WHERE ended_at IS NULL"));

    /**
     * A cortical excitability measurement (issue 17) with its trials: open while it runs (its trials are
     * written ahead of firing, their amplitudes as read), sealed when it ends.
     */
    static final ChainedKind EXCITABILITY = new ChainedKind("excitability", "excitability measurement", List.of(
            new Part("excitability_measurements", "id", "id"),
            new Part("excitability_trials", "measurement_id", "trial_index")),
            Optional.of("SELECT id FROM excitability_measurements WHERE ended_at IS NULL"));

    /** The users' audit: each change, refusal, failed sign-in and lock, sealed as it is appended. */
    static final ChainedKind USER_CHANGE = new ChainedKind("user-change", "user change", List.of(
            new Part("user_changes", "id", "id")), Optional.empty());

    /** A profile or site policy a supervisor installed, with its text, sealed as it is recorded. */
    static final ChainedKind LIMIT_INSTALL = new ChainedKind("limit-install", "limits installation", List.of(
            new Part("limit_installs", "id", "id")), Optional.empty());

    /**
     * A treatment course (issue 16) with its audited changes, the sessions counted toward it, its
     * outcomes and adverse events; sealed again at every write (a course is never finished being written).
     */
    static final ChainedKind COURSE = new ChainedKind("course", "course", List.of(
            new Part("courses", "id", "id"),
            new Part("course_changes", "course_id", "id"),
            new Part("course_sessions", "course_id", "session_id"),
            new Part("course_outcomes", "course_id", "id"),
            new Part("course_events", "course_id", "id")), Optional.empty());

    /** Every kind the chain seals, in the order {@code records verify} reports them. */
    static final List<ChainedKind> ALL = List.of(SESSION, OVERRIDES, THRESHOLD, HUNT, USER_CHANGE, LIMIT_INSTALL,
            COURSE, EXCITABILITY);

    /** Every id with a row in any part: a child row whose record is missing shows up as a record too. */
    String idsSql() {
        return String.join(" UNION ", parts.stream().map(p -> "SELECT " + p.key() + " FROM " + p.table()).toList());
    }

    static Optional<ChainedKind> named(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst();
    }
}
