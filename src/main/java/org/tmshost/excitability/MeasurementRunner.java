package org.tmshost.excitability;

import org.tmshost.device.DeviceFault;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.threshold.MepInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives a measurement's trials through a {@link TrialPulsePath}, in the plan's order: for each it
 * sets the device up (outputs and interval, read back), waits until the trial is due, has the path
 * check that the interlocks are clear and the device ready, logs the trial (write-ahead), has the
 * pulse thread give it and takes the MEP. It arms the path at the start and always disarms it at
 * the end; the first trial comes one interval after arming (the device charges). It never fires a
 * pulse itself. A stop, fault or interlock ends it between trials by an exception; what was given is
 * in the log.
 */
public final class MeasurementRunner {
    private final TrialPulsePath path;
    private final TrialMeps meps;
    private final HuntClock clock;
    private final MeasurementLog log;
    private final List<TrialReading> readings = new ArrayList<>();

    public MeasurementRunner(TrialPulsePath path, TrialMeps meps, HuntClock clock, MeasurementLog log) {
        this.path = path;
        this.meps = meps;
        this.clock = clock;
        this.log = log;
    }

    /** Every trial of {@code plan}, given; their readings in the order given. */
    public List<TrialReading> run(MeasurementPlan plan)
            throws DeviceFault, HuntStopped, MepInputException, InterruptedException {
        List<Trial> trials = plan.trials();
        readings.clear();
        try {
            path.arm();
            long previous = clock.nanoTime();
            for (Trial trial : trials) {
                path.setUp(trial.pulses());
                clock.sleepUntil(previous + trial.intervalBeforeNanos());
                path.requireReady(trial.index());
                long firedAt = clock.nanoTime();
                log.trialFiring(trial);
                path.fire(trial.index(), trial.pulses());
                double microvolts = meps.microvolts(trial, firedAt);
                log.readingTaken(trial, microvolts);
                readings.add(new TrialReading(trial, firedAt, microvolts));
                previous = firedAt;
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
}
