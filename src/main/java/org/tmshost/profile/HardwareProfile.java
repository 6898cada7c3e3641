package org.tmshost.profile;

import java.util.List;
import java.util.Optional;

/**
 * One stimulator or rig as {@code hardware-profiles/NAME.yaml} describes it (contracts.md §5).
 * {@code sha256} is the digest of the file the profile was read from, recorded with each session.
 */
public record HardwareProfile(String name, String model, boolean simulation, String wireProtocol,
                              Optional<LinkSettings> link, Capabilities capabilities, DeviceLimits limits,
                              TimingTolerances timing, Optional<GpioPins> gpio, List<String> sources,
                              String sha256) {
}
