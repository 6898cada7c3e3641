package org.tmshost.testing;

import org.tmshost.simulator.PseudoTerminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two linked pseudo-terminals made by socat ({@code apt-get install socat}): what is written to
 * one end is read from the other, through the kernel's tty layer as with a real serial port. A thin
 * test view of {@link PseudoTerminal}.
 */
public final class SocatPtyPair implements AutoCloseable {
    private final PseudoTerminal pty;

    private SocatPtyPair(PseudoTerminal pty) {
        this.pty = pty;
    }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    public static SocatPtyPair create(Path directory) throws IOException {
        return new SocatPtyPair(PseudoTerminal.create(directory.resolve("ttyHOST")));
    }

    public Path hostEnd() {
        return pty.clientPath();
    }

    public Path deviceEnd() {
        return pty.devicePath();
    }

    @Override
    public void close() {
        pty.close();
    }
}
