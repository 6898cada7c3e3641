package org.tmshost.threshold;

import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;

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
}
