package org.tmshost.device.ttl;

import org.tmshost.device.StopButton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The stop button of a GPIO rig ({@link SafetyInputs}: pressed = HIGH); events arrive on Pi4J's thread. */
public final class GpioStopButton implements StopButton {
    private final GpioLines lines;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    public GpioStopButton(GpioLines lines) {
        if (lines.stopButton().isEmpty()) {
            throw new IllegalArgumentException("the rig's profile maps no stop button pin");
        }
        this.lines = lines;
        SafetyInputs.watch(lines, cause -> {
            if (cause == SafetyInputs.Cause.STOP_BUTTON) {
                actions.forEach(Runnable::run);
            }
        });
    }

    @Override
    public boolean pressed() {
        return SafetyInputs.stopPressed(lines);
    }

    @Override
    public void onPress(Runnable action) {
        actions.add(action);
    }
}
