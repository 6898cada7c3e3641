package org.tmshost.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a data file's text for {@link LocatedYaml}, bounded and strict: a file over its size limit is
 * refused before it is read or parsed (a 16 MB protocol once took 104 s to refuse), bytes that are not
 * UTF-8 are named with their line and byte offset (not Java's "Input length = 1"), and a file that
 * cannot be read says why in the system's words ("permission denied").
 */
public final class DataFileText {
    /**
     * The largest legitimate protocol is an explicit {@code kind: sequence}: SAINT's 18,000-pulse day
     * written out pulse by pulse is about 1 MB; 2 MiB holds some 40,000 pulses in block style and keeps
     * the check of the largest file allowed within seconds. Longer plans are written as trains.
     */
    public static final int PROTOCOL_MAX_BYTES = 2 * 1024 * 1024;
    /** Profiles, policies, scenarios, units and subjects are a few kilobytes; 1 MiB is a mistake, not a file. */
    public static final int MAX_BYTES = 1024 * 1024;

    private DataFileText() {
    }

    /**
     * The text of {@code file}, a {@code what} ("protocol", "hardware profile", ...) of at most
     * {@code maxBytes} bytes.
     *
     * @throws InvalidFileException naming the file and the limit, the OS's reason, or the first byte that is not UTF-8
     */
    public static String read(Path file, String what, int maxBytes) throws InvalidFileException {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw refused(name, "is a directory, not a " + what + " file");
            }
            if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
                throw refused(name, tooLarge(what, Files.size(file) + " bytes", maxBytes));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(maxBytes + 1); // a pipe or device has no size to check beforehand
            }
            if (bytes.length > maxBytes) {
                throw refused(name, tooLarge(what, "more than " + maxBytes + " bytes", maxBytes));
            }
            return decode(name, bytes);
        } catch (IOException e) {
            throw refused(name, "cannot be read: " + reason(e));
        }
    }

    /** The refusal of a file over its limit, naming the limit. */
    static String tooLarge(String what, String size, int maxBytes) {
        return String.format(Locale.ROOT, "refused before parsing: %s is more than a %s file may hold "
                + "(%,d bytes = %d MiB)", size, what, maxBytes, maxBytes / (1024 * 1024));
    }

    /** Why the system could not read a file, in its own words: "permission denied", "no such file", ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied" + other(e);
        }
        if (e instanceof NoSuchFileException) {
            return "no such file" + other(e);
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String other(IOException e) {
        String other = e instanceof FileSystemException fs ? fs.getReason() : null;
        return other == null ? "" : " (" + other + ")";
    }

    /** Strict UTF-8; a UTF-8 byte-order mark is kept (YAML skips it), UTF-16 and other encodings are named. */
    static String decode(String name, byte[] bytes) throws InvalidFileException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new InvalidFileException(new ValidationError(new SourceLocation(name, 1, 1), null, null,
                    "not UTF-8: the file starts with a UTF-16 byte-order mark; save it as UTF-8"));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw notUtf8(name, bytes, in.position());
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) { // valid UTF-8, but a text file has none: UTF-16 without a mark, or binary
                throw notText(name, bytes, i);
            }
        }
        return out.flip().toString();
    }

    private static InvalidFileException notUtf8(String name, byte[] bytes, int offset) {
        return at(name, bytes, offset, String.format(Locale.ROOT, "not UTF-8: byte 0x%02X at byte offset %d is not "
                + "valid UTF-8 (Latin-1 or another encoding?); save the file as UTF-8", bytes[offset] & 0xFF, offset));
    }

    private static InvalidFileException notText(String name, byte[] bytes, int offset) {
        return at(name, bytes, offset, "not UTF-8 text: a NUL byte at byte offset " + offset
                + " (UTF-16, or not a text file?); save the file as UTF-8");
    }

    /** An error at the line and column (counted in bytes) of {@code offset}. */
    private static InvalidFileException at(String name, byte[] bytes, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new InvalidFileException(new ValidationError(new SourceLocation(name, line, offset - lineStart + 1),
                null, null, message));
    }

    private static InvalidFileException refused(String name, String message) {
        return new InvalidFileException(new ValidationError(SourceLocation.wholeFile(name), null, null, message));
    }
}
