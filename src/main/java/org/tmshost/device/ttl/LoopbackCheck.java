package org.tmshost.device.ttl;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies the trigger line before a session on a rig whose trigger output is wired back to an
 * input: fires test edges with the stimulator disarmed and counts the rising edges the input saw.
 */
public final class LoopbackCheck {
    public record Result(boolean passed, int sent, int seen, String message) {
    }

    private LoopbackCheck() {
    }

    public static Result run(GpioLines lines, TtlTriggerLine trigger, int edges) {
        if (lines.loopback().isEmpty()) {
            return new Result(false, 0, 0, "this rig has no loopback input (gpio.loopbackInPin); the line cannot be verified");
        }
        DigitalInput input = lines.loopback().get();
        AtomicInteger rising = new AtomicInteger();
        var listener = (com.pi4j.io.gpio.digital.DigitalStateChangeListener) event -> {
            if (event.state() == DigitalState.HIGH) {
                rising.incrementAndGet();
            }
        };
        input.addListener(listener);
        try {
            for (int i = 0; i < edges; i++) {
                trigger.fire(-1, 0, 0);
            }
        } finally {
            input.removeListener(listener);
        }
        int seen = rising.get();
        boolean passed = seen == edges;
        return new Result(passed, edges, seen, passed ? "trigger line verified: " + seen + " of " + edges + " edges seen"
                : "trigger line FAILED: the loopback input saw " + seen + " of " + edges
                + " edges; check the wiring between pin " + lines.pins().triggerOutPin() + " and the stimulator");
    }
}
