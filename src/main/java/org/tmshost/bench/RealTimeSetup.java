package org.tmshost.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Optional: puts the calling thread (the pulse thread, from {@code PulseScheduler.Builder.onThreadStart})
 * into SCHED_FIFO with {@code chrt} and/or pins it with {@code taskset}, when the OS allows it (root or
 * CAP_SYS_NICE, util-linux installed). Failure is reported, never fatal: tmshost never requires it.
 */
final class RealTimeSetup implements Runnable {
    private final int fifoPriority;
    private final int cpu;
    volatile String outcome = "not applied";

    /**
     * @param fifoPriority SCHED_FIFO priority 1..99, or 0 for none
     * @param cpu          core to pin to, or -1 for none
     */
    RealTimeSetup(int fifoPriority, int cpu) {
        this.fifoPriority = fifoPriority;
        this.cpu = cpu;
    }

    boolean requested() {
        return fifoPriority > 0 || cpu >= 0;
    }

    @Override
    public void run() {
        if (!requested()) {
            return;
        }
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            List<String> done = new ArrayList<>();
            if (fifoPriority > 0) {
                exec("chrt", "-f", "-p", Integer.toString(fifoPriority), tid);
                done.add("SCHED_FIFO " + fifoPriority);
            }
            if (cpu >= 0) {
                exec("taskset", "-p", "-c", Integer.toString(cpu), tid);
                done.add("CPU " + cpu);
            }
            outcome = String.join(", ", done) + " (tid " + tid + ")";
        } catch (IOException | InterruptedException | IllegalStateException e) {
            outcome = "failed: " + e.getMessage();
        }
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output.trim());
        }
    }
}
