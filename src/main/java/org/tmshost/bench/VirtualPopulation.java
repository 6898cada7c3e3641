package org.tmshost.bench;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.session.Confirmations;
import org.tmshost.session.HuntSession;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.SessionSettings;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.threshold.MepSource;
import org.tmshost.threshold.ThresholdBench;
import org.tmshost.timing.VirtualClock;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The world of {@code tmshost bench threshold}: the simulator's virtual subjects as a
 * {@link ThresholdBench.World}, each hunted through a session's pulse path on a simulated device in
 * virtual time (the simulator does not know the threshold package). Subject i has type i mod
 * (number of files), a true RMT uniform in [min, max] and its own seed, all drawn from {@code seed};
 * every method hunts a fresh copy with the same seed. The hunt starts at the "hotspot intensity",
 * taken as 120% of the true RMT (at most 100).
 */
public final class VirtualPopulation implements ThresholdBench.World {
    private final List<SubjectParameters> types;
    private final HardwareProfile profile;
    private final double[] thresholds;
    private final long[] seeds;
    private final double criterionMicrovolts;
    private final int pulseCap;

    public VirtualPopulation(List<SubjectParameters> types, HardwareProfile profile, int subjects, long seed,
                             double minThreshold, double maxThreshold, double criterionMicrovolts, int pulseCap) {
        this.types = types;
        this.profile = profile;
        this.criterionMicrovolts = criterionMicrovolts;
        this.pulseCap = pulseCap;
        this.thresholds = new double[subjects];
        this.seeds = new long[subjects];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < subjects; i++) {
            thresholds[i] = minThreshold + (maxThreshold - minThreshold) * random.nextDouble();
            seeds[i] = random.nextLong();
        }
    }

    @Override
    public int subjects() {
        return thresholds.length;
    }

    public VirtualSubject subject(int i) {
        return new VirtualSubject(types.get(i % types.size()).withRestingThreshold(thresholds[i]), seeds[i]);
    }

    @Override
    public ThresholdBench.Setup setUp(int i, ThresholdBench.Arm arm) {
        VirtualSubject subject = subject(i);
        VirtualClock clock = new VirtualClock(0);
        SimulatedStimulator stimulator = new SimulatedStimulator(profile, clock::nanoTime,
                CoilThermalModel.Parameters.bundled(), pulseCap + 1);
        HuntSession path = HuntSession.prepare(stimulator, profile, true, new LinkWatch(),
                SessionSettings.defaults(Path.of(".")).withVirtualTime(clock), Confirmations.BOTH);
        MepSource mep = MepSource.ofAmplitudes(subject::mepMicrovolts);
        int start = (int) Math.min(100, Math.round(1.2 * subject.restingThresholdPercentMso()));
        return new ThresholdBench.Setup(subject.parameters().name(), subject.thresholdPercentMso(criterionMicrovolts),
                start, path, mep, HuntSession.steppedClock(clock));
    }
}
