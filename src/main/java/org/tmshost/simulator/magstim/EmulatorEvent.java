package org.tmshost.simulator.magstim;

import org.tmshost.simulator.DeviceEventListener;

/**
 * What the emulated unit did, on its own clock, for {@code --log FILE} JSON lines and tests. Each
 * value passes itself on to a {@link DeviceEventListener} ({@link #deliverTo}).
 */
public sealed interface EmulatorEvent {
    long atNanos();

    void deliverTo(DeviceEventListener listener);

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
        public void deliverTo(DeviceEventListener listener) {
            listener.armed(atNanos);
        }
    }

    record Disarmed(long atNanos, DisarmReason reason) implements EmulatorEvent {
        public void deliverTo(DeviceEventListener listener) {
            listener.disarmed(atNanos, reason.text());
        }
    }

    record RemoteControlReleased(long atNanos, DisarmReason reason) implements EmulatorEvent {
        public void deliverTo(DeviceEventListener listener) {
            listener.fault(atNanos, "remote-released", "remote control released (" + reason.text() + ")");
        }
    }

    /**
     * A pulse the model delivered; {@code index} counts delivered pulses from 0; BiStim unit B is
     * channel 1; {@code simultaneous}: a BiStim discharged both units at once (interval 0), one pulse.
     */
    record Pulse(int index, long atNanos, int outputPercentMso, int channel, boolean simultaneous)
            implements EmulatorEvent {
        public Pulse(int index, long atNanos, int outputPercentMso, int channel) {
            this(index, atNanos, outputPercentMso, channel, false);
        }

        public void deliverTo(DeviceEventListener listener) {
            if (simultaneous) {
                listener.simultaneousPulse(index, atNanos, outputPercentMso);
            } else {
                listener.pulse(index, atNanos, outputPercentMso, channel);
            }
        }
    }

    /** A refused pulse or arm, or a protocol error; {@code code} is stable. */
    record Fault(long atNanos, String code) implements EmulatorEvent {
        public void deliverTo(DeviceEventListener listener) {
            listener.fault(atNanos, code, code);
        }
    }
}
