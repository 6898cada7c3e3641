package org.tmshost.record;

import org.tmshost.yaml.PrintableText;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Exports of one or more sessions in one table or one JSON array: a subject's sessions for R or
 * pandas ({@code sessions export --subject}), or one session. Per pulse (tidy: one row per pulse,
 * session columns repeated) or per session ({@code --summary}).
 */
public final class SessionsExport {
    private final RecordStore store;
    private final List<SessionRow> sessions;
    private final ZoneId zone;
    private final boolean one;

    private SessionsExport(RecordStore store, List<SessionRow> sessions, ZoneId zone, boolean one) {
        this.store = store;
        this.sessions = List.copyOf(sessions);
        this.zone = zone;
        this.one = one;
    }

    /** One session: its JSON is one object, as before there were subject exports. */
    public static SessionsExport session(RecordStore store, SessionRow session, ZoneId zone) {
        return new SessionsExport(store, List.of(session), zone, true);
    }

    /**
     * Every session of the subject {@code rawId} names, read as every door reads an id
     * ({@link SubjectId#of}), in session order; refused when no session is recorded for it.
     */
    public static SessionsExport subject(RecordStore store, String rawId, ZoneId zone) {
        String id = SubjectId.of(rawId).value();
        List<SessionRow> all = store.allSessions();
        List<SessionRow> own = all.stream().filter(s -> s.subjectId().equals(id)).toList();
        if (own.isEmpty()) {
            throw new SubjectIdRefused(noSessions(rawId, id, all));
        }
        return new SessionsExport(store, own.stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList(), zone,
                false);
    }

    private static String noSessions(String raw, String id, List<SessionRow> all) {
        String skeleton = SubjectId.skeleton(id);
        TreeSet<String> resembling = new TreeSet<>();
        all.forEach(s -> {
            if (SubjectId.skeleton(s.subjectId()).equals(skeleton)) {
                resembling.add("\"" + PrintableText.escaped(s.subjectId()) + "\"");
            }
        });
        return "no session is recorded for subject \"" + PrintableText.escaped(id) + "\""
                + (id.equals(raw) ? "" : " (as entered: \"" + PrintableText.escaped(raw) + "\")")
                + (resembling.isEmpty() ? "" : "; recorded subjects that resemble it: " + String.join(", ", resembling))
                + "; 'tmshost sessions' lists every session with its subject";
    }

    public List<SessionRow> sessions() {
        return sessions;
    }

    /** One row per pulse of every session ({@link PulseExport#COLUMNS}). */
    public String pulsesCsv() {
        CsvTable table = new CsvTable(PulseExport.COLUMNS);
        sessions.forEach(s -> PulseExport.of(store, s, zone).addTo(table));
        return table.text();
    }

    /** A subject's: an array of session records, each as {@code sessions export ID --format json} writes one. */
    public String sessionsJson() {
        List<Map<String, Object>> records = sessions.stream().map(s -> SessionExport.record(store, s, zone)).toList();
        return SessionExport.json(one ? records.get(0) : records);
    }

    /** One row per session ({@link SessionSummaryExport#COLUMNS}). */
    public String summaryCsv() {
        CsvTable table = new CsvTable(SessionSummaryExport.COLUMNS);
        sessions.forEach(s -> table.add(SessionSummaryExport.row(store, s, zone)));
        return table.text();
    }

    /** A subject's: an array of session summaries; one session's: its summary object. */
    public String summaryJson() {
        List<Map<String, Object>> rows = sessions.stream().map(s -> SessionSummaryExport.json(store, s)).toList();
        return SessionExport.json(one ? rows.get(0) : rows);
    }
}
