package org.tmshost.record;

import org.tmshost.profile.LimitsFile;

/**
 * The limits a session ran under, kept with it verbatim: the hardware profile's file and the site
 * policy's (text, SHA-256, path, standing at the site), so that a record shows what was in force
 * even after the files change.
 */
public record SessionLimits(LimitsFile profile, String policyName, LimitsFile policy) {
}
