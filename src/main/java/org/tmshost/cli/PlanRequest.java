package org.tmshost.cli;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code check}, {@code dry-run} and {@code run} are asked about: a protocol, a profile, thresholds, a policy. */
final class PlanRequest {
    @Parameters(paramLabel = "PROTOCOL", description = "A library name (see 'tmshost protocols') or a protocol file.")
    String protocol;

    @Option(names = "--profile", paramLabel = "P", required = true, description = "Hardware profile name or file.")
    String profile;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    EnvelopeOptions envelopeOptions;

    ProtocolLibrary.Entry protocolEntry() throws InvalidFileException {
        return ProtocolLibrary.resolve(protocol);
    }

    HardwareProfile hardwareProfile() throws InvalidFileException {
        return HardwareProfiles.load(profile);
    }

    MotorThresholds motorThresholds(CommandSpec spec) {
        return thresholds.toThresholds(spec);
    }

    SafetyEnvelope envelope() throws InvalidFileException {
        return envelopeOptions.envelope();
    }
}
