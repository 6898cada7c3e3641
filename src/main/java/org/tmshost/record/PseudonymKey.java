package org.tmshost.record;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A study's pseudonymisation key and what it derives from a subject id: a pseudonym and a date
 * shift, each an HMAC-SHA256 under the key with its own label, so one never tells the other. Every
 * centre of a study holds the same key and so gives a subject the same pseudonym and shift: that is
 * how their datasets pool.
 *
 * <p>The key file holds one line of at least {@value #MIN_KEY_BYTES} bytes as hex ({@code openssl
 * rand -hex 32}), and only its owner may read it: a key others can read lets them re-identify every
 * subject of every centre that used it.
 */
public final class PseudonymKey {
    public static final int MIN_KEY_BYTES = 32;
    /** Shifts are whole days in [-{@value}, -1] or [1, {@value}]: never 0, so no date is left as it was. */
    public static final int MAX_SHIFT_DAYS = 180;
    public static final String PSEUDONYM_PREFIX = "s-";
    public static final int PSEUDONYM_HEX_DIGITS = 16;
    static final String PSEUDONYM_LABEL = "tmshost/pseudonym/v1\n";
    static final String SHIFT_LABEL = "tmshost/date-shift/v1\n";
    static final String CHECK_LABEL = "tmshost/key-check/v1";
    static final String RECORD_LABEL = "tmshost/record-id/v1\n";
    public static final int RECORD_HEX_DIGITS = 12;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** A key file that is missing, readable by others, or not a key. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final byte[] key;

    private PseudonymKey(byte[] key) {
        this.key = key.clone();
    }

    /** The key in {@code file}, refused unless only its owner can read it and it holds enough key. */
    public static PseudonymKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Refused("--key-file " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> mode;
            try {
                mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new Refused("--key-file " + file + ": cannot read its permissions: " + e.getMessage());
            }
            mode.retainAll(OTHERS);
            if (!mode.isEmpty()) {
                throw new Refused("--key-file " + file + ": its group or others have access (" + mode.size()
                        + " permission(s) besides the owner's); a study key must be its owner's alone: chmod 600 "
                        + file);
            }
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new Refused("--key-file " + file + ": cannot read it: " + e.getMessage());
        }
        return of(text, "--key-file " + file);
    }

    /** The key written as hex in {@code text}; {@code source} names it in a refusal. */
    static PseudonymKey of(String text, String source) {
        if (!text.matches("[0-9a-fA-F]*") || text.length() % 2 != 0) {
            throw new Refused(source + ": not a key: the file holds one line of hex digits (an even number of "
                    + "0-9 a-f), e.g. from 'openssl rand -hex " + MIN_KEY_BYTES + "'");
        }
        if (text.length() < 2 * MIN_KEY_BYTES) {
            throw new Refused(source + ": the key is " + text.length() / 2 + " bytes; at least " + MIN_KEY_BYTES
                    + " bytes (" + 2 * MIN_KEY_BYTES + " hex digits) are needed");
        }
        return new PseudonymKey(HexFormat.of().parseHex(text));
    }

    /** The subject's pseudonym: {@code s-} and the first 16 hex digits of HMAC(key, label + id). */
    public String pseudonym(String subjectId) {
        return PSEUDONYM_PREFIX + HexFormat.of().formatHex(mac(PSEUDONYM_LABEL + subjectId))
                .substring(0, PSEUDONYM_HEX_DIGITS);
    }

    /**
     * Days every date of the subject's record moves: the first 8 bytes of HMAC(key, label + id) as an
     * unsigned number r, r mod 360 mapped onto -180..-1, 1..180.
     */
    public int shiftDays(String subjectId) {
        byte[] mac = mac(SHIFT_LABEL + subjectId);
        long r = 0;
        for (int i = 0; i < 8; i++) {
            r = (r << 8) | (mac[i] & 0xff);
        }
        int step = (int) Long.remainderUnsigned(r, 2L * MAX_SHIFT_DAYS);
        return step < MAX_SHIFT_DAYS ? step - MAX_SHIFT_DAYS : step - MAX_SHIFT_DAYS + 1;
    }

    /**
     * A record's id in the dataset: {@code prefix} and 12 hex digits of HMAC(key, label + store + kind +
     * id). The store's own ids count up in time across subjects, so they would tell the true order of
     * two subjects' sessions that the date shifts hide; the store's identity keeps two hosts' ids apart.
     */
    public String recordId(String prefix, String store, String kind, long id) {
        return prefix + HexFormat.of().formatHex(mac(RECORD_LABEL + store + "\n" + kind + "\n" + id))
                .substring(0, RECORD_HEX_DIGITS);
    }

    /**
     * A value two centres compare to know they used one key, which tells nothing of the key: the first
     * 16 hex digits of HMAC(key, {@value #CHECK_LABEL}).
     */
    public String check() {
        return HexFormat.of().formatHex(mac(CHECK_LABEL)).substring(0, 16);
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[check " + check() + "]"; // never the key
    }
}
