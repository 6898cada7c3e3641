package org.tmshost.safety;

import org.tmshost.profile.LimitsFile;
import org.tmshost.yaml.InvalidFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every number and citation the envelope uses, read from its data files, plus the SHA-256 of
 * those files' texts (recorded with each session: design.md invariant 7), and the policy file
 * itself (its text, SHA-256 and standing at the site).
 *
 * @param judgesSite the envelope reports a profile or policy the site does not have in force
 *                   ({@link SiteLimitsRule}); false for the bundled envelope of tests and benches
 */
record EnvelopeData(TrainDurationTable trainDurations, Chen1997Limits chen1997, RuleCitations ruleCitations,
                    SitePolicy policy, LimitsFile policyFile, boolean judgesSite, String sha256) {

    /** The bundled files, from the classpath. A broken bundled file is a programming error. */
    static EnvelopeData bundled() {
        try {
            return load(LimitsFile.of(SitePolicy.FILE, resource(SitePolicy.FILE), LimitsFile.Standing.SHIPPED,
                    "shipped in the jar"), false);
        } catch (InvalidFileException e) {
            throw new IllegalStateException("bundled safety data is invalid:\n" + e.getMessage(), e);
        }
    }

    /**
     * The bundled tables with a policy file (a lab's, or the bundled one).
     *
     * @throws InvalidFileException naming file, line, column and field of every problem of the policy
     */
    static EnvelopeData load(LimitsFile policyFile, boolean judgesSite) throws InvalidFileException {
        String policyFileName = policyFile.path();
        String policyText = policyFile.text();
        var texts = new LinkedHashMap<String, String>();
        texts.put(TrainDurationTable.FILE, resource(TrainDurationTable.FILE));
        texts.put(Chen1997Limits.FILE, resource(Chen1997Limits.FILE));
        texts.put(RuleCitations.FILE, resource(RuleCitations.FILE));
        TrainDurationTable table;
        Chen1997Limits chen;
        RuleCitations citations;
        try {
            table = TrainDurationTable.parse(TrainDurationTable.FILE, texts.get(TrainDurationTable.FILE));
            chen = Chen1997Limits.parse(Chen1997Limits.FILE, texts.get(Chen1997Limits.FILE));
            citations = RuleCitations.parse(RuleCitations.FILE, texts.get(RuleCitations.FILE));
        } catch (InvalidFileException e) {
            throw new IllegalStateException("bundled safety data is invalid:\n" + e.getMessage(), e);
        }
        SitePolicy policy = SitePolicy.parse(policyFileName, policyText);
        texts.put(SitePolicy.FILE, policyText);
        return new EnvelopeData(table, chen, citations, policy, policyFile, judgesSite, sha256(texts));
    }

    /** The 2009 limit of a cell as applied: times Chen 1997's factor when the policy asks for the margin. */
    BigDecimal trainLimitSeconds(TrainDurationTable.Cell cell) {
        return policy.chen1997Margin() ? cell.limitSeconds().multiply(chen1997.trainDurationMarginFactor())
                : cell.limitSeconds();
    }

    /** The citation of the 2009 limit as applied (with Chen 1997's when the margin is on). */
    String trainLimitCitation() {
        return policy.chen1997Margin() ? trainDurations.citation() + "; margin: " + chen1997.marginCitation()
                : trainDurations.citation();
    }

    /** Digest over every file's role and text, in a fixed order, with lengths so boundaries cannot shift. */
    private static String sha256(Map<String, String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> entry : texts.entrySet()) {
                byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] text = entry.getValue().getBytes(StandardCharsets.UTF_8);
                digest.update((name.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(name);
                digest.update((text.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(text);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    static String resource(String path) {
        try (InputStream in = EnvelopeData.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("bundled safety data file " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
