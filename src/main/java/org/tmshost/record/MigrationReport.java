package org.tmshost.record;

import java.time.Duration;
import java.util.List;

/**
 * What {@code records migrate} did ({@link SiteMigration}): per kind of record, how many the source
 * has, how many the site already had from an earlier run, how many were copied now and how many of the
 * source's records the site holds exactly (content compared, seal verified); and what was not copied
 * and why, what differs, and what to look at.
 *
 * @param sourceFailures the source's records that fail {@code records verify}: nothing was copied then
 * @param refused        records not copied, each with why (a course name the site has from another host, a
 *                       record naming one not copied); the rest were copied
 * @param mismatches     records whose copy in the site differs from the source or fails its seal there
 * @param warnings       records left behind that a later run copies (still open), subjects to check
 */
public record MigrationReport(String source, String site, boolean dryRun, List<Tally> tallies,
                              List<RecordVerification> sourceFailures, List<String> refused, List<String> mismatches,
                              List<String> warnings, Duration took) {
    /**
     * One kind's counts.
     *
     * @param inSource      records of this kind in the source
     * @param alreadyInSite copied by an earlier run (subjects: already in the site, from any host)
     * @param copiedNow     copied by this run (a dry run: would be copied)
     * @param verified      the source's records the site now holds exactly, seal verified
     * @param leftOpen      still open in the source (being written, or left by a host that died): not copied
     * @param notCopied     refused ({@link #refused()})
     */
    public record Tally(String kind, int inSource, int alreadyInSite, int copiedNow, int verified, int leftOpen,
                        int notCopied) {
    }

    public MigrationReport {
        tallies = List.copyOf(tallies);
        sourceFailures = List.copyOf(sourceFailures);
        refused = List.copyOf(refused);
        mismatches = List.copyOf(mismatches);
        warnings = List.copyOf(warnings);
    }

    /** True when every record of the source is in the site, exactly (open ones aside: they are not records yet). */
    public boolean complete() {
        return sourceFailures.isEmpty() && refused.isEmpty() && mismatches.isEmpty();
    }

    /** The tally of {@code kind} ("session", "subject", ...). */
    public Tally tally(String kind) {
        return tallies.stream().filter(t -> t.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kind " + kind));
    }

    /** Records copied by this run, of every kind. */
    public int copiedNow() {
        return tallies.stream().mapToInt(Tally::copiedNow).sum();
    }

    /** The summary table, one line per kind. */
    public String table() {
        String format = "%-15s %9s %15s %10s %9s %9s %10s%n";
        StringBuilder out = new StringBuilder(String.format(format, "kind", "in source", "already in site",
                dryRun ? "would copy" : "copied now", "verified", "left open", "not copied"));
        for (Tally t : tallies) {
            out.append(String.format(format, t.kind(), t.inSource(), t.alreadyInSite(), t.copiedNow(),
                    t.verified(), t.leftOpen(), t.notCopied()));
        }
        return out.toString();
    }
}
