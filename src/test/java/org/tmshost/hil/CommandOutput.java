package org.tmshost.hil;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule ids a refusal names in {@code tmshost run}'s output: envelope findings
 * ({@code "  BLOCKED        device.capability: ..."}) and failed arming checks
 * ({@code "PreArm: [coil] coil: ..."}).
 */
final class CommandOutput {
    private static final Pattern FINDING = Pattern.compile("(?m)^\\s+(?:BLOCKED|NEEDS_OVERRIDE)\\s+([a-z0-9][a-z0-9.-]*):");
    private static final Pattern ARMING_CHECK = Pattern.compile("(?m)^PreArm: \\[([a-z0-9-]+)\\]");

    private CommandOutput() {
    }

    static List<String> envelopeRules(String output) {
        return ids(FINDING.matcher(output));
    }

    static List<String> failedArmingChecks(String output) {
        return ids(ARMING_CHECK.matcher(output));
    }

    private static List<String> ids(Matcher m) {
        Set<String> ids = new LinkedHashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return new ArrayList<>(ids);
    }
}
