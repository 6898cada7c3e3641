package org.tmshost.safety;

import java.util.List;

/**
 * One envelope rule (one class per rule, as PX4's arming checks). {@link SafetyEnvelope} runs every
 * rule on every check, with no short-circuit, and collects all findings. A rule that cannot be
 * evaluated records why in the context ({@link EnvelopeContext#plan}, {@link EnvelopeContext#percentRmt});
 * the summary rules ({@code mt.missing}, {@code mt.rmt-unknown}) run last and report those.
 */
interface EnvelopeRule {
    void check(EnvelopeContext ctx, List<Finding> out);
}
