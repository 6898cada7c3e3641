package org.tmshost.record;

import org.sqlite.SQLiteException;

import java.sql.SQLException;

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

    /**
     * True when a site database's server was out of reach (down, restarting, the network): the same
     * write succeeds once it is back, on a new connection. SQLite never reports this.
     */
    public boolean unreachable() {
        return unreachable(getCause());
    }

    static boolean unreachable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                // 08: connection exceptions; 57P01-57P03: the server shut down or cannot take connections yet
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }
}
