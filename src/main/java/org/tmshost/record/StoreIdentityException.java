package org.tmshost.record;

/**
 * The record database is missing, or is not the one this home's identity file and journals belong
 * to: no session may start on it (exit 4), and nothing is created over it.
 */
public final class StoreIdentityException extends RecordException {
    public StoreIdentityException(String message) {
        super(message, null);
    }
}
