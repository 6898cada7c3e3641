package org.tmshost.record;

/** The record store failed: the program cannot promise a complete record, so it must not go on. */
public class RecordException extends RuntimeException {
    public RecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
