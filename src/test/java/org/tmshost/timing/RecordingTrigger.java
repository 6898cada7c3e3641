package org.tmshost.timing;

import org.tmshost.device.PulseTrigger;

import java.util.ArrayList;
import java.util.List;

/** Records every fire with the clock time it was called at; an optional hook runs inside the fire. */
final class RecordingTrigger implements PulseTrigger {
    interface FireHook {
        void onFire(int pulseIndex);
    }

    record Fire(int pulseIndex, int outputPercentMso, int channel, long atNanos) {
    }

    private final Clock clock;
    private final List<Fire> fires = new ArrayList<>();
    private FireHook hook = pulseIndex -> { };
    private long emissionNanos = PulseTrigger.EMISSION_UNKNOWN;

    RecordingTrigger(Clock clock) {
        this.clock = clock;
    }

    RecordingTrigger onFire(FireHook hook) {
        this.hook = hook;
        return this;
    }

    /** Reports that each call went on this long after its pulse left the host (default: unknown). */
    RecordingTrigger holdingAfterEmission(long nanos) {
        this.emissionNanos = nanos;
        return this;
    }

    @Override
    public synchronized long fire(int pulseIndex, int outputPercentMso, int channel) {
        fires.add(new Fire(pulseIndex, outputPercentMso, channel, clock.nanoTime()));
        hook.onFire(pulseIndex);
        return emissionNanos;
    }

    synchronized List<Fire> fires() {
        return List.copyOf(fires);
    }

    synchronized List<Integer> indexes() {
        return fires.stream().map(Fire::pulseIndex).toList();
    }
}
