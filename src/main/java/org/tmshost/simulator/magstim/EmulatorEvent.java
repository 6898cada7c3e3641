package org.tmshost.simulator.magstim;

/**
 * What the emulated unit did, on its own clock, for {@code --log FILE} JSON lines and tests. Each
 * value renders itself as one JSON object ({@link #toJson()}).
 */
public sealed interface EmulatorEvent {
    long atNanos();

    String toJson();

    /** Why the unit disarmed. */
    enum DisarmReason {
        LEASE_EXPIRED("lease-expired"), COMMAND("command"), IDLE("idle"), FAULT("fault");

        private final String text;

        DisarmReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    record Armed(long atNanos) implements EmulatorEvent {
        public String toJson() {
            return "{\"event\":\"armed\",\"atNanos\":" + atNanos + "}";
        }
    }

    record Disarmed(long atNanos, DisarmReason reason) implements EmulatorEvent {
        public String toJson() {
            return "{\"event\":\"disarmed\",\"atNanos\":" + atNanos + ",\"reason\":\"" + reason.text() + "\"}";
        }
    }

    record RemoteControlReleased(long atNanos, DisarmReason reason) implements EmulatorEvent {
        public String toJson() {
            return "{\"event\":\"remote-released\",\"atNanos\":" + atNanos + ",\"reason\":\"" + reason.text() + "\"}";
        }
    }

    /** A pulse the model delivered; {@code index} counts delivered pulses from 0. */
    record Pulse(int index, long atNanos, int outputPercentMso) implements EmulatorEvent {
        public String toJson() {
            return "{\"event\":\"pulse\",\"index\":" + index + ",\"atNanos\":" + atNanos + ",\"output\":"
                    + outputPercentMso + "}";
        }
    }

    /** A refused pulse or arm, or a protocol error; {@code code} is stable. */
    record Fault(long atNanos, String code) implements EmulatorEvent {
        public String toJson() {
            return "{\"event\":\"fault\",\"atNanos\":" + atNanos + ",\"code\":\"" + code + "\"}";
        }
    }
}
