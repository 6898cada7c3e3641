package org.tmshost.profile;

import java.util.List;
import java.util.Optional;

/**
 * One stimulator or rig as {@code hardware-profiles/NAME.yaml} describes it (contracts.md §5).
 * {@code file} is the file the profile was read from: its text and SHA-256, recorded with each
 * session, and whether the site has it in force ({@link LimitsFile.Standing}).
 */
public record HardwareProfile(String name, String model, boolean simulation, String wireProtocol,
                              Optional<LinkSettings> link, Capabilities capabilities, DeviceLimits limits,
                              TimingTolerances timing, Optional<GpioPins> gpio, List<String> sources,
                              LimitsFile file) {
    /** SHA-256 of the profile file's text. */
    public String sha256() {
        return file.sha256();
    }

    /**
     * This profile as a device is reached through its link: no more channels than {@code units}
     * (the ideal simulator has four in process, one over the Rapid² wire it speaks). Same name and
     * SHA-256: the file is unchanged, the reach is the link's.
     */
    public HardwareProfile reaching(int units) {
        if (units >= capabilities.channels()) {
            return this;
        }
        return new HardwareProfile(name, model, simulation, wireProtocol, link, capabilities.withChannels(units), limits,
                timing, gpio, sources, file);
    }
}
