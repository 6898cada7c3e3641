package org.tmshost.threshold;

/** The MEP input could not give a reading (end of file, unreadable line, operator gone). */
public final class MepInputException extends Exception {
    public MepInputException(String message) {
        super(message);
    }
}
