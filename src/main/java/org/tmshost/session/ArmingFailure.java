package org.tmshost.session;

/** One failed arming check: which, the component, and an operator message with the numbers. */
public record ArmingFailure(CheckId check, String component, String message) {
    @Override
    public String toString() {
        return "PreArm: [" + check.id() + "] " + component + ": " + message;
    }
}
