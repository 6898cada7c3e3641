package org.tmshost.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat ({@code apt-get install socat}): what is written to
 * one end is read from the other, through the kernel's tty layer as with a real serial port.
 */
public final class SocatPtyPair implements AutoCloseable {
    private final Process socat;
    private final Path host;
    private final Path device;

    private SocatPtyPair(Process socat, Path host, Path device) {
        this.socat = socat;
        this.host = host;
        this.device = device;
    }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    public static SocatPtyPair create(Path directory) throws IOException, InterruptedException {
        Path host = directory.resolve("ttyHOST");
        Path device = directory.resolve("ttyDEV");
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + host,
                "pty,raw,echo=0,link=" + device).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(host) && Files.exists(device))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroyForcibly();
                throw new IOException("socat did not create the pseudo-terminal pair");
            }
            Thread.sleep(10);
        }
        return new SocatPtyPair(socat, host, device);
    }

    public Path hostEnd() {
        return host;
    }

    public Path deviceEnd() {
        return device;
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socat.destroyForcibly();
        }
    }
}
