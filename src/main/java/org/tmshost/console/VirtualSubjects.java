package org.tmshost.console;

import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.threshold.HuntPlan;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The simulator's virtual subjects as a door finds them for {@code --mep virtual[:SUBJECT]}. */
public final class VirtualSubjects {
    /** Where {@code --mep virtual:NAME} looks for NAME.yaml first (relative to the working directory). */
    static final Path SUBJECT_DIR = Path.of("simulator", "subjects");
    /** {@code --mep virtual} without a name. */
    public static final String DEFAULT = "typical";

    private VirtualSubjects() {
    }

    /**
     * A virtual subject by file path, or by name: {@code simulator/subjects/NAME.yaml} in the working
     * directory (a lab's own subjects) first, else the one shipped in the jar.
     */
    public static SubjectParameters parameters(String name) throws HuntPlan.Refused, InvalidFileException {
        boolean path = name.contains("/") || name.endsWith(".yaml");
        Path file = path ? Path.of(name) : SUBJECT_DIR.resolve(name + ".yaml");
        if (Files.isRegularFile(file)) {
            return SubjectParameters.read(file);
        }
        Optional<SubjectParameters> bundled = path ? Optional.empty() : SubjectParameters.bundled(name);
        if (bundled.isPresent()) {
            return bundled.get();
        }
        throw new HuntPlan.Refused("--mep virtual:" + name + ": no subject file " + file + " and no shipped subject of "
                + "that name (shipped: " + String.join(", ", SubjectParameters.bundledNames()) + ")");
    }
}
