package org.tmshost.simulator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.SocatPtyPair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class PseudoTerminalTest {
    /** pytms probes every port its scan finds; the device's own end must not be one of them. */
    @Test
    void theDeviceEndIsNotBesideTheClientPath(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "socat is not installed");
        Path deviceDirectory;
        try (PseudoTerminal pty = PseudoTerminal.create(dir.resolve("ttyUSB9"))) {
            try (Stream<Path> beside = Files.list(dir)) {
                assertThat(beside).containsExactly(dir.resolve("ttyUSB9"));
            }
            deviceDirectory = pty.devicePath().getParent();
            assertThat(deviceDirectory).isNotEqualTo(dir);
            assertThat(pty.devicePath()).exists();
        }
        assertThat(deviceDirectory).doesNotExist();
    }
}
