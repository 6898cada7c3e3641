package org.tmshost.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * How a session ended when the record could not say so (disk full, read-only, I/O error): a small
 * file beside its fire journal ({@code session-N.record-failure}), allocated when the journal is so
 * that it can still be written in place when the disk has no room left. The next start closes the
 * session with it ({@link InterruptedSessions}) instead of as a process that died. Blank until
 * written; removed once the session's end is on record.
 */
public final class RecordFailureNote {
    /** One block: overwriting it needs no new space. */
    public static final int BYTES = 4096;
    private static final String SUFFIX = ".record-failure";

    /** A written note: the end state and cause code the session ended with, and the reason in words. */
    public record Note(String state, String cause, String reason) {
    }

    private final Path file;

    private RecordFailureNote(Path file) {
        this.file = file;
    }

    /** The note's file for a session's journal file. */
    public static Path fileFor(Path journal) {
        String name = journal.getFileName().toString().replaceFirst("\\.journal$", "");
        return journal.resolveSibling(name + SUFFIX);
    }

    /** Allocates the blank note beside {@code journal}, owner-only, its block on disk before the session starts. */
    public static RecordFailureNote allocate(Path journal) throws IOException {
        Path file = fileFor(journal);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), PrivateFiles.ownerOnly())) {
            channel.write(ByteBuffer.allocate(BYTES));
            channel.force(true);
        }
        return new RecordFailureNote(file);
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the session's end into the allocated block and forces it to disk.
     *
     * @return false if even that failed (recovery then knows only that the process stopped)
     */
    public boolean write(String state, String cause, String reason) {
        byte[] head = (state + "\n" + cause + "\n").getBytes(StandardCharsets.UTF_8);
        String text = reason;
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        while (head.length + body.length > BYTES) { // keep the start: the cause comes first
            text = text.substring(0, text.length() * 9 / 10);
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer block = ByteBuffer.allocate(BYTES).put(head).put(body).rewind();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long at = 0;
            while (block.hasRemaining()) {
                at += channel.write(block, at);
            }
            channel.force(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the note once the end is on record (a note left behind is only read for an open session). */
    public void clear() {
        delete(file);
    }

    /** Removes the note beside {@code journal}, once recovery has recorded it. */
    static void clear(Path journal) {
        delete(fileFor(journal));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a blank or stale note is harmless: recovery reads notes of open sessions only
        }
    }

    /** The note written beside {@code journal}, if one was. */
    public static Optional<Note> read(Path journal) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(fileFor(journal));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n", 3);
        if (lines.length < 3 || lines[0].isBlank() || lines[1].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Note(lines[0], lines[1], lines[2]));
    }
}
