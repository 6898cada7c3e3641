package org.tmshost.device.ttl;

import com.pi4j.io.gpio.digital.DigitalOutput;
import org.tmshost.device.PulseTrigger;

/**
 * Fires a pulse as a TTL edge on the trigger output: HIGH for the profile's pulse width (e.g.
 * 100 µs), then LOW. The width is held by spinning, since parking would add hundreds of
 * microseconds. Pi4J's own state-change events may allocate; the scheduler's zero-allocation
 * guarantee covers tmshost's code, not Pi4J's.
 */
public final class TtlTriggerLine implements PulseTrigger {
    private final GpioLines lines;
    private final DigitalOutput output;
    private final long pulseWidthNanos;
    private volatile long edges;

    public TtlTriggerLine(GpioLines lines) {
        this.lines = lines;
        this.output = lines.triggerOutput();
        this.pulseWidthNanos = lines.pins().triggerPulseWidthMicros() * 1_000L;
    }

    @Override
    public long fire(int pulseIndex, int outputPercentMso, int channel) {
        long start = System.nanoTime();
        output.high();
        long stamped = lines.risingEdgeNanos(); // the edge, as its own event saw it (before what reacts to it)
        long edgeUp = stamped - start >= 0 ? stamped : System.nanoTime();
        while (System.nanoTime() - start < pulseWidthNanos) {
            Thread.onSpinWait();
        }
        output.low();
        edges++;
        return System.nanoTime() - edgeUp; // the stimulator triggered on the rising edge; held since
    }

    /** Trigger edges sent so far. */
    public long edges() {
        return edges;
    }
}
