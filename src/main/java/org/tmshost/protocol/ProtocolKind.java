package org.tmshost.protocol;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code kind:} of a protocol file. */
public enum ProtocolKind {
    RTMS("rtms"), THETA_BURST("theta-burst"), PAIRED_PULSE("paired-pulse"), QUADRIPULSE("quadripulse"),
    SEQUENCE("sequence");

    private final String fileName;

    ProtocolKind(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** Patterned protocols (TBS, QPS) have their own intensity policy instead of the 2009 table. */
    public boolean patterned() {
        return this == THETA_BURST || this == QUADRIPULSE;
    }

    public static ProtocolKind fromFileName(String text) {
        for (ProtocolKind kind : values()) {
            if (kind.fileName.equals(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("expected one of " + allFileNames());
    }

    public static String allFileNames() {
        return Arrays.stream(values()).map(ProtocolKind::fileName).collect(Collectors.joining(" | "));
    }
}
