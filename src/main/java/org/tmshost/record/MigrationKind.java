package org.tmshost.record;

import java.util.List;
import java.util.Map;

/**
 * One kind of record {@code records migrate} copies as a unit ({@link SiteMigration}): its own row,
 * the rows that belong to it, which of their columns name another copied record (and so are given
 * that record's site id), and how the site's chain seals it. Listed in {@link #ALL} in the order
 * they are copied: a record only names records of kinds before it (a continuation names an earlier
 * session of its own kind, copied first since it has a lower id).
 *
 * @param name      as stored in {@code migrated_records.kind}
 * @param noun      how a message names one ("session 3")
 * @param sealed    the chain's kind for it
 * @param root      its own row
 * @param children  the rows that belong to it, by its id
 * @param canBeOpen whether the record can still be being written ({@code ended_at} NULL): not copied then
 */
record MigrationKind(String name, String noun, ChainedKind sealed, Table root, List<Table> children,
                     boolean canBeOpen) {
    /**
     * A table of a record.
     *
     * @param name       the table
     * @param key        the column holding the record's id ({@code id} for its own row)
     * @param ownId      whether the table gives each row an id of its own (a new one in the site)
     * @param references columns naming another copied record, by that record's kind name
     * @param fillsHost  a NULL {@code host} (recorded before schema 13, on the one host the file belonged to) is
     *                   given the migrating host's name
     */
    record Table(String name, String key, boolean ownId, Map<String, String> references, boolean fillsHost) {
        static Table root(String name, Map<String, String> references, boolean fillsHost) {
            return new Table(name, "id", true, references, fillsHost);
        }

        static Table child(String name, String key) {
            return new Table(name, key, false, Map.of(), false);
        }

        static Table child(String name, String key, boolean ownId, Map<String, String> references) {
            return new Table(name, key, ownId, references, false);
        }
    }

    static final String SESSION_KIND = "session";
    static final String HUNT_KIND = "hunt";
    static final String COURSE_KIND = "course";

    static final MigrationKind LIMIT_INSTALL = new MigrationKind("limit-install", "limits installation",
            ChainedKind.LIMIT_INSTALL, Table.root("limit_installs", Map.of(), false), List.of(), false);

    static final MigrationKind USER_CHANGE = new MigrationKind("user-change", "user change", ChainedKind.USER_CHANGE,
            Table.root("user_changes", Map.of(), false), List.of(), false);

    static final MigrationKind HUNT = new MigrationKind(HUNT_KIND, "threshold hunt", ChainedKind.HUNT,
            Table.root("threshold_hunts", Map.of(), true), List.of(Table.child("hunt_pulses", "hunt_id")), true);

    static final MigrationKind SESSION = new MigrationKind(SESSION_KIND, "session", ChainedKind.SESSION,
            Table.root("sessions", Map.of("continues_session", SESSION_KIND), true), List.of(
                    Table.child("pulses", "session_id"),
                    Table.child("trains", "session_id"),
                    Table.child("transitions", "session_id"),
                    Table.child("interlock_trips", "session_id"),
                    Table.child("overrides", "session_id"),
                    Table.child("coil_temperatures", "session_id")), true);

    static final MigrationKind THRESHOLD = new MigrationKind("threshold", "motor threshold", ChainedKind.THRESHOLD,
            Table.root("motor_thresholds", Map.of("session_id", SESSION_KIND, "hunt_id", HUNT_KIND), false), List.of(),
            false);

    static final MigrationKind COURSE = new MigrationKind(COURSE_KIND, "course", ChainedKind.COURSE,
            Table.root("courses", Map.of(), false), List.of(
                    Table.child("course_changes", "course_id", true, Map.of()),
                    Table.child("course_sessions", "course_id", false, Map.of("session_id", SESSION_KIND)),
                    Table.child("course_outcomes", "course_id", true, Map.of("session_id", SESSION_KIND)),
                    Table.child("course_events", "course_id", true, Map.of("session_id", SESSION_KIND))), false);

    static final MigrationKind MEASUREMENT = new MigrationKind("measurement", "excitability measurement",
            ChainedKind.EXCITABILITY, Table.root("excitability_measurements", Map.of("course_id", COURSE_KIND), false),
            List.of(Table.child("excitability_trials", "measurement_id")), true);

    /** Every kind, in the order copied. */
    static final List<MigrationKind> ALL = List.of(LIMIT_INSTALL, USER_CHANGE, HUNT, SESSION, THRESHOLD, COURSE,
            MEASUREMENT);

    /** The record's own row and the rows that belong to it. */
    List<Table> tables() {
        var all = new java.util.ArrayList<Table>();
        all.add(root);
        all.addAll(children);
        return all;
    }
}
