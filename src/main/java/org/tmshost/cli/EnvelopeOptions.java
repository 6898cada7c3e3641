package org.tmshost.cli;

import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which site policy the envelope uses: the bundled defaults, or a lab's own file. */
final class EnvelopeOptions {
    @Option(names = "--policy", paramLabel = "FILE", description = "Site policy YAML replacing the shipped defaults.")
    Path policy;

    SafetyEnvelope envelope() throws InvalidFileException {
        return policy == null ? SafetyEnvelope.bundled() : SafetyEnvelope.withPolicy(policy);
    }
}
