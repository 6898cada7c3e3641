package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.record.HostLock;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.MigrationReport;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.SiteMigration;
import org.tmshost.record.TmsHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code tmshost records migrate --to URL} (contracts.md §8, docs/records.md). */
@Command(name = "migrate", description = {"Copy this host's own SQLite records ($TMSHOST_HOME/records.db) into a "
        + "site database, exactly: sessions, hunts, thresholds, subjects, courses, measurements, the users' audit "
        + "and limits installations, with new site ids, each sealed in the site's hash chain and compared with the "
        + "source. Run again at any time: it copies only what is new, and goes on where a stopped run stopped.",
        "Exit codes: 0 every record is in the site, verified; 3 a record was refused (a course name the site has "
                + "from another host), the rest copied; 6 this host's records fail 'records verify' (nothing "
                + "copied) or a copy differs from its source; 4 another tmshost runs with this home, or the site "
                + "is out of reach; 2 a bad URL or password file."})
final class RecordsMigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "The site database: postgresql://HOST[:PORT]/DB?user=NAME[&sslmode=...], the password in "
                    + "$TMSHOST_RECORDS_PASSWORD_FILE (owner-only) or $TMSHOST_RECORDS_PASSWORD.")
    String to;

    @Option(names = "--dry-run", description = "Say what would be copied; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordsLocation.SiteDatabase site = RecordsLocation.parse(to);
        TmsHome home = TmsHome.resolve();
        if (!Files.isRegularFile(home.database())) {
            err.println("error: no records to migrate: " + home.database() + " does not exist (is TMSHOST_HOME this "
                    + "host's home?)");
            return ExitCode.BAD_INPUT;
        }
        Optional<HostLock> lock = HostLock.tryAcquire(home);
        if (lock.isEmpty()) { // a session running now is still being written
            err.println("error: another tmshost process is running with " + home.directory() + "; migrate its "
                    + "records while no session runs");
            return ExitCode.DEVICE_FAULT;
        }
        MigrationReport report;
        try (HostLock held = lock.get(); RecordStore source = RecordStore.open(home.database())) {
            if (!dryRun) { // as every start does: a session left open by a tmshost that died is closed first
                for (InterruptedSessions.Recovered r : InterruptedSessions.closeAll(source, Instant.now())) {
                    out.println("recovered session " + r.sessionId() + " as " + r.state() + " before copying it");
                }
            }
            try (RecordStore target = RecordStore.open(home, site, System.getenv())) {
                report = SiteMigration.migrate(source, target, dryRun);
            }
        }
        return print(report, out);
    }

    private int print(MigrationReport report, PrintWriter out) {
        out.println("records migrate" + (report.dryRun() ? " (dry run, nothing written)" : "") + ": from "
                + report.source() + " to " + report.site());
        if (!report.sourceFailures().isEmpty()) {
            report.sourceFailures().forEach(r -> out.println("FAILS  " + r.noun() + " " + r.ref() + ": " + r.detail()));
            out.println("records migrate: refused: " + report.sourceFailures().size() + " of this host's records fail "
                    + "'records verify'; nothing was copied. A record changed outside tmshost is not carried into the "
                    + "site as if genuine: resolve it first (docs/records.md)");
            out.flush();
            return ExitCode.RECORD_FAILS_VERIFICATION;
        }
        out.print(report.table());
        report.warnings().forEach(w -> out.println("warning: " + w));
        report.refused().forEach(r -> out.println("refused: " + r));
        report.mismatches().forEach(m -> out.println("DIFFERS  " + m));
        String took = String.format(Locale.ROOT, "%.1f s", report.took().toMillis() / 1000.0);
        if (report.dryRun()) {
            out.println("records migrate: would copy " + report.copiedNow() + " record(s) (" + took + ")");
        } else if (report.complete()) {
            out.println("records migrate: copied " + report.copiedNow() + " record(s) in " + took + "; every record of "
                    + "this host is in the site, verified");
        } else {
            out.println("records migrate: copied " + report.copiedNow() + " record(s) in " + took + "; "
                    + report.mismatches().size() + " differ, " + report.refused().size() + " refused");
        }
        out.flush();
        if (!report.mismatches().isEmpty()) {
            return ExitCode.RECORD_FAILS_VERIFICATION;
        }
        return report.refused().isEmpty() ? ExitCode.OK : ExitCode.SAFETY_REFUSED;
    }
}
