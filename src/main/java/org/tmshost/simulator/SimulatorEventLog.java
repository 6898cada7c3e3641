package org.tmshost.simulator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code simulate --log FILE}: one JSON object per line for every device event, flushed per line so
 * a HIL test can follow it while the simulator runs:
 * <pre>
 * {"event":"armed","atNanos":...}
 * {"event":"pulse","index":0,"atNanos":...,"outputPercentMso":40,"channel":0}
 * {"event":"pulse","index":1,"atNanos":...,"outputPercentMso":40,"channel":0,"simultaneous":true}   BiStim, interval 0
 * {"event":"disarmed","atNanos":...,"reason":"lease-expired"}     reasons: command, lease-expired, idle, fault, scenario
 * {"event":"fault","atNanos":...,"code":"coil-over-temperature","message":"..."}
 * </pre>
 * {@code atNanos} is the simulator's own monotonic clock.
 */
public final class SimulatorEventLog implements DeviceEventListener, Closeable {
    private final BufferedWriter out;

    public SimulatorEventLog(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void armed(long atNanos) {
        line(String.format(Locale.ROOT, "{\"event\":\"armed\",\"atNanos\":%d}", atNanos));
    }

    @Override
    public synchronized void disarmed(long atNanos, String reason) {
        line(String.format(Locale.ROOT, "{\"event\":\"disarmed\",\"atNanos\":%d,\"reason\":\"%s\"}", atNanos, json(reason)));
    }

    @Override
    public synchronized void pulse(int index, long atNanos, int outputPercentMso, int channel) {
        line(String.format(Locale.ROOT,
                "{\"event\":\"pulse\",\"index\":%d,\"atNanos\":%d,\"outputPercentMso\":%d,\"channel\":%d}",
                index, atNanos, outputPercentMso, channel));
    }

    @Override
    public synchronized void simultaneousPulse(int index, long atNanos, int outputPercentMso) {
        line(String.format(Locale.ROOT,
                "{\"event\":\"pulse\",\"index\":%d,\"atNanos\":%d,\"outputPercentMso\":%d,\"channel\":0,"
                        + "\"simultaneous\":true}", index, atNanos, outputPercentMso));
    }

    @Override
    public synchronized void fault(long atNanos, String code, String message) {
        line(String.format(Locale.ROOT, "{\"event\":\"fault\",\"atNanos\":%d,\"code\":\"%s\",\"message\":\"%s\"}",
                atNanos, json(code), json(message)));
    }

    private void line(String json) {
        try {
            out.write(json);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
