package org.tmshost.record;

import org.tmshost.yaml.ContentDigest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hash chain that makes the record tamper-evident (issue 14): tmshost appends one entry to
 * {@code record_chain} each time it seals a record, with the record's {@link CanonicalContent}
 * digest, linked to the entry before it. A record written again by tmshost (a session's pulses
 * confirmed after it ended) is sealed again; the newest entry for a record is the one its content is
 * checked against. {@link #verifyAll} recomputes everything: an edited row no longer matches its
 * seal, a removed row or entry breaks a digest or a link, an inserted row belongs to no seal.
 *
 * <p>The chain has no secret key: it shows changes made with an SQLite tool, not those of someone
 * who recomputes every digest after the change. Callers hold the store's lock.
 */
final class RecordChain {
    static final String GENESIS = "0".repeat(64);
    static final String WRITTEN = "WRITTEN";
    static final String UPGRADE = "UPGRADE";

    private final StoreConnection db;

    RecordChain(StoreConnection db) {
        this.db = db;
    }

    /** Seals a record as tmshost wrote it: call inside the write's transaction, or right after it. */
    void seal(ChainedKind kind, long ref, Instant at) {
        append(kind, ref, WRITTEN, at);
    }

    /**
     * Seals a record tmshost copied from another store ({@code records migrate}, {@link SiteMigration})
     * as its seal there stood: one sealed at upgrade there (not verifiable before) stays so here, any
     * other is sealed as written. Call inside the copy's transaction.
     */
    void sealCopy(ChainedKind kind, long ref, boolean sealedAtUpgrade, Instant at) {
        append(kind, ref, sealedAtUpgrade ? UPGRADE : WRITTEN, at);
    }

    /**
     * Runs tmshost's {@code write} to a record and seals the record again unless it is still open.
     * A record that already failed its seal before the write is not sealed over: a write of
     * tmshost's own after an outside edit (a late device count, a hunt's late reading) must never
     * make that edit verify.
     */
    void write(ChainedKind kind, long ref, Instant at, StoreConnection.SqlWork write) throws java.sql.SQLException {
        boolean edited = latest(kind, ref).isPresent() && verify(kind, ref, false).fails();
        write.run();
        if (!edited && exists(kind, ref) && !open(kind).contains(ref)) {
            append(kind, ref, WRITTEN, at);
        }
    }

    /** Whether the record's own row (its kind's first part) is there. */
    private boolean exists(ChainedKind kind, long ref) {
        ChainedKind.Part own = kind.parts().get(0);
        boolean[] found = {false};
        db.query("SELECT 1 FROM " + own.table() + " WHERE " + own.key() + " = ? LIMIT 1", rs -> found[0] = true, ref);
        return found[0];
    }

    private void append(ChainedKind kind, long ref, String origin, Instant at) {
        String sections = CanonicalContent.serialize(CanonicalContent.of(db, kind, ref));
        String content = ContentDigest.sha256(sections);
        String sealedAt = at.toString();
        if (db.dialect() == Dialect.SQLITE) { // one writer at a time: SQLite's lock
            String prev = head();
            db.update("INSERT INTO record_chain(kind, ref, sections, content_sha256, origin, sealed_at, prev_digest, "
                    + "digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", kind.name(), ref, sections, content, origin, sealedAt,
                    prev, digest(prev, kind.name(), ref, content, origin, sealedAt));
            return;
        }
        // a site's hosts seal at once: one at a time under the chain's lock, or two would link to one head
        db.transaction(() -> {
            db.query("SELECT pg_advisory_xact_lock(" + SITE_CHAIN_LOCK + ")", rs -> { });
            long[] seq = {0};
            db.query("SELECT seq FROM chain_issued", rs -> seq[0] = rs.getLong(1) + 1);
            String prev = head();
            db.update("INSERT INTO record_chain(seq, kind, ref, sections, content_sha256, origin, sealed_at, "
                    + "prev_digest, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", seq[0], kind.name(), ref, sections,
                    content, origin, sealedAt, prev, digest(prev, kind.name(), ref, content, origin, sealedAt));
            db.update("UPDATE chain_issued SET seq = ?", seq[0]);
        });
    }

    /** The advisory lock a site's hosts take to append to the chain ("tmsc" in ASCII). */
    private static final long SITE_CHAIN_LOCK = 0x746d7363L;

    private String head() {
        String[] head = {GENESIS};
        db.query("SELECT digest FROM record_chain ORDER BY seq DESC LIMIT 1", rs -> head[0] = rs.getString(1));
        return head[0];
    }

    static String digest(String prev, String kind, long ref, String contentSha256, String origin, String sealedAt) {
        return ContentDigest.sha256(prev + "\n" + kind + "\n" + ref + "\n" + contentSha256 + "\n" + origin + "\n"
                + sealedAt);
    }

    /**
     * Once, after the migration that brought the chain: seals every finished record that existed
     * before it as {@value #UPGRADE}. Under the write lock, so two processes opening the store at once
     * seal once.
     */
    void sealAtUpgrade(Instant at) {
        if (upgradePending() == 0) {
            return; // read outside a transaction: an up-to-date store takes no write lock at open
        }
        db.transaction(() -> {
            // a write first, so that the write lock is taken (another process opening the store is waited out)
            // before anything is read: a read first holds a snapshot that the other's seal makes stale, and
            // SQLite then refuses the write at once (SQLITE_BUSY_SNAPSHOT) instead of waiting
            db.update("UPDATE chain_upgrade_pending SET pending = pending");
            if (upgradePending() == 0) {
                return; // the other process sealed them
            }
            for (ChainedKind kind : ChainedKind.ALL) {
                Set<Long> open = open(kind);
                for (long ref : ids(kind)) {
                    if (!open.contains(ref) && latest(kind, ref).isEmpty()) {
                        append(kind, ref, UPGRADE, at);
                    }
                }
            }
            db.update("DELETE FROM chain_upgrade_pending");
        });
    }

    private int upgradePending() {
        int[] pending = {0};
        db.query("SELECT COUNT(*) FROM chain_upgrade_pending", rs -> pending[0] = rs.getInt(1));
        return pending[0];
    }

    private record Entry(long seq, String kind, long ref, String sections, String contentSha256, String origin,
                         String sealedAt, String prevDigest, String digest) {
    }

    private Optional<Entry> latest(ChainedKind kind, long ref) {
        var found = new ArrayList<Entry>();
        db.query("the record chain", "SELECT seq, kind, ref, sections, content_sha256, origin, sealed_at, prev_digest, "
                + "digest FROM record_chain WHERE kind = ? AND ref = ? ORDER BY seq DESC LIMIT 1",
                rs -> found.add(entry(rs)), kind.name(), ref);
        return found.stream().findFirst();
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private List<Long> ids(ChainedKind kind) {
        var ids = new ArrayList<Long>();
        db.query("the " + kind.noun() + " ids", kind.idsSql() + " ORDER BY 1", rs -> ids.add(rs.getLong(1)));
        return ids;
    }

    private Set<Long> open(ChainedKind kind) {
        var open = new HashSet<Long>();
        kind.openSql().ifPresent(sql -> db.query(sql, rs -> open.add(rs.getLong(1))));
        return open;
    }

    // --- verifying ---

    /** One record against its newest seal. */
    RecordVerification verify(ChainedKind kind, long ref) {
        return verify(kind, ref, open(kind).contains(ref));
    }

    private RecordVerification verify(ChainedKind kind, long ref, boolean open) {
        Optional<Entry> sealed = latest(kind, ref);
        if (sealed.isEmpty()) {
            return open ? result(kind, ref, RecordVerification.Status.NOT_YET_SEALED, "")
                    : result(kind, ref, RecordVerification.Status.FAILS, "never sealed by tmshost: "
                    + (rowsNow(kind, ref) ? "written or ended outside tmshost" : "no such record"));
        }
        Entry entry = sealed.get();
        List<CanonicalContent.PartDigest> now = CanonicalContent.of(db, kind, ref);
        List<CanonicalContent.PartDigest> then = CanonicalContent.parse(entry.sections());
        var wrong = new ArrayList<String>();
        for (CanonicalContent.PartDigest part : now) {
            Optional<CanonicalContent.PartDigest> was = then.stream().filter(p -> p.table().equals(part.table())).findFirst();
            if (was.isEmpty()) {
                wrong.add(part.table() + " not sealed");
            } else if (part.rows() == 0 && was.get().rows() > 0) {
                wrong.add(part.table() + " removed (" + was.get().rows() + " row(s) sealed, none now)");
            } else if (part.rows() != was.get().rows()) {
                wrong.add(part.table() + " has " + part.rows() + " row(s), " + was.get().rows() + " sealed (rows "
                        + (part.rows() > was.get().rows() ? "inserted" : "removed") + ")");
            } else if (!part.sha256().equals(was.get().sha256())) {
                wrong.add(part.table() + " changed");
            }
        }
        for (CanonicalContent.PartDigest was : then) { // a part sealed only with rows is absent once they are all removed
            if (now.stream().noneMatch(p -> p.table().equals(was.table())) && was.rows() > 0) {
                wrong.add(was.table() + " removed (" + was.rows() + " row(s) sealed, none now)");
            }
        }
        if (!ContentDigest.sha256(entry.sections()).equals(entry.contentSha256())) {
            wrong.add("its seal (chain entry " + entry.seq() + ") was altered");
        }
        if (!wrong.isEmpty()) {
            return result(kind, ref, RecordVerification.Status.FAILS, String.join("; ", wrong) + " since sealed at "
                    + entry.sealedAt() + " (chain entry " + entry.seq() + ")");
        }
        return result(kind, ref, UPGRADE.equals(entry.origin()) ? RecordVerification.Status.SEALED_AT_UPGRADE
                : RecordVerification.Status.VERIFIED, "");
    }

    private boolean rowsNow(ChainedKind kind, long ref) {
        return CanonicalContent.of(db, kind, ref).stream().anyMatch(p -> p.rows() > 0);
    }

    private static RecordVerification result(ChainedKind kind, long ref, RecordVerification.Status status, String detail) {
        return new RecordVerification(kind.name(), kind.noun(), ref, status, detail);
    }

    /**
     * The whole chain and every record: each entry's digest and link, no entry missing at the end,
     * every sealed record as sealed, every record on file sealed (unless still being written).
     */
    List<RecordVerification> verifyAll() {
        var results = new ArrayList<RecordVerification>(verifyLinks());
        for (ChainedKind kind : ChainedKind.ALL) {
            Set<Long> refs = new java.util.TreeSet<>(ids(kind));
            db.query("SELECT DISTINCT ref FROM record_chain WHERE kind = ?", rs -> refs.add(rs.getLong(1)), kind.name());
            Set<Long> open = open(kind);
            for (long ref : refs) {
                results.add(verify(kind, ref, open.contains(ref)));
            }
        }
        db.query("SELECT seq, kind, ref FROM record_chain WHERE kind NOT IN (" + String.join(", ",
                ChainedKind.ALL.stream().map(k -> "'" + k.name() + "'").toList()) + ") ORDER BY seq",
                rs -> results.add(new RecordVerification("chain", "chain entry", rs.getLong(1),
                        RecordVerification.Status.FAILS, "seals an unknown kind '" + rs.getString(2) + "'")));
        return results;
    }

    private List<RecordVerification> verifyLinks() {
        var failures = new ArrayList<RecordVerification>();
        String[] expectedPrev = {GENESIS};
        long[] lastSeq = {0};
        db.query("the record chain", "SELECT seq, kind, ref, sections, content_sha256, origin, sealed_at, prev_digest, "
                + "digest FROM record_chain ORDER BY seq", rs -> {
                    Entry e = entry(rs);
                    if (!e.prevDigest().equals(expectedPrev[0])) {
                        failures.add(chainFailure(e.seq(), "does not link to the entry before it (an entry was "
                                + "removed, inserted or altered before " + e.seq() + ")"));
                    }
                    if (!digest(e.prevDigest(), e.kind(), e.ref(), e.contentSha256(), e.origin(), e.sealedAt())
                            .equals(e.digest())) {
                        failures.add(chainFailure(e.seq(), "its digest does not match its fields (altered)"));
                    }
                    expectedPrev[0] = e.digest();
                    lastSeq[0] = e.seq();
                });
        long[] issued = {0};
        db.query(db.dialect().issuedSql("record_chain", "seq"), rs -> issued[0] = rs.getLong(1));
        if (issued[0] > lastSeq[0]) {
            failures.add(chainFailure(issued[0], "entries " + (lastSeq[0] + 1) + " to " + issued[0]
                    + " were removed from the end of the chain"));
        }
        return failures;
    }

    private static RecordVerification chainFailure(long seq, String detail) {
        return new RecordVerification("chain", "chain entry", seq, RecordVerification.Status.FAILS, detail);
    }
}
