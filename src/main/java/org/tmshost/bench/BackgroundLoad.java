package org.tmshost.bench;

import org.tmshost.timing.FireJournal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What else runs in the JVM during a session, so that GC and safepoint pauses count in the bench:
 * a link thread (keep-alive every 500 ms and status polls every 10 ms, allocating reply buffers and
 * status strings, about 2 MB/s) and a recorder thread that drains the fire journal (and the probe)
 * every 50 ms into row objects, as the SQLite importer would.
 */
final class BackgroundLoad implements AutoCloseable {
    record PulseRow(int pulse, long plannedNanos, long actualNanos, String note) {
    }

    private final Thread link;
    private final Thread recorder;
    private volatile boolean running = true;
    private volatile FireJournal journal;
    private volatile ProbeTrigger probe;
    private volatile long keepAlives;
    private volatile long rowsRecorded;
    volatile Object sink;

    BackgroundLoad() {
        link = new Thread(this::linkLoop, "tmshost-link");
        recorder = new Thread(this::recorderLoop, "tmshost-recorder");
        link.setDaemon(true);
        recorder.setDaemon(true);
        link.start();
        recorder.start();
    }

    /** What the recorder drains now; null for none. */
    void watch(FireJournal journal, ProbeTrigger probe) {
        this.journal = journal;
        this.probe = probe;
    }

    private void linkLoop() {
        long nextKeepAlive = System.nanoTime();
        while (running) {
            byte[] reply = new byte[16 * 1024 + ThreadLocalRandom.current().nextInt(8 * 1024)];
            reply[reply.length - 1] = 1;
            sink = String.format(Locale.ROOT, "status coil=%.1fC charge=%d%% ok=%b", 25 + reply.length % 7 / 10.0,
                    reply.length % 100, reply[reply.length - 1] == 1);
            if (System.nanoTime() - nextKeepAlive >= 0) {
                List<String> lease = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    lease.add("keep-alive " + i + " @" + System.nanoTime());
                }
                sink = lease;
                keepAlives++;
                nextKeepAlive += TimeUnit.MILLISECONDS.toNanos(500);
            }
            pause(10);
        }
    }

    private void recorderLoop() {
        int journalDrained = 0;
        int probeDrained = 0;
        FireJournal lastJournal = null;
        ProbeTrigger lastProbe = null;
        while (running) {
            FireJournal j = journal;
            ProbeTrigger p = probe;
            if (j != lastJournal) {
                journalDrained = 0;
                lastJournal = j;
            }
            if (p != lastProbe) {
                probeDrained = 0;
                lastProbe = p;
            }
            List<PulseRow> batch = new ArrayList<>();
            if (j != null) {
                for (int count = j.count(); journalDrained < count; journalDrained++) {
                    batch.add(new PulseRow(j.pulseIndex(journalDrained), j.plannedNanos(journalDrained),
                            j.actualNanos(journalDrained), "journal"));
                }
            }
            if (p != null) {
                for (int count = p.published(); probeDrained < count; probeDrained++) {
                    batch.add(new PulseRow(probeDrained, 0, p.firedAtNanos(probeDrained), "probe " + probeDrained));
                }
            }
            rowsRecorded += batch.size();
            sink = batch;
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long keepAlives() {
        return keepAlives;
    }

    long rowsRecorded() {
        return rowsRecorded;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        link.join(2_000);
        recorder.join(2_000);
    }
}
