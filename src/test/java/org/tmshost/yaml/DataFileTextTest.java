package org.tmshost.yaml;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

@Tag("unit")
class DataFileTextTest {
    @TempDir
    Path dir;

    private String refusal(Path file, int limit) {
        return catchThrowableOfType(InvalidFileException.class, () -> DataFileText.read(file, "protocol", limit))
                .getMessage();
    }

    @Test
    void aFileOverItsLimitIsRefusedBeforeItIsReadNamingTheLimit() throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024); // NUL bytes: had it been read, it would be refused as not text
        }
        assertThat(refusal(huge, DataFileText.PROTOCOL_MAX_BYTES)).startsWith(huge + ": refused before parsing")
                .contains("52428800 bytes").contains("(2,097,152 bytes = 2 MiB)");
    }

    @Test
    void aFileAtItsLimitIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "a: 1\n" + "#".repeat(1019));
        assertThat(DataFileText.read(file, "protocol", 1024)).hasSize(1024);
        Files.writeString(file, "a: 1\n" + "#".repeat(1020));
        assertThat(refusal(file, 1024)).contains("refused before parsing");
    }

    @Test
    void latin1IsNamedWithItsLineColumnAndByteOffset() throws IOException {
        Path file = Files.write(dir.resolve("l1.yaml"), "kind: rtms\nname: M\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(refusal(file, 1024)).isEqualTo(file + ":2:8: not UTF-8: byte 0xFC at byte offset 18 is not valid "
                + "UTF-8 (Latin-1 or another encoding?); save the file as UTF-8");
    }

    @Test
    void utf16AndNulBytesAreNamedNotInputLength1() throws IOException {
        Path bom = Files.write(dir.resolve("u16.yaml"), "name: x\n".getBytes(StandardCharsets.UTF_16));
        assertThat(refusal(bom, 1024)).contains(bom + ":1:1: not UTF-8").contains("UTF-16 byte-order mark");
        Path noMark = Files.write(dir.resolve("u16le.yaml"), "name: x\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(refusal(noMark, 1024)).contains(noMark + ":1:2: not UTF-8 text: a NUL byte at byte offset 1");
    }

    @Test
    void aUtf8ByteOrderMarkIsKeptForYamlToSkip() throws Exception {
        Path file = Files.write(dir.resolve("bom.yaml"), "\uFEFFname: x\n".getBytes(StandardCharsets.UTF_8));
        String text = DataFileText.read(file, "protocol", 1024);
        assertThat(((YamlNode.Mapping) LocatedYaml.parse("bom.yaml", text)).entries()).containsKey("name");
    }

    @Test
    void anUnreadableFileSaysWhyInTheSystemsWords() throws IOException {
        assertThat(DataFileText.reason(new AccessDeniedException("/x/p.yaml"))).isEqualTo("permission denied");
        assertThat(refusal(dir.resolve("missing.yaml"), 1024)).endsWith("cannot be read: no such file");
        assertThat(refusal(dir, 1024)).isEqualTo(dir + ": is a directory, not a protocol file");
        Path locked = Files.writeString(dir.resolve("locked.yaml"), "name: x\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "root reads any file: the OS refusal cannot be shown here");
        assertThat(refusal(locked, 1024)).isEqualTo(locked + ": cannot be read: permission denied");
    }
}
