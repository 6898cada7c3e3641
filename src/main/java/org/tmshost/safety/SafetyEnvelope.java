package org.tmshost.safety;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.LimitsFile;
import org.tmshost.profile.SiteLimits;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The static safety envelope (envelope-rules.md): checks a protocol, for a subject's motor
 * thresholds, on a hardware profile, given the subject's dose history, against every rule, and
 * returns all findings. Every limit comes from a data file (tables under
 * {@code src/main/resources/safety/}, limits of the device from its profile); none is a constant here.
 *
 * <p>Immutable and thread-safe.
 */
public final class SafetyEnvelope {
    /**
     * Every rule, in the order findings of equal severity are listed. The two summary rules come
     * last because they report what the others could not evaluate.
     */
    private static final List<EnvelopeRule> RULES = List.of(
            new TrainDurationRule(),
            new InterTrainIntervalRule(),
            new VisualThresholdRule(),
            new RtmsIntensityRule(),
            new PatternedIntensityRule(),
            new DeviceMaxOutputRule(),
            new DeviceMinIntervalRule(),
            new DeviceRateVsOutputRule(),
            new DeviceEnergyRule(),
            new DeviceCapabilityRule(),
            new DeliveryPathRule(),
            new SessionPulsesRule(),
            new DailyPulsesRule(),
            new IntersessionIntervalRule(),
            new MethodUnstatedRule(),
            new MissingThresholdRule(),
            new RmtUnknownRule(),
            new SiteLimitsRule());

    private final EnvelopeData data;

    private SafetyEnvelope(EnvelopeData data) {
        this.data = data;
    }

    /**
     * The envelope with the bundled tables and the bundled site policy ({@code safety/site-policy.yaml}),
     * judging no site: tests and benches. Sessions use {@link #inForce}.
     */
    public static SafetyEnvelope bundled() {
        return new SafetyEnvelope(EnvelopeData.bundled());
    }

    /**
     * The envelope of a site: the policy it has in force (installed, else shipped), and findings for
     * a profile or policy the site does not have in force ({@code site.*}).
     *
     * @throws InvalidFileException naming the file, line, column and field of every problem of an installed policy
     */
    public static SafetyEnvelope inForce(SiteLimits site) throws InvalidFileException {
        return new SafetyEnvelope(EnvelopeData.load(site.policyInForce(), true));
    }

    /**
     * The envelope of a site with a policy file the operator named ({@code --policy FILE}): used,
     * and reported as a finding needing a supervisor when it is not the site's policy in force.
     *
     * @throws InvalidFileException naming the file, line, column and field of every problem
     */
    public static SafetyEnvelope withPolicy(Path sitePolicyYaml, SiteLimits site) throws InvalidFileException {
        return new SafetyEnvelope(EnvelopeData.load(site.judgePolicy(sitePolicyYaml.toString(),
                readPolicy(sitePolicyYaml)), true));
    }

    /**
     * The envelope with the bundled tables and a lab's policy file in place of the bundled policy
     * (the whole file: every field is required), judging no site: tests and tools.
     *
     * @throws InvalidFileException naming the file, line, column and field of every problem
     */
    public static SafetyEnvelope withPolicy(Path sitePolicyYaml) throws InvalidFileException {
        return new SafetyEnvelope(EnvelopeData.load(LimitsFile.of(sitePolicyYaml.toString(),
                readPolicy(sitePolicyYaml), LimitsFile.Standing.NOT_INSTALLED, "read without a site"), false));
    }

    private static String readPolicy(Path sitePolicyYaml) throws InvalidFileException {
        return DataFileText.read(sitePolicyYaml, "site policy", DataFileText.MAX_BYTES);
    }

    /**
     * Runs every rule (no short-circuit) and returns all findings, worst first.
     *
     * @param history the subject's dose so far; {@link DoseHistory#none} for a check without a subject
     */
    public Verdict check(Protocol protocol, MotorThresholds thresholds, HardwareProfile profile, DoseHistory history) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(thresholds.method(), "thresholds.method (use UNSTATED when unknown)");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(history, "history");
        EnvelopeContext ctx = new EnvelopeContext(protocol, thresholds, profile, history, data);
        var findings = new ArrayList<Finding>();
        for (EnvelopeRule rule : RULES) {
            rule.check(ctx, findings);
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return Verdict.of(findings, ctx.plan());
    }

    /** SHA-256 (hex) of the envelope's data: the tables, the rule citations and the policy in use. */
    public String sha256() {
        return data.sha256();
    }

    /**
     * How long after a session the host's own fault ended it may be continued for its remaining
     * pulses without a supervisor (site policy {@code continueWithinMinutes}; 0: never).
     */
    public java.time.Duration continuationWindow() {
        return java.time.Duration.ofMinutes(data.policy().continueWithinMinutes());
    }

    /** The site's limits on late pulses for {@code kind}, if its policy sets them (else tmshost's defaults). */
    public java.util.Optional<DeviationLimits> deviationLimits(org.tmshost.protocol.ProtocolKind kind) {
        return java.util.Optional.ofNullable(data.policy().deviations().get(kind));
    }

    /**
     * The site's subject ids, matched whole against the normalised id (site policy
     * {@code subjectIdPattern}; control characters and inner whitespace are refused regardless).
     */
    public java.util.regex.Pattern subjectIdPattern() {
        return data.policy().subjectIdPattern();
    }

    /** Whether the site policy asks operators for their password before they operate ({@code operatorsAuthenticate}). */
    public boolean operatorsAuthenticate() {
        return data.policy().operatorsAuthenticate();
    }

    /** The name the policy in use gives itself. */
    public String policyName() {
        return data.policy().name();
    }

    /** The policy file in use: its path, text, SHA-256 and standing at the site. */
    public LimitsFile policyFile() {
        return data.policyFile();
    }
}
