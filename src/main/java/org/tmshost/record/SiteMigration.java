package org.tmshost.record;

import org.tmshost.yaml.PrintableText;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code tmshost records migrate --to URL} (contracts.md §8): copies a host's own SQLite records into
 * its clinic's site database, exactly, each record in one site transaction with its row in
 * {@code migrated_records}, so a run again copies nothing twice and a run stopped half-way goes on
 * where it stopped.
 *
 * <p>The site may hold other hosts' records, so every record gets a new site id and every id a copied
 * row names (a continuation's session, a threshold's session and hunt, a course's sessions, a
 * measurement's course) is given as the site id of the record it names. Subjects are added if the
 * site lacks them: one subject id is one person across the site's hosts. A record is sealed in the
 * site's chain as tmshost seals one it writes ({@link RecordChain#sealCopy}: one sealed at upgrade in the
 * source stays so). Nothing is copied from a source whose chain fails; a record still open (a session,
 * hunt or measurement being written) is left for a later run; a course whose name the site has from
 * another source is refused, never renamed. Afterwards every record of the source in the site is
 * compared with the source ({@link MigratedContent}) and its site seal verified.
 */
public final class SiteMigration {
    /** Runs inside each record's site transaction just before it commits (tests stop a migration there). */
    interface BeforeCommit {
        void copying(MigrationKind kind, long sourceId);
    }

    private static final String SUBJECT = "subject";
    private static final String ALIAS = "subject-alias";

    private final RecordStore source;
    private final StoreConnection from;
    private final StoreConnection to;
    private final RecordChain siteChain;
    private final String sourceStore;
    private final String host;
    private final boolean dryRun;
    private final BeforeCommit beforeCommit;
    /** kind → source id → site id: copied before, or now (a dry run: 0, would be copied). */
    private final Map<String, Map<Long, Long>> siteIds = new HashMap<>();
    /** kind → source id → why it was not copied (so what names it is not copied either). */
    private final Map<String, Map<Long, String>> notCopied = new HashMap<>();
    private final Set<String> sealedAtUpgrade = new HashSet<>();
    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** One kind's counts as they are made ({@link MigrationReport.Tally}). */
    private static final class Counts {
        int inSource;
        int alreadyInSite;
        int copiedNow;
        int verified;
        int leftOpen;
        int notCopied;
    }

    private SiteMigration(RecordStore source, RecordStore site, boolean dryRun, BeforeCommit beforeCommit) {
        this.source = source;
        this.from = source.connection();
        this.to = site.connection();
        this.siteChain = site.chain();
        this.sourceStore = source.identity();
        this.host = HostName.local();
        this.dryRun = dryRun;
        this.beforeCommit = beforeCommit;
    }

    /**
     * Copies {@code source} (this host's own SQLite records) into {@code site} (a site database), or with
     * {@code dryRun} says what it would copy and writes nothing.
     *
     * @throws IllegalArgumentException if {@code source} is a site database or {@code site} is not one
     */
    public static MigrationReport migrate(RecordStore source, RecordStore site, boolean dryRun) {
        return migrate(source, site, dryRun, (kind, id) -> { });
    }

    static MigrationReport migrate(RecordStore source, RecordStore site, boolean dryRun, BeforeCommit beforeCommit) {
        if (source.shared()) {
            throw new IllegalArgumentException("records migrate copies a host's own SQLite records; "
                    + source.where() + " is a site database");
        }
        if (!site.shared()) {
            throw new IllegalArgumentException("records migrate copies into a site database (postgresql://...), not "
                    + site.where());
        }
        long started = System.nanoTime();
        synchronized (source) {
            synchronized (site) {
                SiteMigration migration = new SiteMigration(source, site, dryRun, beforeCommit);
                List<RecordVerification> failures = migration.run();
                return new MigrationReport(source.where(), site.where(), dryRun, migration.tallies(), failures,
                        migration.refused, migration.mismatches, migration.warnings,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    private List<RecordVerification> run() {
        List<RecordVerification> verification = source.verifyRecords();
        List<RecordVerification> failures = verification.stream().filter(RecordVerification::fails).toList();
        counts.put(SUBJECT, new Counts());
        counts.put(ALIAS, new Counts());
        MigrationKind.ALL.forEach(k -> counts.put(k.name(), new Counts()));
        if (!failures.isEmpty()) {
            return failures; // a record changed outside tmshost is not carried into the site as if genuine
        }
        verification.stream().filter(v -> v.status() == RecordVerification.Status.SEALED_AT_UPGRADE)
                .forEach(v -> sealedAtUpgrade.add(v.kind() + ":" + v.ref()));
        to.query("the migrated records", "SELECT kind, source_id, site_id FROM migrated_records WHERE source_store = ?",
                rs -> siteIds.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getLong(3)),
                sourceStore);
        Map<String, Map<Long, Long>> before = new HashMap<>();
        siteIds.forEach((kind, ids) -> before.put(kind, new HashMap<>(ids)));
        subjects();
        for (MigrationKind kind : MigrationKind.ALL) {
            copyAll(kind);
        }
        for (MigrationKind kind : MigrationKind.ALL) {
            if (dryRun) {
                before.getOrDefault(kind.name(), Map.of()).forEach((sourceId, siteId) -> check(kind, sourceId, siteId));
            } else {
                new TreeMap<>(siteIds.getOrDefault(kind.name(), Map.of())).forEach((s, t) -> check(kind, s, t));
            }
        }
        return List.of();
    }

    // --- subjects ---

    /** Subjects and their aliases, added where the site lacks them (one transaction; nothing to seal). */
    private void subjects() {
        var subjects = new TreeMap<String, String>();
        from.query("the subjects", "SELECT id, created_at FROM subjects", rs -> subjects.put(rs.getString(1),
                rs.getString(2)));
        var aliases = new TreeMap<String, String[]>();
        from.query("the subject aliases", "SELECT alias, subject_id, created_at FROM subject_aliases",
                rs -> aliases.put(rs.getString(1), new String[]{rs.getString(2), rs.getString(3)}));
        Set<String> onSite = new HashSet<>();
        to.query("the site's subjects", "SELECT id FROM subjects", rs -> onSite.add(rs.getString(1)));
        Map<String, String> aliasesOnSite = new HashMap<>();
        to.query("the site's subject aliases", "SELECT alias, subject_id FROM subject_aliases",
                rs -> aliasesOnSite.put(rs.getString(1), rs.getString(2)));
        Counts subjectCounts = counts.get(SUBJECT);
        Counts aliasCounts = counts.get(ALIAS);
        var added = new ArrayList<String>();
        subjects.forEach((id, createdAt) -> {
            subjectCounts.inSource++;
            if (onSite.contains(id)) {
                subjectCounts.alreadyInSite++;
                return;
            }
            added.add(id);
            subjectCounts.copiedNow++;
            onSite.stream().filter(other -> SubjectId.skeleton(other).equals(SubjectId.skeleton(id))).findFirst()
                    .ifPresent(other -> warnings.add("subject \"" + PrintableText.escaped(id) + "\" resembles the site's "
                            + "subject \"" + PrintableText.escaped(other) + "\": check with the clinic that they are "
                            + "not one subject typed two ways"));
        });
        aliases.forEach((alias, of) -> {
            aliasCounts.inSource++;
            if (aliasesOnSite.containsKey(alias)) {
                aliasCounts.alreadyInSite++;
                if (!aliasesOnSite.get(alias).equals(of[0])) {
                    warnings.add("subject alias \"" + PrintableText.escaped(alias) + "\" names subject \""
                            + PrintableText.escaped(of[0]) + "\" here but \""
                            + PrintableText.escaped(aliasesOnSite.get(alias)) + "\" in the site (kept as the site has it)");
                }
            } else {
                aliasCounts.copiedNow++;
            }
        });
        if (!dryRun) {
            to.transaction(() -> {
                for (String id : added) {
                    to.update("INSERT OR IGNORE INTO subjects(id, created_at) VALUES (?, ?)", id, subjects.get(id));
                }
                for (var alias : aliases.entrySet()) {
                    to.update("INSERT OR IGNORE INTO subject_aliases(alias, subject_id, created_at) VALUES (?, ?, ?)",
                            alias.getKey(), alias.getValue()[0], alias.getValue()[1]);
                }
            });
        }
        to.query("the site's subjects", "SELECT id FROM subjects", rs -> {
            if (subjects.containsKey(rs.getString(1))) {
                subjectCounts.verified++;
            }
        });
        to.query("the site's subject aliases", "SELECT alias FROM subject_aliases", rs -> {
            if (aliases.containsKey(rs.getString(1))) {
                aliasCounts.verified++;
            }
        });
    }

    // --- copying ---

    private void copyAll(MigrationKind kind) {
        var ids = new TreeMap<Long, Boolean>(); // id → open
        String open = kind.canBeOpen() ? "ended_at IS NULL" : "0";
        from.query("the " + kind.noun() + " ids", "SELECT id, " + open + " FROM " + kind.root().name() + " ORDER BY id",
                rs -> ids.put(rs.getLong(1), rs.getInt(2) != 0));
        Counts tally = counts.get(kind.name());
        Map<Long, Long> copied = siteIds.computeIfAbsent(kind.name(), k -> new HashMap<>());
        ids.forEach((id, isOpen) -> {
            tally.inSource++;
            if (copied.containsKey(id)) {
                tally.alreadyInSite++;
            } else if (isOpen) {
                tally.leftOpen++;
                notCopied(kind, id, "it is still open");
                warnings.add(kind.noun() + " " + id + " is still open (being written, or left open by a tmshost that "
                        + "stopped): not copied; run migrate again once it has ended");
            } else {
                Optional<String> refusal = copy(kind, id);
                if (refusal.isPresent()) {
                    tally.notCopied++;
                    notCopied(kind, id, refusal.get());
                    refused.add(kind.noun() + " " + id + " not copied: " + refusal.get());
                } else {
                    tally.copiedNow++;
                }
            }
        });
    }

    private void notCopied(MigrationKind kind, long id, String why) {
        notCopied.computeIfAbsent(kind.name(), k -> new HashMap<>()).put(id, why);
    }

    /** One record with its rows, in one site transaction with its seal and its {@code migrated_records} row. */
    private Optional<String> copy(MigrationKind kind, long id) {
        Map<MigrationKind.Table, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (MigrationKind.Table table : kind.tables()) {
            rows.put(table, rows(table, id));
        }
        Map<String, Object> own = rows.get(kind.root()).get(0);
        for (var entry : rows.entrySet()) {
            for (var reference : entry.getKey().references().entrySet()) {
                for (Map<String, Object> row : entry.getValue()) {
                    if (row.get(reference.getKey()) instanceof Number named
                            && siteId(reference.getValue(), named.longValue()).isEmpty()) {
                        return Optional.of("it names " + nounOf(reference.getValue()) + " " + named + ", which was not "
                                + "copied (" + notCopied.getOrDefault(reference.getValue(), Map.of())
                                .getOrDefault(named.longValue(), "it is not on record") + ")");
                    }
                }
            }
        }
        if (kind == MigrationKind.COURSE) {
            Optional<String> taken = courseNameTaken((String) own.get("name"));
            if (taken.isPresent()) {
                return taken;
            }
        }
        if (dryRun) {
            siteIds.get(kind.name()).put(id, 0L);
            return Optional.empty();
        }
        Instant now = Instant.now();
        long[] siteId = {0};
        to.transaction(() -> {
            Map<String, Object> ownCopy = siteRow(kind.root(), own, 0);
            siteId[0] = to.insert(kind.noun(), insertSql(kind.root().name(), ownCopy), ownCopy.values().toArray());
            for (MigrationKind.Table child : kind.children()) {
                List<Map<String, Object>> children = rows.get(child);
                if (!children.isEmpty()) {
                    List<Map<String, Object>> copies = children.stream().map(r -> siteRow(child, r, siteId[0])).toList();
                    to.batch(insertSql(child.name(), copies.get(0)), copies, r -> r.values().toArray());
                }
            }
            siteChain.sealCopy(kind.sealed(), siteId[0], sealedAtUpgrade.contains(kind.sealed().name() + ":" + id), now);
            if (kind == MigrationKind.SESSION && !rows.get(overrides()).isEmpty()) {
                siteChain.sealCopy(ChainedKind.OVERRIDES, siteId[0],
                        sealedAtUpgrade.contains(ChainedKind.OVERRIDES.name() + ":" + id), now);
            }
            to.update("INSERT INTO migrated_records(source_store, kind, source_id, site_id, migrated_at) "
                    + "VALUES (?, ?, ?, ?, ?)", sourceStore, kind.name(), id, siteId[0], now.toString());
            beforeCommit.copying(kind, id);
        });
        siteIds.get(kind.name()).put(id, siteId[0]);
        return Optional.empty();
    }

    private static MigrationKind.Table overrides() {
        return MigrationKind.SESSION.children().stream().filter(t -> t.name().equals("overrides")).findFirst()
                .orElseThrow();
    }

    /** A course name is the site's one course of that name: one from another host (or another source) is refused. */
    private Optional<String> courseNameTaken(String name) {
        String[] other = {null};
        to.query("the site's courses", "SELECT id, subject_id, planned_by, planned_at FROM courses WHERE name = ?",
                rs -> other[0] = "site course " + rs.getLong(1) + ", subject " + rs.getString(2) + ", planned by "
                        + rs.getString(3) + " at " + rs.getString(4), name);
        if (other[0] == null) {
            return Optional.empty();
        }
        String[] origin = {"another host"};
        to.query("the migrated records", "SELECT source_store FROM migrated_records WHERE kind = 'course' AND site_id = "
                + "(SELECT id FROM courses WHERE name = ?)", rs -> origin[0] = "the records of store " + rs.getString(1),
                name);
        return Optional.of("the site already has a course named \"" + PrintableText.escaped(name) + "\" (" + other[0]
                + ", from " + origin[0] + "); a course name is unique in the site, and tmshost does not rename a course. "
                + "Agree with the clinic which course keeps the name; this one stays in " + source.where());
    }

    private List<Map<String, Object>> rows(MigrationKind.Table table, long id) {
        var rows = new ArrayList<Map<String, Object>>();
        from.query("the " + table.name() + " of record " + id, "SELECT * FROM " + table.name() + " WHERE "
                + table.key() + " = ? ORDER BY rowid", rs -> {
                    var meta = rs.getMetaData();
                    var row = new LinkedHashMap<String, Object>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnName(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                    }
                    rows.add(row);
                }, id);
        return rows;
    }

    /** A source row as the site stores it: its own id left to the site, its record's and every named id mapped. */
    private Map<String, Object> siteRow(MigrationKind.Table table, Map<String, Object> row, long recordSiteId) {
        var copy = new LinkedHashMap<>(row);
        if (table.ownId()) {
            copy.remove("id");
        }
        if (!table.key().equals("id")) {
            copy.put(table.key(), recordSiteId);
        }
        table.references().forEach((column, kind) -> {
            if (copy.get(column) instanceof Number named) {
                copy.put(column, siteId(kind, named.longValue()).orElseThrow());
            }
        });
        if (table.fillsHost() && copy.containsKey("host") && copy.get("host") == null) {
            copy.put("host", host);
        }
        return copy;
    }

    private static String insertSql(String table, Map<String, Object> row) {
        return "INSERT INTO " + table + "(" + String.join(", ", row.keySet()) + ") VALUES ("
                + String.join(", ", row.keySet().stream().map(c -> "?").toList()) + ")";
    }

    private Optional<Long> siteId(String kind, long sourceId) {
        return Optional.ofNullable(siteIds.getOrDefault(kind, Map.of()).get(sourceId));
    }

    private static String nounOf(String kind) {
        return MigrationKind.ALL.stream().filter(k -> k.name().equals(kind)).findFirst().map(MigrationKind::noun)
                .orElse(kind);
    }

    // --- checking ---

    /** The site's copy of one record against the source, and its seal in the site's chain. */
    private void check(MigrationKind kind, long sourceId, long siteId) {
        if (siteId == 0) {
            return; // a dry run's "would copy"
        }
        String which = kind.noun() + " " + sourceId + " (site " + kind.noun() + " " + siteId + ")";
        List<String> differ = MigratedContent.differences(
                MigratedContent.source(from, kind, sourceId, siteId, this::siteId, host),
                MigratedContent.site(to, kind, siteId));
        if (!differ.isEmpty()) {
            mismatches.add(which + ": the copy differs from the source: " + String.join("; ", differ));
            return;
        }
        RecordVerification sealed = siteChain.verify(kind.sealed(), siteId);
        if (sealed.fails()) {
            mismatches.add(which + ": its seal in the site FAILS: " + sealed.detail());
            return;
        }
        if (kind == MigrationKind.SESSION) {
            boolean[] overrides = {false};
            to.query("SELECT 1 FROM overrides WHERE session_id = ? LIMIT 1", rs -> overrides[0] = true, siteId);
            RecordVerification ofOverrides = siteChain.verify(ChainedKind.OVERRIDES, siteId);
            if (overrides[0] && ofOverrides.fails()) {
                mismatches.add(which + ": the seal of its overrides in the site FAILS: " + ofOverrides.detail());
                return;
            }
        }
        counts.get(kind.name()).verified++;
    }

    private List<MigrationReport.Tally> tallies() {
        var tallies = new ArrayList<MigrationReport.Tally>();
        counts.forEach((kind, c) -> tallies.add(new MigrationReport.Tally(kind, c.inSource, c.alreadyInSite,
                c.copiedNow, c.verified, c.leftOpen, c.notCopied)));
        return tallies;
    }
}
