package org.tmshost.safety;

import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

/** Citations of the motor-threshold rules and the site-limits rules (data file {@code safety/rule-citations.yaml}). */
record RuleCitations(String mtMissing, String mtRmtUnknown, String mtMethodUnstated, String siteLimits) {

    static final String FILE = "safety/rule-citations.yaml";

    static RuleCitations parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        RuleCitations citations = new RuleCitations(
                fields.requireText(MissingThresholdRule.ID, "the rule's citation, as free text"),
                fields.requireText(RmtUnknownRule.ID, "the rule's citation, as free text"),
                fields.requireText(MethodUnstatedRule.ID, "the rule's citation, as free text"),
                fields.requireText("site.limits-not-installed", "the citation of the site.* rules, as free text"));
        fields.finish();
        return citations;
    }
}
