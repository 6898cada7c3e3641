package org.tmshost.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The dataset of a record without a subject: every table is there with its header and no row. */
@Tag("unit")
class ResearchDatasetTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyRecordGivesEveryTableWithItsHeaderAndNoRow() throws Exception {
        PseudonymKey key = PseudonymKey.of("ab".repeat(32), "test");
        ResearchDataset.Written written;
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            written = ResearchDataset.write(dir.resolve("out"), PseudonymisedExport.tables(store, key), key,
                    new ResearchDataset.Provenance("test", "lab-pc", Instant.parse("2027-01-15T12:00:00Z")));
        }
        assertThat(written.rows()).hasSize(12).allSatisfy((table, rows) -> assertThat(rows).isZero());
        for (String table : written.rows().keySet()) {
            String csv = Files.readString(dir.resolve("out").resolve(table + ".csv"), StandardCharsets.UTF_8);
            assertThat(csv).as(table).matches("[a-z0-9_]+(,[a-z0-9_]+)+\n");
            assertThat(new ObjectMapper().readTree(dir.resolve("out").resolve(table + ".json").toFile()).isEmpty())
                    .isTrue();
        }
        assertThat(written.files()).hasSize(27).last().extracting(ResearchDataset.WrittenFile::name)
                .isEqualTo(ResearchDataset.MANIFEST);
    }
}
