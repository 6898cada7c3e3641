package org.tmshost.device;

/**
 * The hardware stop button as the session sees it: its state now (arming check) and a press event
 * delivered on the input's own thread (runtime interlock), so a stop works without the console.
 */
public interface StopButton {
    /** A rig without a stop button input (the device's own stop button remains). */
    StopButton NONE = new StopButton() {
        @Override
        public boolean pressed() {
            return false;
        }

        @Override
        public void onPress(Runnable action) {
        }

        @Override
        public String toString() {
            return "no stop button input";
        }
    };

    boolean pressed();

    /** Calls {@code action} on every press, from the input's thread. */
    void onPress(Runnable action);
}
