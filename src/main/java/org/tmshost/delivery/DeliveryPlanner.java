package org.tmshost.delivery;

import org.tmshost.device.TrainSetting;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.ProtocolKind;
import org.tmshost.protocol.PulsePlan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * Chooses how a plan reaches a device, from the plan and the profile alone (so {@code check},
 * {@code dry-run} on {@code sim:PROFILE} and a session on the real link choose the same):
 * <ol>
 * <li>a TTL rig ({@code wireProtocol: ttl}) triggers every pulse on its line;</li>
 * <li>a serial device is fired one command per pulse when the plan's peak rate is within the
 * profile's {@code hostTimedSinglePulseRateHz} (per-pulse interlocks, per-pulse record);</li>
 * <li>otherwise an rTMS plan of identical trains goes to the device's own train timer, if it has one
 * and can be loaded with exactly these trains (theta burst: a device with native bursts, the MagPro's
 * Biphasic Burst), and a paired-pulse plan to a device that times its
 * two units' pair itself (BiStim², MagPro Twin/Dual), one serial trigger per pair;</li>
 * <li>anything else is refused, with the reason: the envelope blocks it before arming
 * ({@code delivery.path}), instead of approving a path the session would not use.</li>
 * </ol>
 */
public final class DeliveryPlanner {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private DeliveryPlanner() {
    }

    public static DeliveryChoice choose(PulsePlan plan, ProtocolKind kind, HardwareProfile profile) {
        if (profile.wireProtocol().equals("ttl")) {
            return new DeliveryChoice.Chosen(Delivery.hostTimed(DeliveryStrategy.TTL_TRIGGER));
        }
        BigDecimal hostRate = profile.capabilities().hostTimedSinglePulseRateHz();
        if (profile.wireProtocol().equals("magstim-bistim") && kind != ProtocolKind.PAIRED_PULSE) {
            return refused("a BiStim² fires both of its units on every serial trigger, so it delivers paired "
                    + "pulses only; drive one of its 200² units with its own profile (magstim-200) for this protocol");
        }
        if (withinRate(plan, hostRate)) {
            return new DeliveryChoice.Chosen(Delivery.hostTimed(DeliveryStrategy.SERIAL_FIRE));
        }
        String serialLimit = "the serial link fires single pulses at up to " + hz(hostRate) + " on "
                + profile.name() + ", and this plan peaks at " + hz(peakRate(plan));
        return switch (kind) {
            case RTMS -> deviceTimedTrains(plan, profile, serialLimit, false);
            case THETA_BURST -> deviceTimedTrains(plan, profile, serialLimit, true);
            case PAIRED_PULSE -> devicePairs(plan, profile, hostRate, serialLimit);
            default -> refused(serialLimit + ": use a TTL rig profile (e.g. ttl-gpio) for this pattern");
        };
    }

    private static DeliveryChoice deviceTimedTrains(PulsePlan plan, HardwareProfile profile, String serialLimit,
                                                    boolean bursts) {
        Optional<TrainGrid> grid = bursts ? TrainGrid.ofBursts(profile.wireProtocol(), profile.capabilities())
                : TrainGrid.of(profile.wireProtocol());
        if (!profile.capabilities().deviceTimedTrains() || grid.isEmpty()) {
            return refused(serialLimit + ", and " + profile.name() + " times no " + (bursts ? "bursts" : "trains")
                    + " itself" + (bursts ? " on its serial link" : "") + ": use a TTL rig profile (e.g. ttl-gpio)");
        }
        DeliveryChoice uniform = uniformTrain(plan, serialLimit);
        if (!(uniform instanceof DeliveryChoice.Chosen chosen)) {
            return uniform;
        }
        TrainSetting train = chosen.delivery().train().orElseThrow();
        if (train.bursts() != bursts) {
            return refused(serialLimit + ", and the device is loaded with " + (bursts ? "bursts" : "single pulses")
                    + " only");
        }
        Optional<String> problem = grid.get().problem(train);
        if (problem.isPresent()) {
            return refused(serialLimit + ", and " + problem.get() + ": the train cannot be loaded exactly");
        }
        return chosen;
    }

    /**
     * The one train setting every train of the plan has (a device is loaded once): the same pulse
     * count, one output, unit A, and each pulse at its burst's start plus its place in the burst
     * (a burst of one pulse for rTMS).
     */
    private static DeliveryChoice uniformTrain(PulsePlan plan, String serialLimit) {
        int pulses = plan.trainPulseCount(0);
        if (pulses < 2) {
            return refused(serialLimit + ", and single-pulse trains cannot be device-timed");
        }
        long first = plan.offsetNanos(1) - plan.offsetNanos(0);
        int perBurst = 1;
        while (perBurst < pulses && plan.offsetNanos(perBurst) - plan.offsetNanos(perBurst - 1) == first) {
            perBurst++;
        }
        TrainSetting train;
        try {
            train = perBurst == pulses || pulses % perBurst != 0 ? TrainSetting.train(pulses, first)
                    : TrainSetting.bursts(pulses / perBurst, plan.offsetNanos(perBurst) - plan.offsetNanos(0), perBurst,
                    first);
        } catch (IllegalArgumentException e) {
            return refused(serialLimit + ", and the trains are not a fixed pattern the device can time");
        }
        int output = plan.outputPercentMso(0);
        for (int t = 0; t < plan.trainCount(); t++) {
            int start = plan.trainFirstPulse(t);
            if (plan.trainPulseCount(t) != pulses) {
                return refused(serialLimit + ", and the device is loaded with one train setting for the session: "
                        + "train " + (t + 1) + " has " + plan.trainPulseCount(t) + " pulses, train 1 " + pulses);
            }
            for (int k = 0; k < pulses; k++) {
                int pulse = start + k;
                if (plan.outputPercentMso(pulse) != output || plan.channel(pulse) != 0
                        || plan.offsetNanos(pulse) - plan.offsetNanos(start) != train.offsetNanos(k)) {
                    return refused(serialLimit + ", and the device runs trains of one output in one fixed pattern: "
                            + "pulse " + (pulse + 1) + " differs");
                }
            }
        }
        return new DeliveryChoice.Chosen(Delivery.deviceTimedTrains(train));
    }

    /**
     * Paired pulses the device times itself: one fire command per pair (unit A, the conditioning
     * pulse; unit B, the test pulse, after the inter-pulse interval), the pairs no faster than the
     * host-timed rate, every pair alike and the interval one the device can be set to exactly.
     */
    private static DeliveryChoice devicePairs(PulsePlan plan, HardwareProfile profile, BigDecimal hostRate,
                                              String serialLimit) {
        Optional<TrainGrid> grid = TrainGrid.ofPairs(profile.wireProtocol());
        if (!profile.capabilities().pairedPulses() || profile.capabilities().channels() < 2 || grid.isEmpty()) {
            return refused(serialLimit + ", and " + profile.name() + " times no pairs of units itself");
        }
        if (plan.pulseCount() % 2 != 0) {
            return refused("a paired-pulse plan has whole pairs");
        }
        long isi = plan.offsetNanos(1) - plan.offsetNanos(0);
        long slowestPairStart = Long.MAX_VALUE;
        for (int pulse = 0; pulse < plan.pulseCount(); pulse += 2) {
            if (plan.channel(pulse) != 0 || plan.channel(pulse + 1) != 1
                    || plan.offsetNanos(pulse + 1) - plan.offsetNanos(pulse) != isi) {
                return refused(serialLimit + ", and the device times pairs of unit A then unit B at one interval: "
                        + "pair " + (pulse / 2 + 1) + " differs");
            }
            if (pulse > 0) {
                slowestPairStart = Math.min(slowestPairStart, plan.offsetNanos(pulse) - plan.offsetNanos(pulse - 2));
            }
        }
        if (slowestPairStart != Long.MAX_VALUE && BigDecimal.valueOf(slowestPairStart).multiply(hostRate)
                .compareTo(NANOS_PER_SECOND) < 0) {
            return refused("pairs start every " + slowestPairStart / 1e9 + " s, faster than the " + hz(hostRate)
                    + " a serial trigger allows on " + profile.name());
        }
        TrainSetting pair = TrainSetting.pair(isi);
        Optional<String> problem = grid.get().problem(pair);
        if (problem.isPresent()) {
            return refused(problem.get() + ": a " + isi / 1e6 + " ms pair cannot be set exactly");
        }
        return new DeliveryChoice.Chosen(Delivery.devicePairs(pair));
    }

    private static DeliveryChoice refused(String reason) {
        return new DeliveryChoice.Refused(reason);
    }

    /** Peak rate at most {@code rateHz}, exactly: shortest_ns x rate >= 1e9. */
    private static boolean withinRate(PulsePlan plan, BigDecimal rateHz) {
        return plan.pulseCount() < 2 || BigDecimal.valueOf(plan.shortestIntervalNanos()).multiply(rateHz)
                .compareTo(NANOS_PER_SECOND) >= 0;
    }

    private static BigDecimal peakRate(PulsePlan plan) {
        return plan.pulseCount() < 2 ? BigDecimal.ZERO
                : NANOS_PER_SECOND.divide(BigDecimal.valueOf(plan.shortestIntervalNanos()), MathContext.DECIMAL64);
    }

    private static String hz(BigDecimal value) {
        return value.round(new MathContext(4)).stripTrailingZeros().toPlainString() + " Hz";
    }
}
