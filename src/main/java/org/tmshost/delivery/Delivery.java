package org.tmshost.delivery;

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
