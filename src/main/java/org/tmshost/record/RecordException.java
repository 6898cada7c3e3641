package org.tmshost.record;

import org.sqlite.SQLiteException;

/** The record store failed: the program cannot promise a complete record, so it must not go on. */
public class RecordException extends RuntimeException {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the store refused only because another connection held its lock (SQLite's BUSY or
     * LOCKED, any extended code): the same write may succeed once that connection is done.
     */
    public boolean lockedByAnother() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e) {
                int primary = e.getResultCode().code & 0xff;
                return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
            }
        }
        return false;
    }
}
