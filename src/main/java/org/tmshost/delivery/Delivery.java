package org.tmshost.delivery;

import org.tmshost.profile.TimingTolerances;

import java.util.Optional;

/**
 * How one plan reaches one device: the strategy, what the host starts ({@code "each pulse"},
 * {@code "each train"}, {@code "each pair"}), and, for device-timed trains, the train the device
 * is loaded with.
 */
public record Delivery(DeliveryStrategy strategy, String hostStarts, Optional<TrainSetting> train) {
    public static final String EACH_PULSE = "each pulse";
    public static final String EACH_TRAIN = "each train";

    public static Delivery hostTimed(DeliveryStrategy strategy) {
        return new Delivery(strategy, EACH_PULSE, Optional.empty());
    }

    public static Delivery deviceTimedTrains(TrainSetting train) {
        return new Delivery(DeliveryStrategy.DEVICE_TIMED_TRAINS, EACH_TRAIN, Optional.of(train));
    }

    /**
     * The scheduler's tolerances for this delivery. When the device times the pulses the host times
     * only each train's start, and how late it notices a device-timed pulse changes nothing the
     * subject receives: the lateness limit is half the train's interval (the scheduler still caps it
     * at 10% of the interval). Host-timed deliveries keep the profile's tolerances.
     */
    public TimingTolerances tolerances(TimingTolerances profile) {
        return train.map(t -> new TimingTolerances(profile.earlyToleranceMicros(),
                Math.max(profile.latenessLimitMicros(), t.intervalNanos() / 2_000))).orElse(profile);
    }

    public boolean deviceTimed() {
        return strategy == DeliveryStrategy.DEVICE_TIMED_TRAINS;
    }

    /** One line for reports and the console, e.g. {@code device-timed-trains (host starts each train: 40 pulses at 10 Hz)}. */
    public String describe() {
        return strategy.jsonName() + " (host starts " + hostStarts + train.map(t -> ": " + t.pulses() + " pulses at "
                + (t.frequencyTenthsHz() > 0 ? (t.frequencyTenthsHz() % 10 == 0 ? String.valueOf(t.frequencyTenthsHz() / 10)
                : String.valueOf(t.frequencyTenthsHz() / 10.0)) + " Hz" : t.intervalNanos() + " ns apart")).orElse("") + ")";
    }
}
