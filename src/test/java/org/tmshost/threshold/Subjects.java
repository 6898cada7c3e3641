package org.tmshost.threshold;

import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded virtual subjects from the shipped parameter files, for the threshold tests. */
final class Subjects {
    private Subjects() {
    }

    static SubjectParameters type(String name) {
        try {
            return SubjectParameters.read(Path.of("simulator/subjects", name + ".yaml"));
        } catch (InvalidFileException e) {
            throw new IllegalStateException(e.errors().toString(), e);
        }
    }

    static VirtualSubject typical(double rmt, long seed) {
        return new VirtualSubject(type("typical").withRestingThreshold(rmt), seed);
    }

    static VirtualSubject of(String name, double rmt, long seed) {
        return new VirtualSubject(type(name).withRestingThreshold(rmt), seed);
    }

    /**
     * Hunts 20 seeded typical subjects (true RMT 35..73 %MSO, each hunt started at 120% of it),
     * driven directly without the runner: every error under 4 %MSO, the mean under 1.5.
     */
    static void assertConvergesOnTypicalSubjects(LongFunction<MotorThresholdHunt> huntStartingAt, long firstSeed,
                                                 Consumer<MotorThresholdHunt> alsoCheck) {
        double sumAbs = 0;
        for (int i = 0; i < 20; i++) {
            double truth = 35 + 2 * i;
            VirtualSubject subject = typical(truth, firstSeed + i);
            MotorThresholdHunt hunt = huntStartingAt.apply(Math.round(1.2 * truth));
            while (!hunt.done()) {
                long x = Math.round(hunt.nextIntensityPercentMso());
                hunt.onResponse(x, subject.mepMicrovolts(x));
            }
            double error = hunt.estimate().orElseThrow().thresholdPercentMso() - truth;
            assertThat(Math.abs(error)).as("subject %d, true RMT %s", i, truth).isLessThan(4.0);
            alsoCheck.accept(hunt);
            sumAbs += Math.abs(error);
        }
        assertThat(sumAbs / 20).as("mean absolute error").isLessThan(1.5);
    }
}
