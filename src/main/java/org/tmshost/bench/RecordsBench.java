package org.tmshost.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.tmshost.record.FailureChain;
import org.tmshost.record.JournalImporter;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordException;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;
import org.tmshost.timing.FireJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code tmshost bench records} (docs/records.md): what the recorder's path costs on a store. Pulses
 * go the way a session's go: a producer thread (the pulse thread's stand-in) appends them to a
 * memory-mapped {@link FireJournal}, and a recorder loop imports them with {@link JournalImporter}
 * into a session record of their own. Three runs per store:
 * <ul>
 *   <li>{@link Kind#CEILING}: the producer at full speed, the importer round after round with no pause,
 *       so batches are as large as the backlog: the pulses per second the store takes, sustained;</li>
 *   <li>{@link Kind#STEADY}: the producer at a session's rate, the importer every recorder period as the
 *       session's recorder runs it; per pulse, the time from its journal entry to the return of the
 *       import transaction that committed it (durable: SQLite's WAL with synchronous=FULL, PostgreSQL's
 *       synchronous commit);</li>
 *   <li>{@link Kind#RESTART} (a site database, with a restart action): as STEADY, with the server
 *       restarted when half the pulses are journaled; the recorder keeps trying while it is out of
 *       reach, as a session's does.</li>
 * </ul>
 * After each run the store must hold exactly the journal's pulses, each index once, and importing the
 * whole journal again must add nothing. Times are {@link System#nanoTime()}.
 */
public final class RecordsBench {
    public static final int DEFAULT_PULSES = 1_500;
    public static final int DEFAULT_CEILING_PULSES = 50_000;
    public static final double DEFAULT_RATE_HZ = 50;
    /** A run gives up on the store this long after its last pulse was journaled and its restart returned. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(120);
    /** The most pulses a run journals (a 32-byte entry each). */
    public static final int MAX_PULSES = 10_000_000;
    private static final int OUTPUT_PERCENT_MSO = 40;
    private static final long IDLE_PARK_NANOS = 100_000;

    /**
     * @param ceilingPulses  pulses of the full-speed run
     * @param pulses         pulses of each paced run
     * @param rateHz         the paced runs' pulse rate
     * @param recorderPeriod how long the recorder parks between imports (a session's: 50 ms)
     * @param patience       how long a run waits for the store after its last pulse and its restart
     */
    public record Settings(int ceilingPulses, int pulses, double rateHz, Duration recorderPeriod, Duration patience) {
        public Settings {
            if (ceilingPulses < 1 || ceilingPulses > MAX_PULSES || pulses < 2 || pulses > MAX_PULSES) {
                throw new IllegalArgumentException("pulses must be in 2.." + MAX_PULSES + " and ceiling pulses in 1.."
                        + MAX_PULSES + ", were " + pulses + " and " + ceilingPulses);
            }
            if (!(rateHz > 0 && rateHz <= 10_000)) {
                throw new IllegalArgumentException("the rate must be in (0, 10000] Hz, was " + rateHz);
            }
            if (recorderPeriod.isNegative() || recorderPeriod.isZero() || patience.isNegative()) {
                throw new IllegalArgumentException("the recorder period must be positive and the patience not negative");
            }
        }

        public static Settings defaults(Duration recorderPeriod) {
            return new Settings(DEFAULT_CEILING_PULSES, DEFAULT_PULSES, DEFAULT_RATE_HZ, recorderPeriod, DEFAULT_PATIENCE);
        }

        long pulsePeriodNanos() {
            return Math.round(1e9 / rateHz);
        }
    }

    /** What a run does. */
    public enum Kind {
        /** The producer at full speed, the importer without pause. */
        CEILING,
        /** The producer at the rate, the importer every recorder period. */
        STEADY,
        /** As STEADY, the server restarted mid-run. */
        RESTART
    }

    /**
     * The store against the journal after a run: every journaled pulse on record once ({@code distinct}
     * counts the journal's indices found; {@code onRecord} every row, so a duplicate would show), and
     * whether importing the whole journal again added nothing. {@code onRecord} is -1 when the record
     * could not be read back.
     */
    public record Verification(int journaled, int onRecord, int distinct, boolean reimportAddedNothing) {
        public boolean exactlyOnce() {
            return onRecord == journaled && distinct == journaled && reimportAddedNothing;
        }

        String words() {
            if (onRecord < 0) {
                return "not read back";
            }
            if (exactlyOnce()) {
                return journaled + "/" + journaled + " once";
            }
            List<String> wrong = new ArrayList<>();
            if (distinct < journaled) {
                wrong.add((journaled - distinct) + " missing");
            }
            if (onRecord > distinct) {
                wrong.add((onRecord - distinct) + " extra");
            }
            if (!reimportAddedNothing) {
                wrong.add("re-import added rows");
            }
            return distinct + "/" + journaled + " FAILS: " + String.join(", ", wrong);
        }
    }

    /**
     * The restart: when it began (after the run's first pulse), how long the action took, and its
     * failure in words if it threw.
     */
    public record Restart(long atNanos, long tookNanos, Optional<String> failure) {
    }

    /**
     * One run on one store. {@code latencyMicros}: journal entry to durable commit, per pulse (empty
     * for {@link Kind#CEILING}, where it is only the backlog's age); {@code longestGapNanos}: the
     * longest time without a committed batch, from the first pulse; {@code outOfReachRounds}: imports
     * that found the server out of reach; {@code failure}: what stopped the run early (a write the
     * store refused for good, which would trip a session, or the patience running out).
     */
    public record Run(String store, Kind kind, int pulses, double rateHz, double pulsesPerSecond, long batches,
                      long busyNanos, long longestBatchNanos, Histogram latencyMicros, long longestGapNanos, int outOfReachRounds,
                      Optional<Restart> restart, Verification verified, Optional<String> failure) {
        /** The mean time of one import transaction. */
        public long meanBatchNanos() {
            return batches == 0 ? 0 : busyNanos / batches;
        }

        /** The record holds exactly the journal's pulses and the run was not stopped early. */
        public boolean ok() {
            return verified.exactlyOnce() && failure.isEmpty();
        }

        String label() {
            String rate = String.format(Locale.ROOT, "%s Hz", trim(rateHz));
            return switch (kind) {
                case CEILING -> "full speed";
                case STEADY -> rate;
                case RESTART -> rate + ", restart";
            };
        }
    }

    /** One store's runs, and what was not run on it and why. */
    public record StoreResult(String store, String location, List<Run> runs, List<String> notes) {
        public StoreResult {
            runs = List.copyOf(runs);
            notes = List.copyOf(notes);
        }
    }

    private final Settings settings;

    public RecordsBench(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The runs on one open store, its journals in {@code journals}; the restart run only with a
     * {@code restart} action (which must return once the server is back, or throw).
     *
     * @param name what the tables call the store ({@code sqlite}, {@code site})
     */
    public StoreResult measure(String name, String location, RecordStore store, Path journals,
                               Optional<Runnable> restart) throws IOException, InterruptedException {
        String subject = "bench-records-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        List<Run> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        runs.add(run(name, store, journals, subject, Kind.CEILING, null));
        runs.add(run(name, store, journals, subject, Kind.STEADY, null));
        if (restart.isPresent()) {
            runs.add(run(name, store, journals, subject, Kind.RESTART, restart.get()));
        } else {
            notes.add(name + ": no restart run (" + (name.equals("sqlite") ? "a local file has no server to restart"
                    : "no --restart-command") + ")");
        }
        return new StoreResult(name, location, runs, notes);
    }

    /**
     * The bench on this host's SQLite records (in a home of its own under {@code scratch}) and, when
     * {@code site} names one, on the site database (with a home of its own too, so this host's home
     * is not touched); {@code scratch} is deleted after.
     */
    public List<StoreResult> run(Path scratch, Optional<RecordsLocation.SiteDatabase> site, Map<String, String> env,
                                 Optional<Runnable> restart) throws IOException, InterruptedException {
        List<StoreResult> results = new ArrayList<>();
        try {
            TmsHome local = new TmsHome(scratch.resolve("sqlite"));
            Files.createDirectories(local.journals());
            try (RecordStore store = RecordStore.open(local, new RecordsLocation.LocalFile(local.database()), env)) {
                results.add(measure("sqlite", local.database() + " (scratch, deleted after the bench)", store,
                        local.journals(), Optional.empty()));
            }
            if (site.isPresent()) {
                TmsHome home = new TmsHome(scratch.resolve("site"));
                Files.createDirectories(home.journals());
                try (RecordStore store = RecordStore.open(home, site.get(), env)) {
                    results.add(measure("site", site.get().describe(), store, home.journals(), restart));
                }
            }
            return results;
        } finally {
            delete(scratch);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Run run(String storeName, RecordStore store, Path journals, String subject, Kind kind, Runnable restart)
            throws IOException, InterruptedException {
        int pulses = kind == Kind.CEILING ? settings.ceilingPulses() : settings.pulses();
        boolean paced = kind != Kind.CEILING;
        long sessionId = store.createSession(new NewSession(subject, "bench", "bench records " + kind.name().toLowerCase(
                Locale.ROOT), "bench records: no protocol", "none", "-", "-", "bench:records", true, "BENCH", pulses),
                Instant.now());
        FireJournal journal = FireJournal.mapped(journals.resolve("bench-" + storeName + "-" + sessionId + ".journal"),
                pulses);
        long t0 = System.nanoTime();
        JournalImporter importer = new JournalImporter(journal, store, sessionId, t0);
        Producer producer = new Producer(journal, pulses, paced ? settings.pulsePeriodNanos() : 0, t0);
        RestartThread restarting = null;
        Histogram latency = new Histogram(3_600_000_000L, 3);
        int outOfReach = 0;
        String failure = null;
        long lastCommit = 0;
        long longestGap = 0;
        long firstPulse = 0;
        producer.start();
        while (importer.imported() < pulses) {
            if (restart != null && restarting == null && journal.count() >= pulses / 2) {
                restarting = new RestartThread(restart);
                restarting.start();
            }
            int before = importer.imported();
            try {
                importer.importAvailable();
            } catch (RecordException e) {
                if (!e.unreachable()) { // a session would trip here
                    failure = "the store refused a write: " + FailureChain.describe(e);
                    break;
                }
                outOfReach++;
            }
            long now = System.nanoTime();
            int after = importer.imported();
            if (after > before) {
                if (before == 0) {
                    firstPulse = journal.actualNanos(0);
                    lastCommit = firstPulse;
                }
                for (int entry = before; entry < after && paced; entry++) {
                    latency.recordValue(Math.max(0, (now - journal.actualNanos(entry)) / 1_000));
                }
                longestGap = Math.max(longestGap, now - lastCommit);
                lastCommit = now;
            }
            if (producer.finishedAt() != 0 && (restarting == null || restarting.tookNanos() != 0)
                    && now - Math.max(producer.finishedAt(), restarting == null ? 0 : restarting.endedAt())
                    > settings.patience().toNanos()) {
                failure = "the store had " + after + " of " + pulses + " pulses " + settings.patience().toSeconds()
                        + " s after the last was journaled";
                break;
            }
            if (paced) {
                LockSupport.parkNanos(settings.recorderPeriod().toNanos()); // as the session's recorder
            } else if (after == before) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        producer.halt();
        producer.join();
        if (restarting != null) {
            restarting.join();
        }
        double seconds = (lastCommit - firstPulse) / 1e9;
        double perSecond = seconds > 0 ? importer.imported() / seconds : Double.NaN;
        Verification verified;
        try {
            verified = verify(store, journal, sessionId, t0);
        } catch (RecordException e) {
            verified = new Verification(journal.count(), -1, 0, false);
            failure = failure != null ? failure : "could not read the record back: " + FailureChain.describe(e);
        }
        try {
            store.endSession(sessionId, "PREPARED", "ABORTED", "bench records: a benchmark's pulses, no device and no "
                    + "subject", "bench", Instant.now());
        } catch (RecordException e) {
            failure = failure != null ? failure : "could not end the bench session: " + FailureChain.describe(e);
        }
        Optional<Restart> restarted = restarting == null ? Optional.empty() : Optional.of(new Restart(
                restarting.startedAt() - journal.actualNanos(0), restarting.tookNanos(), restarting.failure()));
        return new Run(storeName, kind, journal.count(), settings.rateHz(), perSecond, importer.batches(),
                importer.busyNanos(), importer.longestBatchNanos(), latency, longestGap, outOfReach, restarted, verified,
                Optional.ofNullable(failure));
    }

    /** Reads the session's pulses back, then imports the whole journal again with a new importer. */
    private static Verification verify(RecordStore store, FireJournal journal, long sessionId, long t0) {
        int journaled = journal.count();
        List<PulseRow> rows = store.pulses(sessionId);
        BitSet found = new BitSet(journaled);
        for (PulseRow row : rows) {
            if (row.index() >= 0 && row.index() < journaled) {
                found.set(row.index());
            }
        }
        new JournalImporter(journal, store, sessionId, t0).importAvailable();
        int afterReimport = store.pulses(sessionId).size();
        return new Verification(journaled, rows.size(), found.cardinality(), afterReimport == rows.size());
    }

    /** The pulse thread's stand-in: appends pulses to the journal, paced or at full speed. */
    private static final class Producer extends Thread {
        private final FireJournal journal;
        private final int pulses;
        private final long periodNanos;
        private final long t0;
        private volatile boolean halted;
        private volatile long finishedAt;

        Producer(FireJournal journal, int pulses, long periodNanos, long t0) {
            super("bench-records-pulses");
            setDaemon(true);
            this.journal = journal;
            this.pulses = pulses;
            this.periodNanos = periodNanos;
            this.t0 = t0;
        }

        @Override
        public void run() {
            for (int i = 0; i < pulses && !halted; i++) {
                long due = t0 + i * periodNanos;
                for (long wait = due - System.nanoTime(); wait > 0 && !halted; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.nanoTime();
                journal.append(i, periodNanos == 0 ? now : due, now, OUTPUT_PERCENT_MSO, 0);
            }
            finishedAt = System.nanoTime();
        }

        void halt() {
            halted = true;
        }

        long finishedAt() {
            return finishedAt;
        }
    }

    /** Runs the restart action off the recorder's thread, which goes on importing meanwhile. */
    private static final class RestartThread extends Thread {
        private final Runnable action;
        private volatile long startedAt;
        private volatile long endedAt;
        private volatile String failure;

        RestartThread(Runnable action) {
            super("bench-records-restart");
            setDaemon(true);
            this.action = action;
        }

        @Override
        public void run() {
            startedAt = System.nanoTime();
            try {
                action.run();
            } catch (RuntimeException e) {
                failure = FailureChain.describe(e);
            } finally {
                endedAt = System.nanoTime();
            }
        }

        long startedAt() {
            return startedAt;
        }

        long endedAt() {
            return endedAt;
        }

        /** 0 until the action returned. */
        long tookNanos() {
            return endedAt == 0 ? 0 : endedAt - startedAt;
        }

        Optional<String> failure() {
            return Optional.ofNullable(failure);
        }
    }

    // --- reports ---

    public static String table(Settings settings, List<StoreResult> stores) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "bench records: %d pulses at full speed; %d pulses at %s Hz, the recorder "
                        + "every %d ms; %d cores%n", settings.ceilingPulses(), settings.pulses(), trim(settings.rateHz()),
                settings.recorderPeriod().toMillis(), Runtime.getRuntime().availableProcessors()));
        out.append("latency: a pulse's journal entry to the commit of the batch that holds it (durable); batch ms: the "
                + "mean import transaction; gap ms: the longest time without a commit\n");
        out.append(String.format(Locale.ROOT, "%-7s %-16s %10s %8s %9s %8s %8s %8s %8s  %s%n", "store", "run",
                "pulses/s", "batches", "batch ms", "p50 ms", "p99 ms", "max ms", "gap ms", "pulses on record"));
        for (StoreResult store : stores) {
            for (Run r : store.runs()) {
                Histogram h = r.latencyMicros();
                boolean latency = h.getTotalCount() > 0;
                out.append(String.format(Locale.ROOT, "%-7s %-16s %10s %8d %9s %8s %8s %8s %8s  %s%n", r.store(),
                        r.label(), Double.isNaN(r.pulsesPerSecond()) ? "-"
                                : String.format(Locale.ROOT, "%.0f", r.pulsesPerSecond()),
                        r.batches(), millis(r.meanBatchNanos() / 1_000), latency ? millis(h.getValueAtPercentile(50)) : "-",
                        latency ? millis(h.getValueAtPercentile(99)) : "-", latency ? millis(h.getMaxValue()) : "-",
                        r.kind() == Kind.CEILING ? "-" : millis(r.longestGapNanos() / 1_000), r.verified().words()));
            }
        }
        for (StoreResult store : stores) {
            out.append(store.store()).append(": ").append(store.location()).append('\n');
            for (Run r : store.runs()) {
                r.restart().ifPresent(restart -> out.append(String.format(Locale.ROOT,
                        "  restart at %.1f s into the run, took %.2f s%s; %d import(s) found the server out of reach%n",
                        restart.atNanos() / 1e9, restart.tookNanos() / 1e9,
                        restart.failure().map(f -> ", FAILED: " + f).orElse(""), r.outOfReachRounds())));
                r.failure().ifPresent(f -> out.append("  ").append(r.label()).append(": ").append(f).append('\n'));
            }
            store.notes().forEach(note -> out.append("  ").append(note).append('\n'));
        }
        return out.toString();
    }

    public static String json(Settings settings, List<StoreResult> stores) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("ceilingPulses", settings.ceilingPulses()).put("pulses", settings.pulses())
                .put("rateHz", settings.rateHz()).put("recorderPeriodMillis", settings.recorderPeriod().toMillis());
        ArrayNode list = root.putArray("stores");
        for (StoreResult store : stores) {
            ObjectNode s = list.addObject().put("store", store.store()).put("location", store.location());
            ArrayNode runs = s.putArray("runs");
            for (Run r : store.runs()) {
                ObjectNode run = runs.addObject().put("run", r.kind().name().toLowerCase(Locale.ROOT))
                        .put("pulses", r.pulses()).put("batches", r.batches())
                        .put("meanBatchMicros", r.meanBatchNanos() / 1_000)
                        .put("longestBatchMicros", r.longestBatchNanos() / 1_000);
                if (Double.isNaN(r.pulsesPerSecond())) {
                    run.putNull("pulsesPerSecond");
                } else {
                    run.put("pulsesPerSecond", Math.round(r.pulsesPerSecond() * 10) / 10.0);
                }
                Histogram h = r.latencyMicros();
                if (h.getTotalCount() > 0) {
                    run.putObject("latencyMicros").put("p50", h.getValueAtPercentile(50))
                            .put("p99", h.getValueAtPercentile(99)).put("max", h.getMaxValue());
                    run.put("longestGapMicros", r.longestGapNanos() / 1_000);
                } else {
                    run.putNull("latencyMicros");
                }
                run.put("outOfReachRounds", r.outOfReachRounds());
                r.restart().ifPresent(restart -> {
                    ObjectNode rs = run.putObject("restart").put("atMicros", restart.atNanos() / 1_000)
                            .put("tookMicros", restart.tookNanos() / 1_000);
                    restart.failure().ifPresentOrElse(f -> rs.put("failure", f), () -> rs.putNull("failure"));
                });
                Verification v = r.verified();
                run.putObject("verified").put("journaled", v.journaled()).put("onRecord", v.onRecord())
                        .put("distinct", v.distinct()).put("reimportAddedNothing", v.reimportAddedNothing())
                        .put("exactlyOnce", v.exactlyOnce());
                r.failure().ifPresentOrElse(f -> run.put("failure", f), () -> run.putNull("failure"));
            }
            ArrayNode notes = s.putArray("notes");
            store.notes().forEach(notes::add);
        }
        return root.toString();
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1_000.0);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
