package org.tmshost.safety;

import org.tmshost.profile.LimitsFile;
import org.tmshost.yaml.PrintableText;

import java.util.List;

/**
 * {@code site.profile-not-installed} and {@code site.policy-not-installed} (NEEDS_OVERRIDE): the
 * session runs under a hardware profile or site policy the site does not have in force (a file
 * named by path, a {@code ./hardware-profiles} copy that differs from the installed one, an
 * installed file edited since). It is neither refused nor accepted silently: a supervisor approves
 * it, and the record keeps the file's text.
 */
final class SiteLimitsRule implements EnvelopeRule {
    static final String PROFILE_ID = "site.profile-not-installed";
    static final String POLICY_ID = "site.policy-not-installed";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (!ctx.data().judgesSite()) {
            return;
        }
        LimitsFile profile = ctx.profile().file();
        if (!profile.standing().inForce()) {
            out.add(new Finding(PROFILE_ID, Severity.NEEDS_OVERRIDE, "hardware profile " + ctx.profile().name()
                    + " from " + PrintableText.escaped(profile.path()) + " (SHA-256 " + profile.sha256() + ") is "
                    + PrintableText.escaped(profile.provenance())
                    + "; a supervisor installs it ('tmshost profiles install FILE --as SUPERVISOR') or approves it "
                    + "for this session", ctx.data().ruleCitations().siteLimits()));
        }
        LimitsFile policy = ctx.data().policyFile();
        if (!policy.standing().inForce()) {
            out.add(new Finding(POLICY_ID, Severity.NEEDS_OVERRIDE, "site policy '" + ctx.policy().name() + "' from "
                    + PrintableText.escaped(policy.path()) + " (SHA-256 " + policy.sha256() + ") is "
                    + PrintableText.escaped(policy.provenance())
                    + "; a supervisor installs it ('tmshost policy install FILE --as SUPERVISOR') or approves it "
                    + "for this session", ctx.data().ruleCitations().siteLimits()));
        }
    }
}
