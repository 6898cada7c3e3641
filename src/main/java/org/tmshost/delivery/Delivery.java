package org.tmshost.delivery;

import org.tmshost.device.TrainSetting;
import org.tmshost.protocol.PulsePlan;

import java.util.Optional;

/**
 * How one plan reaches one device: the strategy, what the host starts ({@code "each pulse"},
 * {@code "each train"}, {@code "each pair"}), and, for device-timed trains, the train the device
 * is loaded with.
 */
public record Delivery(DeliveryStrategy strategy, String hostStarts, Optional<TrainSetting> train) {
    public static final String EACH_PULSE = "each pulse";
    public static final String EACH_TRAIN = "each train";
    public static final String EACH_PAIR = "each pair";

    public static Delivery hostTimed(DeliveryStrategy strategy) {
        return new Delivery(strategy, EACH_PULSE, Optional.empty());
    }

    public static Delivery deviceTimedTrains(TrainSetting train) {
        return new Delivery(DeliveryStrategy.DEVICE_TIMED_TRAINS, EACH_TRAIN, Optional.of(train));
    }

    /** One fire command per pair; the device times the second unit's pulse (BiStim, MagPro Twin/Dual). */
    public static Delivery devicePairs(TrainSetting pair) {
        return new Delivery(DeliveryStrategy.SERIAL_FIRE, EACH_PAIR, Optional.of(pair));
    }

    /** The device times pulses after each host start: a train, or a pair. */
    public boolean deviceTimed() {
        return train.isPresent();
    }

    /**
     * For the pulse scheduler: which pulses of the plan the device times after the last pulse the
     * host fired ({@code null} when the host fires every pulse). The host starts each group of
     * {@code train.pulses()} pulses, counted from each train's first pulse.
     */
    public boolean[] deviceTimedPulses(PulsePlan plan) {
        if (train.isEmpty()) {
            return null;
        }
        int group = train.get().pulses();
        boolean[] deviceTimed = new boolean[plan.pulseCount()];
        for (int pulse = 0; pulse < plan.pulseCount(); pulse++) {
            deviceTimed[pulse] = (pulse - plan.trainFirstPulse(plan.trainOf(pulse))) % group != 0;
        }
        return deviceTimed;
    }

    /**
     * The last pulse of the device's report unit that {@code pulse} belongs to: a device that reports
     * pulses (MagPro di/dt) reports a burst or a pair once, after its last pulse; otherwise the pulse.
     */
    public int reportUnitLast(PulsePlan plan, int pulse) {
        if (train.isEmpty() || (!train.get().bursts() && !train.get().pair())) {
            return pulse;
        }
        int unit = train.get().pair() ? 2 : train.get().pulsesPerBurst();
        int first = plan.trainFirstPulse(plan.trainOf(pulse));
        return Math.min(plan.pulseCount() - 1, first + ((pulse - first) / unit) * unit + unit - 1);
    }

    /** One line for reports and the console, e.g. {@code device-timed-trains (host starts each train: 40 pulses at 10 Hz)}. */
    public String describe() {
        return strategy.jsonName() + " (host starts " + hostStarts + train.map(t -> ": " + t.pulses() + " pulses at "
                + (t.frequencyTenthsHz() > 0 ? (t.frequencyTenthsHz() % 10 == 0 ? String.valueOf(t.frequencyTenthsHz() / 10)
                : String.valueOf(t.frequencyTenthsHz() / 10.0)) + " Hz" : t.intervalNanos() + " ns apart")).orElse("") + ")";
    }
}
