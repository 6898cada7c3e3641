package org.tmshost.record;

import java.util.Optional;

/**
 * The profile and policy files a session ran under, as stored (empty for sessions recorded before
 * schema version 8). Standing: shipped, installed, not-installed or changed-since-installed.
 */
public record LimitsRow(Optional<String> profilePath, Optional<String> profileStanding, Optional<String> profileText,
                        Optional<String> policyName, Optional<String> policySha256, Optional<String> policyPath,
                        Optional<String> policyStanding, Optional<String> policyText) {
}
