package org.tmshost.safety;

import org.tmshost.profile.HardBounds;
import org.tmshost.protocol.ProtocolKind;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A lab's policy limits (bundled defaults: {@code safety/site-policy.yaml}), each with the citation
 * that findings of its rule carry. A policy file replaces the bundled one as a whole. Values beyond
 * the {@link HardBounds} (a cap so high, or a floor so low, that its rule could never fire) are refused.
 */
record SitePolicy(String name, int maxSessionPulses, int maxDailyPulses, BigDecimal minIntersessionMinutes,
                  BigDecimal patternedMaxPercentRmt, BigDecimal rtmsMaxPercentRmt,
                  BigDecimal visualThresholdMarginPercent, boolean chen1997Margin,
                  boolean dailyPulsesIncludeThresholdHunts, int continueWithinMinutes,
                  Map<ProtocolKind, DeviationLimits> deviations, Map<String, String> citations,
                  Pattern subjectIdPattern,
                  boolean operatorsAuthenticate) {

    static final String FILE = "safety/site-policy.yaml";
    /** How long after the host's own fault its session may be continued, when the policy does not say. */
    static final int DEFAULT_CONTINUE_WITHIN_MINUTES = 30;
    /** Subject ids (normalised: NFKC, trimmed, lower case) the site accepts, when the policy does not say. */
    static final String DEFAULT_SUBJECT_ID_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";
    static final List<String> RULES = List.of(SessionPulsesRule.ID, DailyPulsesRule.ID, IntersessionIntervalRule.ID,
            PatternedIntensityRule.ID, RtmsIntensityRule.ID, VisualThresholdRule.ID);

    SitePolicy {
        deviations = Map.copyOf(deviations);
        citations = Map.copyOf(citations);
    }

    String citation(String ruleId) {
        String citation = citations.get(ruleId);
        if (citation == null) {
            throw new IllegalArgumentException("the site policy has no citation for " + ruleId);
        }
        return citation;
    }

    /**
     * Optional {@code deviations:}, by protocol kind ({@code rtms: {perThousand: 50, consecutive: 10,
     * isolated: 5}}); a kind not listed keeps tmshost's default.
     */
    private static Map<ProtocolKind, DeviationLimits> deviations(FieldReader fields) {
        var found = new java.util.EnumMap<ProtocolKind, DeviationLimits>(ProtocolKind.class);
        if (fields.node("deviations").isEmpty()) {
            return found;
        }
        FieldReader kinds = fields.nested("deviations", fields.requireNode("deviations",
                "a mapping of protocol kind to {perThousand, consecutive, isolated}"));
        for (ProtocolKind kind : ProtocolKind.values()) {
            if (kinds.node(kind.fileName()).isPresent()) {
                FieldReader limits = kinds.nested(kind.fileName(), kinds.requireNode(kind.fileName(),
                        "{perThousand, consecutive, isolated}"));
                int perThousand = limits.requireInt("perThousand", 0, 1000);
                int consecutive = limits.requireInt("consecutive", 1, 100_000);
                int isolated = limits.requireInt("isolated", 0, 1000);
                limits.checkUnknown();
                found.put(kind, new DeviationLimits(perThousand, consecutive, isolated));
            }
        }
        kinds.checkUnknown();
        return found;
    }

    /**
     * Refuses a value beyond its hard bound (a policy that would switch its rule off), naming the
     * field's line and the bound.
     */
    private static void bounded(FieldReader fields, String field, BigDecimal value) {
        if (!fields.has(field)) {
            return;
        }
        HardBounds.shipped().policy(field).flatMap(bound -> bound.refusal(value))
                .ifPresent(expected -> fields.errorAt(field, expected));
    }

    /** A pattern of at most 256 characters: Java compiles a regular expression recursively (deep nesting overflows). */
    private static Pattern subjectIdPattern(String text) {
        if (text.length() > 256) {
            throw new IllegalArgumentException("a Java regular expression of at most 256 characters for normalised "
                    + "(lower-case) subject ids; this one has " + text.length());
        }
        return Pattern.compile(text);
    }

    static SitePolicy parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String name = fields.requireText("name", "the policy's name, as free text");
        int session = fields.requireInt("maxSessionPulses", 1, 1_000_000);
        int daily = fields.requireInt("maxDailyPulses", 1, 10_000_000);
        BigDecimal intersession = fields.requireDecimal("minIntersessionMinutes", Range.between("0", "10080"));
        BigDecimal patterned = fields.requireDecimal("patternedMaxPercentRmt", Range.positiveUpTo("200"));
        BigDecimal rtms = fields.requireDecimal("rtmsMaxPercentRmt", Range.positiveUpTo("200"));
        BigDecimal margin = fields.requireDecimal("visualThresholdMarginPercent", Range.between("0", "100"));
        boolean chen = fields.requireBoolean("chen1997Margin");
        // optional, so that policy files written before threshold hunts were recorded stay valid
        boolean hunts = fields.optionalBoolean("dailyPulsesIncludeThresholdHunts").orElse(false);
        int resume = fields.optionalInt("continueWithinMinutes", 0, 24 * 60).orElse(DEFAULT_CONTINUE_WITHIN_MINUTES);
        bounded(fields, "maxSessionPulses", BigDecimal.valueOf(session));
        bounded(fields, "maxDailyPulses", BigDecimal.valueOf(daily));
        bounded(fields, "minIntersessionMinutes", intersession);
        bounded(fields, "patternedMaxPercentRmt", patterned);
        bounded(fields, "rtmsMaxPercentRmt", rtms);
        bounded(fields, "visualThresholdMarginPercent", margin);
        Map<ProtocolKind, DeviationLimits> deviations = deviations(fields);
        Pattern subjectIds = fields.parsedText("subjectIdPattern", "a Java regular expression for normalised "
                + "(lower-case) subject ids", SitePolicy::subjectIdPattern, false)
                .orElseGet(() -> Pattern.compile(DEFAULT_SUBJECT_ID_PATTERN));
        // optional (issue 14): true asks the operator's password before they operate (run, continue, console)
        boolean operatorsAuthenticate = fields.optionalBoolean("operatorsAuthenticate").orElse(false);
        FieldReader citationFields = fields.nested("citations",
                fields.requireNode("citations", "a mapping of rule id to citation for " + String.join(", ", RULES)));
        var citations = new LinkedHashMap<String, String>();
        for (String rule : RULES) {
            citations.put(rule, citationFields.requireText(rule, "the source of this limit, as free text"));
        }
        citationFields.checkUnknown();
        fields.finish();
        return new SitePolicy(name, session, daily, intersession, patterned, rtms, margin, chen, hunts, resume,
                deviations, citations, subjectIds,
                operatorsAuthenticate);
    }
}
