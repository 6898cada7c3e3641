package org.tmshost.safety;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.PulseSequence;
import org.tmshost.protocol.Quadripulse;
import org.tmshost.protocol.Rtms;
import org.tmshost.protocol.ThetaBurst;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.yaml.InvalidFileException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small protocols, thresholds and profiles for the envelope tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final DoseHistory NO_HISTORY = DoseHistory.none(NOW);
    static final SafetyEnvelope ENVELOPE = SafetyEnvelope.bundled();

    private Fixtures() {
    }

    static MotorThresholds emg(double rmt) {
        return MotorThresholds.of(rmt, null, ThresholdMethod.EMG);
    }

    static MotorThresholds emg(Double rmt, Double amt) {
        return MotorThresholds.of(rmt, amt, ThresholdMethod.EMG);
    }

    static MotorThresholds visual(double rmt) {
        return MotorThresholds.of(rmt, null, ThresholdMethod.VISUAL);
    }

    static HardwareProfile profile(String name) {
        try {
            return HardwareProfiles.load(name);
        } catch (InvalidFileException e) {
            throw new IllegalStateException(e);
        }
    }

    static HardwareProfile simulator() {
        return profile("simulator");
    }

    static Rtms rtms(String hz, int pulsesPerTrain, int trains, String itiSeconds, String intensity) {
        return new Rtms("test rTMS", "test", new BigDecimal(hz), pulsesPerTrain, trains, new BigDecimal(itiSeconds),
                Intensity.parse(intensity));
    }

    static ThetaBurst tbs(int burstsPerTrain, int trains, String itiSeconds, String intensity) {
        return new ThetaBurst("test TBS", "test", 3, new BigDecimal("50"), new BigDecimal("5"), burstsPerTrain, trains,
                new BigDecimal(itiSeconds), Intensity.parse(intensity));
    }

    static PairedPulse paired(String isiMs, String conditioning, String test) {
        return new PairedPulse("test pairs", "test", new BigDecimal(isiMs), Intensity.parse(conditioning),
                Intensity.parse(test), 10, new BigDecimal("5"));
    }

    static Quadripulse qps(String ipiMs, String intensity) {
        return new Quadripulse("test QPS", "test", 4, new BigDecimal(ipiMs), new BigDecimal("5"), 10,
                Intensity.parse(intensity));
    }

    /** Pulses at the given times (seconds), each with its own intensity. */
    static PulseSequence sequence(String... timeAndIntensity) {
        var pulses = new ArrayList<PulseSequence.SequencePulse>();
        for (int i = 0; i < timeAndIntensity.length; i += 2) {
            pulses.add(new PulseSequence.SequencePulse(new BigDecimal(timeAndIntensity[i]),
                    Intensity.parse(timeAndIntensity[i + 1])));
        }
        return new PulseSequence("test sequence", "test", pulses);
    }

    /** The simulator profile with some of its lines replaced (whole-text replacements, each must match). */
    static HardwareProfile simulatorWith(String... fromTo) {
        String text = readFile("hardware-profiles/simulator.yaml");
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!text.contains(fromTo[i])) {
                throw new IllegalArgumentException("simulator.yaml has no " + fromTo[i]);
            }
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        try {
            return HardwareProfiles.parse("test-profile.yaml", text);
        } catch (InvalidFileException e) {
            throw new IllegalStateException(e);
        }
    }

    static String readFile(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The bundled site policy text, for tests that write a modified copy. */
    static String bundledPolicyText() {
        return EnvelopeData.resource(SitePolicy.FILE);
    }

    /** An envelope with the bundled policy text modified by whole-text replacements. */
    static SafetyEnvelope withPolicy(java.nio.file.Path dir, String... fromTo) throws InvalidFileException {
        String text = bundledPolicyText();
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!text.contains(fromTo[i])) {
                throw new IllegalArgumentException("site-policy.yaml has no " + fromTo[i]);
            }
            text = text.replace(fromTo[i], fromTo[i + 1]);
        }
        java.nio.file.Path file = dir.resolve("policy.yaml");
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SafetyEnvelope.withPolicy(file);
    }

    static Protocol builtIn(String name) {
        return ProtocolLibrary.builtIn(name).orElseThrow().protocol();
    }

    static Verdict check(Protocol protocol, MotorThresholds thresholds, HardwareProfile profile) {
        return ENVELOPE.check(protocol, thresholds, profile, NO_HISTORY);
    }

    static Verdict check(Protocol protocol, MotorThresholds thresholds) {
        return check(protocol, thresholds, simulator());
    }

    static List<Finding> findings(Verdict verdict, String ruleId) {
        return verdict.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    static Optional<Finding> finding(Verdict verdict, String ruleId) {
        List<Finding> found = findings(verdict, ruleId);
        if (found.size() > 1) {
            throw new AssertionError("more than one " + ruleId + " finding: " + found);
        }
        return found.stream().findFirst();
    }
}
