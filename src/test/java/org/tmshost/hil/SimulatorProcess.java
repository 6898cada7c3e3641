package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tmshost.record.TmsHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code tmshost simulate --profile P --pty PATH --log FILE [--scenario FILE]} in a process of its own,
 * as a lab's bench runs it: the device is not in the host's JVM, so the host's pauses (garbage
 * collection, safepoints, class unloading) do not stop the device's clock or its reading of the link.
 * In the host's JVM, one pause held both the host's pulse and the device's arrival stamp, and a pulse
 * sent 10 ms late was logged 12.6 ms after the host's record of it (fault matrix, 2026-11-29).
 * Waits poll the device's log, which it flushes per event.
 */
final class SimulatorProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path pty;
    private final Path log;
    private final Path output;

    private SimulatorProcess(Process process, Path pty, Path log, Path output) {
        this.process = process;
        this.pty = pty;
        this.log = log;
        this.output = output;
    }

    /** Starts the simulator of shipped profile {@code profileName} and waits until its pty is served. */
    static SimulatorProcess start(Path dir, String profileName, Optional<Path> scenario) throws IOException,
            InterruptedException {
        Path pty = dir.resolve("ttyTMS");
        Path log = dir.resolve("device-events.jsonl");
        Path output = dir.resolve("simulator-output.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseZGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0",
                "-D" + TmsHome.PROPERTY + "=" + dir.resolve("simulator-home"),
                "-cp", System.getProperty("java.class.path"), "org.tmshost.cli.TmsHostCommand", "simulate",
                "--profile", profileName, "--pty", pty.toString(), "--log", log.toString()));
        scenario.ifPresent(file -> command.addAll(List.of("--scenario", file.toAbsolutePath().toString())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        SimulatorProcess simulator = new SimulatorProcess(process, pty, log, output);
        long deadline = System.nanoTime() + START_TIMEOUT_MILLIS * 1_000_000;
        while (!(Files.exists(output) && Files.readString(output).contains("SIMULATION:"))) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                simulator.close();
                throw new IOException("tmshost simulate did not start: " + Files.readString(output));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return simulator;
    }

    Path pty() {
        return pty;
    }

    Path log() {
        return log;
    }

    /** The complete lines of the device's log (a line being written is left for the next read). */
    List<JsonNode> events() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log);
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /** Waits until the device is not armed (its last armed or disarmed event), at most {@code timeoutMillis}. */
    boolean awaitDisarmed(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (armed()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** Waits until no pulse was logged for {@code quietMillis} (a train running out), at most {@code timeoutMillis}. */
    boolean awaitQuiet(long quietMillis, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long pulses = pulses();
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < quietMillis * 1_000_000) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
            long now = pulses();
            if (now != pulses) {
                pulses = now;
                lastChange = System.nanoTime();
            }
        }
        return true;
    }

    private boolean armed() throws IOException {
        boolean armed = false;
        for (JsonNode event : events()) {
            String kind = event.get("event").asText();
            if (kind.equals("armed")) {
                armed = true;
            } else if (kind.equals("disarmed")) {
                armed = false;
            }
        }
        return armed;
    }

    private long pulses() throws IOException {
        return events().stream().filter(e -> e.get("event").asText().contains("pulse")).count();
    }

    /** Stops it as Ctrl-C does (its shutdown hook disarms and closes the pty). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
