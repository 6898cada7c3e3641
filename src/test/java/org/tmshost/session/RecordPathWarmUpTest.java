package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RecordPathWarmUpTest {
    private static long warmUpDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("tmshost-warm-up")).count();
        }
    }

    /** The rehearsal writes only to a temporary store, and removes it. */
    @Test
    void theRehearsalLeavesNothingBehind() throws IOException {
        long before = warmUpDirectories();
        RecordPathWarmUp.run();
        assertThat(warmUpDirectories()).isEqualTo(before);
    }
}
