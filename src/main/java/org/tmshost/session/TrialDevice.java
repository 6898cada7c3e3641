package org.tmshost.session;

import org.tmshost.delivery.Delivery;
import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.device.Stimulator;
import org.tmshost.device.TrainSetting;
import org.tmshost.excitability.Condition;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.TrialPulses;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.ProtocolKind;
import org.tmshost.protocol.PulsePlan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * How a measurement's trials reach a device, decided before arming from the plan, the profile and
 * the link, as a session's {@link DeliveryPlanner} decides for a protocol (the planner is asked about
 * each trial's pattern, so both agree):
 * <ul>
 * <li>{@link Mode#DEVICE_PAIRS}: the device times its two units' pair itself (BiStim², MagPro
 * Twin/Dual): one serial trigger per trial, every trial, the test alone included;</li>
 * <li>{@link Mode#HOST_PAIRS}: two or more units and a host-timed rate that covers the interval (the
 * in-process simulator): the pulse thread gives a pair as a two-pulse plan, the interval exact;</li>
 * <li>{@link Mode#SINGLE_PULSES}: no conditioned trial (a recruitment curve, or a one-unit device
 * measuring the test alone): one pulse per trial from unit A (channel 0), the only unit every device has.</li>
 * </ul>
 * A paired-pulse measurement needs two units on the link; anything else is refused with the reason.
 */
public final class TrialDevice {
    /** What a paired-pulse measurement needs, named in every refusal. */
    static final String NEEDS = "a paired-pulse measurement needs two units timed apart by the interval: "
            + "a Magstim BiStim² (profile magstim-bistim) or a MagPro with MagOption in Twin/Dual mode (magventure-x100)";
    /**
     * The interval loaded when the device times pairs but the plan conditions none (a recruitment curve
     * on a BiStim²): unit B is at 0 % on every such trial, so it never discharges and the interval is moot.
     */
    static final long IDLE_PAIR_NANOS = 10_000_000L;
    private static final BigDecimal ANY_INTERVAL_SECONDS = BigDecimal.valueOf(4);

    /** How every trial of one measurement is given. */
    public enum Mode {
        DEVICE_PAIRS("the device times each pair (one serial trigger per trial)"),
        HOST_PAIRS("the pulse thread times each pair"),
        SINGLE_PULSES("one pulse per trial from unit A");

        private final String words;

        Mode(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    private final Mode mode;
    private final Delivery firstLoad;

    private TrialDevice(Mode mode, Delivery firstLoad) {
        this.mode = mode;
        this.firstLoad = firstLoad;
    }

    public Mode mode() {
        return mode;
    }

    /** What the device is loaded with before arming (the first pair's interval, or single pulses). */
    Delivery firstLoad() {
        return firstLoad;
    }

    /**
     * Why {@code plan}'s trials cannot be given on {@code device} (opened with {@code profile}), or
     * empty. Asked before arming by every door (the CLI, the console).
     */
    public static Optional<String> refusal(MeasurementPlan plan, HardwareProfile profile, Stimulator device) {
        return decide(plan, profile, device).refusal;
    }

    /** How {@code plan}'s trials reach {@code device}. @throws IllegalArgumentException if refused */
    static TrialDevice of(MeasurementPlan plan, HardwareProfile profile, Stimulator device) {
        Decision decision = decide(plan, profile, device);
        if (decision.refusal.isPresent()) {
            throw new IllegalArgumentException(decision.refusal.get());
        }
        return decision.device;
    }

    private record Decision(TrialDevice device, Optional<String> refusal) {
        static Decision refused(String reason) {
            return new Decision(null, Optional.of(reason));
        }
    }

    private static Decision decide(MeasurementPlan plan, HardwareProfile asOpened, Stimulator device) {
        HardwareProfile profile = asOpened.reaching(device.reachableChannels());
        String what = asOpened.name() + " (" + asOpened.model() + ")";
        List<Condition> conditioned = plan.conditions().stream().filter(c -> c.isiMs().isPresent()).toList();
        if (conditioned.isEmpty()) {
            return singlePulses(plan, profile, what);
        }
        if (!asOpened.capabilities().pairedPulses()) {
            return Decision.refused(what + " gives no paired pulses; " + NEEDS);
        }
        if (asOpened.capabilities().channels() < 2) {
            return Decision.refused(what + " has " + asOpened.capabilities().channels() + " unit; " + NEEDS);
        }
        if (profile.capabilities().channels() < 2) {
            return Decision.refused("the link to " + what + " reaches one unit (" + device.reachableChannels()
                    + "); " + NEEDS);
        }
        Delivery first = null;
        Boolean deviceTimed = null;
        for (Condition c : conditioned) {
            long isiNanos = c.isiMs().orElseThrow().movePointRight(6).longValueExact();
            DeliveryChoice choice = DeliveryPlanner.choose(pairPlan(plan.pulses(plan.conditions().indexOf(c))),
                    ProtocolKind.PAIRED_PULSE, profile);
            if (choice instanceof DeliveryChoice.Refused refused) {
                return Decision.refused(c.name() + " cannot be given on " + what + ": " + refused.reason());
            }
            Delivery delivery = ((DeliveryChoice.Chosen) choice).delivery();
            if (deviceTimed != null && deviceTimed != delivery.deviceTimed()) {
                return Decision.refused("on " + what + " some of the intervals would be timed by the device and some "
                        + "by the host; a measurement gives every trial one way");
            }
            deviceTimed = delivery.deviceTimed();
            if (first == null) {
                first = deviceTimed ? Delivery.devicePairs(TrainSetting.pair(isiNanos)) : delivery;
            }
        }
        Optional<String> resolution = biStimResolution(asOpened, conditioned);
        if (resolution.isPresent()) {
            return Decision.refused(resolution.get());
        }
        return new Decision(new TrialDevice(deviceTimed ? Mode.DEVICE_PAIRS : Mode.HOST_PAIRS, first), Optional.empty());
    }

    /**
     * Test pulses alone on any device: host-timed single pulses where the planner gives them; on a
     * device that only fires pairs (the BiStim²), the pair with unit B at 0 %, so unit A alone discharges.
     */
    private static Decision singlePulses(MeasurementPlan plan, HardwareProfile profile, String what) {
        int highest = plan.trials().stream().mapToInt(t -> t.pulses().testPercentMso()).max().orElseThrow();
        DeliveryChoice choice = DeliveryPlanner.choose(PulsePlan.singlePulse(highest, 0), ProtocolKind.RTMS, profile);
        if (choice instanceof DeliveryChoice.Chosen chosen) {
            return new Decision(new TrialDevice(Mode.SINGLE_PULSES, chosen.delivery()), Optional.empty());
        }
        DeliveryChoice pair = profile.capabilities().channels() < 2 ? choice
                : DeliveryPlanner.choose(pairPlan(TrialPulses.paired(highest, highest, IDLE_PAIR_NANOS)),
                ProtocolKind.PAIRED_PULSE, profile);
        if (pair instanceof DeliveryChoice.Chosen chosen && chosen.delivery().deviceTimed()) {
            return new Decision(new TrialDevice(Mode.DEVICE_PAIRS, chosen.delivery()), Optional.empty());
        }
        return Decision.refused("single pulses cannot be given on " + what + ": "
                + ((DeliveryChoice.Refused) choice).reason());
    }

    /**
     * A BiStim² switches between 0.1 ms and 1 ms interval steps ({@code Y@}/{@code Z@}) only while
     * disarmed (MagPy's BiStim.highResolutionMode), so one measurement's intervals must share a step.
     */
    private static Optional<String> biStimResolution(HardwareProfile profile, List<Condition> conditioned) {
        if (!profile.wireProtocol().equals("magstim-bistim")) {
            return Optional.empty();
        }
        long fine = conditioned.stream().filter(c -> highResolution(c.isiMs().orElseThrow())).count();
        return fine == 0 || fine == conditioned.size() ? Optional.empty()
                : Optional.of("a BiStim² sets intervals up to 99.9 ms in 0.1 ms steps and longer ones in whole ms, and "
                + "changes between the two only while disarmed: measure intervals up to 99.9 ms and longer ones "
                + "separately");
    }

    static boolean highResolution(BigDecimal isiMs) {
        return isiMs.compareTo(new BigDecimal("99.9")) <= 0;
    }

    /** A trial's pair as a one-pair plan: the conditioning pulse on unit A at 0, the test pulse on unit B at the interval. */
    static PulsePlan pairPlan(TrialPulses trial) {
        return new PairedPulse("trial", "", BigDecimal.valueOf(trial.isiNanos(), 6),
                new Intensity.Absolute(BigDecimal.valueOf(trial.conditioningPercentMso())),
                new Intensity.Absolute(BigDecimal.valueOf(trial.testPercentMso())), 1, ANY_INTERVAL_SECONDS)
                .expand(TrialDevice::absolute);
    }

    private static int absolute(Intensity intensity) {
        return ((Intensity.Absolute) intensity).percentMso().intValueExact();
    }

    /** One line for the console and the record. */
    public String describe() {
        return mode.toString();
    }
}
