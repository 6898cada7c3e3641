package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.record.HostLock;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.RecordVerification;
import org.tmshost.record.SessionExport;
import org.tmshost.record.TmsHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "records", description = "The record store itself: verify its hash chain, adopt a restored or new "
        + "database, migrate this host's records into a site database, export a pseudonymised research dataset.",
        subcommands = {RecordsCommand.Verify.class, RecordsCommand.Adopt.class,
        RecordsExportCommand.class, RecordsMigrateCommand.class})
final class RecordsCommand {
    @Command(name = "verify", description = {"Recompute the record's hash chain: every session, override, motor "
            + "threshold and hunt as tmshost sealed it (docs/records.md).",
            "Exit codes: 0 every record verifies; 6 a record or the chain FAILS (each is listed); "
                    + "4 the database is missing or not this home's."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Every record with its status.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<RecordVerification> results;
            try (RecordStore store = SessionsCommand.open()) {
                results = store.verifyRecords();
            }
            boolean fails = results.stream().anyMatch(RecordVerification::fails);
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RecordVerification r : results) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("kind", r.kind());
                    row.put("id", r.ref());
                    row.put("status", r.status().name());
                    row.put("detail", r.detail().isEmpty() ? null : r.detail());
                    rows.add(row);
                }
                out.println(SessionExport.json(rows));
            } else {
                results.stream().filter(RecordVerification::fails).forEach(r -> out.println("FAILS  " + r.noun() + " "
                        + r.ref() + ": " + r.detail()));
                Map<RecordVerification.Status, Integer> counts = new EnumMap<>(RecordVerification.Status.class);
                results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
                out.println((fails ? "records verify: " + counts.getOrDefault(RecordVerification.Status.FAILS, 0)
                        + " FAIL; " : "records verify: every record verifies; ")
                        + counts.getOrDefault(RecordVerification.Status.VERIFIED, 0) + " verified, "
                        + counts.getOrDefault(RecordVerification.Status.SEALED_AT_UPGRADE, 0)
                        + " sealed at upgrade (not verifiable before), "
                        + counts.getOrDefault(RecordVerification.Status.NOT_YET_SEALED, 0) + " not yet sealed (still open)");
            }
            out.flush();
            return fails ? ExitCode.RECORD_FAILS_VERIFICATION : ExitCode.OK;
        }
    }

    @Command(name = "adopt", description = {"Take the database now in $TMSHOST_HOME as this home's record, "
            + "deliberately: after restoring a backup, or to start a new record where the old one was lost (created if "
            + "missing). Ids continue above every id the home has given; the journals are kept."})
    static final class Adopt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TmsHome home = TmsHome.resolve();
            if (RecordsLocation.resolve(home, System.getProperty(RecordsLocation.PROPERTY), System.getenv())
                    instanceof RecordsLocation.SiteDatabase site) {
                spec.commandLine().getErr().println("error: adopt takes this host's own SQLite file; the records are the "
                        + "site database " + site.describe() + ", whose ids are the site's (run without --records and "
                        + "TMSHOST_RECORDS to adopt " + home.database() + ")");
                return ExitCode.BAD_INPUT;
            }
            Optional<HostLock> lock = HostLock.tryAcquire(home);
            if (lock.isEmpty()) { // a running session's database is never swapped under it
                spec.commandLine().getErr().println("error: another tmshost process is running with "
                        + home.directory() + "; adopt a database only while no session runs");
                return ExitCode.DEVICE_FAULT;
            }
            try (HostLock held = lock.get()) {
                spec.commandLine().getOut().println(RecordStore.adopt(home.database()));
                return ExitCode.OK;
            }
        }
    }
}
