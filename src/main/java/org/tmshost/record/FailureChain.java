package org.tmshost.record;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Why a write failed, in the words of everything that saw it: the messages of an exception and its
 * causes, each once ("record write failed: [SQLITE_FULL] ... (database or disk is full)",
 * "journals/session-7.journal: No space left on device"). The operating system's reason is usually
 * the innermost.
 */
public final class FailureChain {
    private FailureChain() {
    }

    public static String describe(Throwable failure) {
        Set<Throwable> seen = new LinkedHashSet<>();
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }
}
