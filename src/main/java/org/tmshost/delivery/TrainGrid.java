package org.tmshost.delivery;

import org.tmshost.device.TrainSetting;
import org.tmshost.device.magventure.MagProIpiGrid;
import org.tmshost.device.magventure.MagProMode;
import org.tmshost.device.magventure.MagProWaveform;

import java.util.Optional;

/**
 * The trains a device can be loaded with over its serial protocol (devices-and-peers.md §3). A
 * train is loaded exactly or not at all: rounding could raise a rate or a pulse count.
 */
interface TrainGrid {
    /** Why the device cannot run this train exactly, or empty if it can. */
    Optional<String> problem(TrainSetting train);

    /** The grid of a wire protocol, or empty when its device times no trains over serial. */
    static Optional<TrainGrid> of(String wireProtocol) {
        return switch (wireProtocol) {
            case "magstim-rapid" -> Optional.of(TrainGrid::rapid);
            case "magventure-magpro" -> Optional.of(TrainGrid::magPro);
            default -> Optional.empty();
        };
    }

    /** The burst trains a device times itself (native theta burst), or empty. */
    static Optional<TrainGrid> ofBursts(String wireProtocol, org.tmshost.profile.Capabilities capabilities) {
        return wireProtocol.equals("magventure-magpro") && capabilities.nativeBursts()
                ? Optional.of(TrainGrid::magProBursts) : Optional.empty();
    }

    /**
     * MagPro Biphasic Burst on the Timing page (pytms): 2-5 pulses per burst at an interval on the
     * burst grid ({@link MagProIpiGrid}), up to 20 bursts/s, 1-1000 bursts per train.
     */
    private static Optional<String> magProBursts(TrainSetting train) {
        if (train.pulsesPerBurst() < 2 || train.pulsesPerBurst() > 5) {
            return Optional.of("the MagPro's bursts have 2-5 pulses");
        }
        long intra = train.intraBurstNanos();
        if (intra % 100_000L != 0 || MagProIpiGrid.forSetting(MagProMode.STANDARD, MagProWaveform.BIPHASIC_BURST)
                .indexOf((int) (intra / 100_000L)) < 0) {
            return Optional.of("the MagPro offers burst intervals of 0.5-100 ms on a stepped grid");
        }
        int tenths = train.frequencyTenthsHz();
        if (tenths < 1 || tenths > 200 || (tenths > 10 && tenths % 10 != 0)) {
            return Optional.of("the MagPro repeats bursts at 0.1-1 per s in steps of 0.1 or whole rates up to 20 per s");
        }
        if (train.triggers() > 1000) {
            return Optional.of("the MagPro runs at most 1000 bursts per train");
        }
        return Optional.empty();
    }

    /** The pairs a wire protocol's device times itself (unit A, then unit B), or empty. */
    static Optional<TrainGrid> ofPairs(String wireProtocol) {
        return switch (wireProtocol) {
            case "magstim-bistim" -> Optional.of(TrainGrid::biStimPair);
            case "magventure-magpro" -> Optional.of(TrainGrid::magProPair);
            default -> Optional.empty();
        };
    }

    /**
     * BiStim² inter-pulse interval ({@code C}): 0.1-99.9 ms in 0.1 ms steps (hi-res mode), or whole
     * ms up to 999 (TDb 086). 0 would be a simultaneous discharge, one pulse stronger than either unit.
     */
    private static Optional<String> biStimPair(TrainSetting pair) {
        long isi = pair.intervalNanos();
        boolean hiRes = isi % 100_000L == 0 && isi <= 99_900_000L;
        boolean lowRes = isi % 1_000_000L == 0 && isi <= 999_000_000L;
        return hiRes || lowRes ? Optional.empty()
                : Optional.of("the BiStim sets inter-pulse intervals of 0.1-99.9 ms in steps of 0.1 ms, or whole ms to 999");
    }

    /** MagPro Dual mode (MagOption), biphasic: the inter-pulse intervals the device offers ({@link MagProIpiGrid}). */
    private static Optional<String> magProPair(TrainSetting pair) {
        long isi = pair.intervalNanos();
        boolean onGrid = isi % 100_000L == 0 && MagProIpiGrid.forSetting(MagProMode.DUAL, MagProWaveform.BIPHASIC)
                .indexOf((int) (isi / 100_000L)) >= 0;
        return onGrid ? Optional.empty()
                : Optional.of("the MagPro offers Twin/Dual inter-pulse intervals from 1 ms on a stepped grid");
    }

    /**
     * Rapid²: frequency {@code B} in 0.1 Hz, pulses {@code D} up to 6000, duration {@code [} in whole
     * 0.1 s of at least 0.1 s (duration 0 is single-pulse mode: MagPy #12).
     */
    private static Optional<String> rapid(TrainSetting train) {
        if (train.bursts()) {
            return Optional.of("the Rapid has no burst command on its serial link");
        }
        if (train.frequencyTenthsHz() < 1) {
            return Optional.of("the Rapid sets train frequencies in steps of 0.1 Hz");
        }
        if (train.pulses() > 6000) {
            return Optional.of("the Rapid runs at most 6000 pulses per train");
        }
        if (train.durationNanos() % 100_000_000L != 0) {
            return Optional.of("the Rapid sets train durations in whole 0.1 s; " + train.pulses() + " pulses last "
                    + train.durationNanos() / 1e9 + " s");
        }
        return Optional.empty();
    }

    /**
     * MagPro Timing menu (pytms): repetition rate 0.1-1 pps in 0.1 steps, whole rates up to 100 pps; 1-1000 pulses per train,
     * then 1100-2000 in steps of 100.
     */
    private static Optional<String> magPro(TrainSetting train) {
        if (train.bursts()) {
            return Optional.of("bursts need the MagPro's Biphasic Burst");
        }
        int tenths = train.frequencyTenthsHz();
        if (tenths < 1 || tenths > 1000 || (tenths > 10 && tenths % 10 != 0)) {
            return Optional.of("the MagPro sets repetition rates of 0.1-1 pps in steps of 0.1 and whole rates up to 100 pps");
        }
        int pulses = train.pulses();
        if (pulses > 2000 || (pulses > 1000 && pulses % 100 != 0)) {
            return Optional.of("the MagPro runs 1-1000 pulses per train, then 1100-2000 in steps of 100");
        }
        return Optional.empty();
    }
}
