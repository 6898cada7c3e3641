package org.tmshost.threshold;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Drives one {@link MotorThresholdHunt} through a {@link HuntPulsePath}, single pulses only: for each
 * pulse it sets the output and checks the read-back, waits until the paced time (at least 4 s since
 * the previous pulse, plus jitter), has the path check that the interlocks are clear and the device
 * ready, logs the pulse ({@link HuntLog}, write-ahead), has the pulse thread fire it, and hands the
 * MEP source's reading to the hunt. It arms the path at the start and always disarms it at the end.
 * The first pulse comes one interval after arming (the device charges). At most {@code pulseCap}
 * pulses are given; if the hunt is not done by then the result says so. It never fires a pulse itself.
 *
 * <p>Intensities are rounded to whole %MSO and clipped to [1, {@link #MAX_OUTPUT_PERCENT_MSO}].
 */
public final class HuntRunner {
    public static final int MAX_OUTPUT_PERCENT_MSO = 100;
    /** No hunt may be configured with more pulses than this. */
    public static final int MAX_PULSE_CAP = 500;

    /**
     * @param channel    the stimulator unit that fires (0 for a single unit)
     * @param pulseCap   most pulses one hunt may give (1..500)
     * @param jitterSeed seeds the interval jitter, so that runs are reproducible
     */
    public record Settings(int channel, int pulseCap, HuntPacing pacing, long jitterSeed) {
        public Settings {
            if (pulseCap < 1 || pulseCap > MAX_PULSE_CAP) {
                throw new IllegalArgumentException("the pulse cap must be in 1.." + MAX_PULSE_CAP + ", was " + pulseCap);
            }
            if (channel < 0 || pacing == null) {
                throw new IllegalArgumentException("need a channel >= 0 and a pacing");
            }
        }

        /** Channel 0, at most 100 pulses, 4–6 s apart. */
        public static Settings standard(long jitterSeed) {
            return new Settings(0, 100, HuntPacing.standard(), jitterSeed);
        }
    }

    private final HuntPulsePath path;
    private final MepSource mepSource;
    private final HuntClock clock;
    private final InstantSource wallClock;
    private final Settings settings;
    private final HuntLog log;

    /** A runner that logs nothing (see {@link HuntLog#NONE}). */
    public HuntRunner(HuntPulsePath path, MepSource mepSource, HuntClock clock, InstantSource wallClock, Settings settings) {
        this(path, mepSource, clock, wallClock, settings, HuntLog.NONE);
    }

    /**
     * @param wallClock dates the result
     * @param log       receives each pulse as it is given and its reading as it is taken
     */
    public HuntRunner(HuntPulsePath path, MepSource mepSource, HuntClock clock, InstantSource wallClock, Settings settings,
                      HuntLog log) {
        this.path = path;
        this.mepSource = mepSource;
        this.clock = clock;
        this.wallClock = wallClock;
        this.settings = settings;
        this.log = log;
    }

    public HuntResult run(MotorThresholdHunt hunt)
            throws DeviceFault, HuntStopped, MepInputException, InterruptedException {
        if (hunt.needsAmplitudes() && !mepSource.providesAmplitudes()) {
            throw new IllegalArgumentException(hunt.method().label() + " needs MEP amplitudes; this MEP input gives yes/no only");
        }
        if (hunt.trials() != 0) {
            throw new IllegalArgumentException("the hunt has already been driven; start a new one");
        }
        SplittableRandom jitter = new SplittableRandom(settings.jitterSeed());
        List<HuntResult.Trial> trials = new ArrayList<>();
        int channel = settings.channel();
        try {
            path.arm();
            long due = clock.nanoTime() + settings.pacing().nextIntervalNanos(jitter);
            while (!hunt.done()) {
                if (trials.size() >= settings.pulseCap()) {
                    return result(HuntResult.Outcome.PULSE_CAP_REACHED, hunt, trials);
                }
                int output = (int) Math.max(1, Math.min(MAX_OUTPUT_PERCENT_MSO, Math.round(hunt.nextIntensityPercentMso())));
                int readBack = path.setOutput(channel, output);
                if (readBack != output) {
                    throw new DeviceFault(FaultCodes.READBACK_MISMATCH, "output set to " + output + " %MSO but read back as " + readBack);
                }
                clock.sleepUntil(due);
                path.requireReady(trials.size());
                long firedAt = clock.nanoTime();
                DeliveredPulse pulse = new DeliveredPulse(trials.size(), readBack, firedAt);
                log.pulseFiring(pulse); // write-ahead: a pulse that cannot be recorded is not given
                path.fire(trials.size(), output, channel);
                MepReading reading = mepSource.read(pulse);
                log.readingTaken(pulse, reading);
                trials.add(new HuntResult.Trial(pulse.index(), readBack, firedAt, reading));
                if (reading instanceof MepReading.Amplitude amplitude) {
                    hunt.onResponse(readBack, amplitude.microvolts());
                } else {
                    hunt.onJudgement(readBack, ((MepReading.Judgement) reading).response());
                }
                due = firedAt + settings.pacing().nextIntervalNanos(jitter);
            }
            return result(hunt.estimate().isPresent() ? HuntResult.Outcome.COMPLETED : HuntResult.Outcome.OUT_OF_RANGE,
                    hunt, trials);
        } finally {
            path.disarm();
        }
    }

    private HuntResult result(HuntResult.Outcome outcome, MotorThresholdHunt hunt, List<HuntResult.Trial> trials) {
        return new HuntResult(outcome, hunt.method(), hunt.criterion(), hunt.estimate(), trials.size(),
                wallClock.instant(), mepSource.evidence(), trials);
    }
}
