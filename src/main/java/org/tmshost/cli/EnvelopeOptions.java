package org.tmshost.cli;

import org.tmshost.profile.SiteLimits;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Which site policy the envelope uses: the site's in force (installed by a supervisor, else
 * shipped), or a file the operator names, which needs a supervisor's approval unless it is
 * byte-identical to the one in force.
 */
final class EnvelopeOptions {
    @Option(names = "--policy", paramLabel = "FILE", description = "Site policy YAML in place of the site's own; "
            + "unless it is the installed policy, a session under it needs a supervisor's approval.")
    Path policy;

    SafetyEnvelope envelope() throws InvalidFileException {
        SiteLimits site = SiteLimits.current();
        return policy == null ? SafetyEnvelope.inForce(site) : SafetyEnvelope.withPolicy(policy, site);
    }
}
