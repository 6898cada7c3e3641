package org.tmshost.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat: {@code clientPath} is what a serial client opens (MagPy,
 * MAGIC, tmshost itself); the simulator serves the other end. socat is a Debian package
 * ({@code apt-get install socat}); without it this fails with a clear message.
 *
 * <p>The simulator's end lives in a private temporary directory, not beside {@code clientPath}:
 * clients that scan for ports (pytms opens every {@code /dev/ttyUSB*} it finds and writes a status
 * request to it) must not find the device's own end.
 */
public final class PseudoTerminal implements AutoCloseable {
    private final Process socat;
    private final Path clientPath;
    private final Path devicePath;
    private final Path deviceDirectory;

    private PseudoTerminal(Process socat, Path clientPath, Path devicePath) {
        this.socat = socat;
        this.clientPath = clientPath;
        this.devicePath = devicePath;
        this.deviceDirectory = devicePath.getParent();
    }

    public static PseudoTerminal create(Path clientPath) throws IOException {
        Path absolute = clientPath.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isSymbolicLink(absolute)) {
            throw new IOException(clientPath + " exists and is not a link made by a previous simulator; remove it or pick another path");
        }
        Path devicePath = Files.createTempDirectory("tmshost-pty").resolve("device");
        Process socat;
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + absolute, "pty,raw,echo=0,link=" + devicePath)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            DeviceThreads.promote(socat.pid()); // the cable: relays at device priority
        } catch (IOException e) {
            throw new IOException("--pty needs socat to make the pseudo-terminal pair: install it "
                    + "(Debian/Raspberry Pi OS: sudo apt-get install socat) or use --tcp PORT instead", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(absolute) && Files.exists(devicePath))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroyForcibly();
                deleteQuietly(devicePath.getParent());
                throw new IOException("socat could not create a pseudo-terminal at " + clientPath);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                socat.destroyForcibly();
                deleteQuietly(devicePath.getParent());
                throw new IOException("interrupted while creating " + clientPath, e);
            }
        }
        return new PseudoTerminal(socat, absolute, devicePath);
    }

    public Path clientPath() {
        return clientPath;
    }

    /** The end the simulator opens. */
    public Path devicePath() {
        return devicePath;
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
        deleteQuietly(deviceDirectory);
    }

    /** Removes the private directory (socat removes its link when it exits). */
    private static void deleteQuietly(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve("device"));
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a stale empty directory in the temporary folder is harmless
        }
    }
}
