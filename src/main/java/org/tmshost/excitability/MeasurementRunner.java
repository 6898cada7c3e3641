package org.tmshost.excitability;

import org.tmshost.device.DeviceFault;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.threshold.MepInputException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Gives a measurement's trials through a {@link TrialPulsePath}, in the plan's order: for each it
 * sets the device up (outputs and interval, read back), waits until the trial is due (and the device
 * has rested since the last, {@link TrialPulsePath#restNanos}), has the path
 * check that the interlocks are clear and the device ready, logs the trial (write-ahead), has the
 * pulse thread give it and takes the MEP. It arms the path at the start and always disarms it at
 * the end; the first trial comes one interval after arming (the device charges). It never fires a
 * pulse itself. A stop, fault or interlock ends it between trials by an exception; what was given is
 * in the log.
 *
 * <p>A void trial (its test pulse would have been late and was not given) is a timing hiccup, not a
 * fault: it is logged as void and given again one interval later, under the next number, so every
 * condition still gets its trials. Only when more than {@link #allowedVoids} trials are void does the
 * host's timing end the measurement ({@code TIMING_FAULT}): it cannot keep the intervals now.
 */
public final class MeasurementRunner {
    private final TrialPulsePath path;
    private final TrialMeps meps;
    private final HuntClock clock;
    private final MeasurementLog log;
    private final List<TrialReading> readings = new ArrayList<>();
    private final List<Trial> voids = new ArrayList<>();

    public MeasurementRunner(TrialPulsePath path, TrialMeps meps, HuntClock clock, MeasurementLog log) {
        this.path = path;
        this.meps = meps;
        this.clock = clock;
        this.log = log;
    }

    /** Void trials a measurement of {@code plan} absorbs: a tenth of its trials, and at least 3. */
    public static int allowedVoids(MeasurementPlan plan) {
        return Math.max(3, plan.trialCount() / 10);
    }

    /** Every trial of {@code plan}, given; their readings in the order given. */
    public List<TrialReading> run(MeasurementPlan plan)
            throws DeviceFault, HuntStopped, MepInputException, InterruptedException {
        Deque<Trial> due = new ArrayDeque<>(plan.trials());
        readings.clear();
        voids.clear();
        int index = 0;
        try {
            path.arm();
            long previous = clock.nanoTime();
            long rested = previous;
            while (!due.isEmpty()) {
                Trial planned = due.poll();
                Trial trial = planned.index() == index ? planned
                        : new Trial(index, planned.block(), planned.condition(), planned.pulses(),
                        planned.intervalBeforeNanos());
                path.setUp(trial.pulses());
                clock.sleepUntil(Math.max(previous + trial.intervalBeforeNanos(), rested));
                path.requireReady(trial.index());
                long firedAt = clock.nanoTime();
                log.trialFiring(trial);
                boolean given = path.fire(trial.index(), trial.pulses());
                index++;
                previous = firedAt;
                rested = clock.nanoTime() + path.restNanos();
                if (!given) {
                    log.trialVoid(trial);
                    voids.add(trial);
                    if (voids.size() > allowedVoids(plan)) {
                        throw new HuntStopped("TIMING_FAULT", voids.size() + " trials void: the host could not give "
                                + "the test pulse on time after its conditioning pulse (more than "
                                + allowedVoids(plan) + " allowed); rerun on a quieter host or a device that times "
                                + "its pairs", false);
                    }
                    due.addFirst(planned); // again, one interval later
                    continue;
                }
                double microvolts = meps.microvolts(trial, firedAt);
                log.readingTaken(trial, microvolts);
                readings.add(new TrialReading(trial, firedAt, microvolts));
            }
            return List.copyOf(readings);
        } finally {
            path.disarm();
        }
    }

    /** The readings taken so far: all of them after {@link #run}, those before the stop after one. */
    public List<TrialReading> readings() {
        return List.copyOf(readings);
    }

    /** The void trials so far, each given again under a later number. */
    public List<Trial> voidTrials() {
        return List.copyOf(voids);
    }
}
