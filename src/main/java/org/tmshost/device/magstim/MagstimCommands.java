package org.tmshost.device.magstim;

/**
 * The host's Magstim commands, one factory each: the only way a {@link MagstimCommand} is built,
 * so a command the host must never send has no factory here ({@code b@}, "ignore coil interlock
 * switch", TDb 087). The MagPro's counterpart is {@code MagProCommands}.
 *
 * <p>Numbers are zero-padded ASCII digits; ranges are checked here, before anything is sent.
 */
public final class MagstimCommands {
    private MagstimCommands() {
    }

    // --- every model ---

    /** {@code Q@}: take remote control (software before V9, or V9+ without an unlock code). */
    public static MagstimCommand enableRemoteControl() {
        return new MagstimCommand('Q', "@", 3);
    }

    /**
     * {@code Q<unlock code>}: take remote control on Rapid² V9+, with the unit-specific code from
     * Magstim, sent as given (ISO-8859-1 characters, as MagPy sends it).
     */
    public static MagstimCommand enableRemoteControl(UnlockCode unlockCode) {
        return new MagstimCommand('Q', unlockCode.text(), 3);
    }

    /** {@code R@}: return control to the front panel (the unit disarms first). */
    public static MagstimCommand disableRemoteControl() {
        return new MagstimCommand('R', "@", 3);
    }

    /** {@code EA}: disarm (mode byte b0, stop). */
    public static MagstimCommand disarm() {
        return new MagstimCommand('E', "A", 3);
    }

    /** {@code EB}: arm (mode byte b1); the unit is ready about 1 s later. */
    public static MagstimCommand arm() {
        return new MagstimCommand('E', "B", 3);
    }

    /** {@code EH}: fire (mode byte b3); one pulse, or one device-timed train in Rapid train mode. */
    public static MagstimCommand fire() {
        return new MagstimCommand('E', "H", 3);
    }

    /** {@code @nnn}: power of unit A in %MSO (0–100; 110 in Rapid enhanced power mode). */
    public static MagstimCommand setPowerA(int outputPercentMso) {
        return new MagstimCommand('@', digits(outputPercentMso, 3, 0, 110, "power A"), 3);
    }

    /** {@code F@}: coil temperatures (two windings, 0.1 °C each). Reply 9 bytes. */
    public static MagstimCommand getCoilTemperature() {
        return new MagstimCommand('F', "@", 9);
    }

    // --- 200² and BiStim² ---

    /** {@code J@}: power A, power B, inter-pulse interval, 3 digits each. Reply 12 bytes. */
    public static MagstimCommand getParameters() {
        return new MagstimCommand('J', "@", 12);
    }

    /** {@code Annn}: BiStim power of unit B in %MSO. */
    public static MagstimCommand setPowerB(int outputPercentMso) {
        return new MagstimCommand('A', digits(outputPercentMso, 3, 0, 100, "power B"), 3);
    }

    /** {@code Cnnn}: BiStim inter-pulse interval, ms (low-res) or 0.1 ms (hi-res); 0 = simultaneous. */
    public static MagstimCommand setInterPulseInterval(int intervalSteps) {
        return new MagstimCommand('C', digits(intervalSteps, 3, 0, 999, "inter-pulse interval"), 3);
    }

    /** {@code Y@} (on) / {@code Z@} (off): BiStim 0.1 ms interval resolution; refused while armed. */
    public static MagstimCommand setHighResolutionTiming(boolean on) {
        return new MagstimCommand(on ? 'Y' : 'Z', "@", 3);
    }

    /** {@code X@}: BiStim system mode (cboulay README). Reply 4 bytes. */
    public static MagstimCommand getSystemMode() {
        return new MagstimCommand('X', "@", 4);
    }

    // --- Rapid² ---

    /** {@code ND}: software version, reply {@code N, status, "x.y.z", NUL, checksum}. */
    public static MagstimCommand getVersion() {
        return new MagstimCommand('N', "D", MagstimCommand.NUL_TERMINATED);
    }

    /** {@code \@}: Rapid status and parameters; reply length depends on the software version. */
    public static MagstimCommand getRapidParameters(SoftwareVersion version) {
        return new MagstimCommand('\\', "@", version.rapidParametersReplyLength());
    }

    /** {@code Bnnnn}: train frequency in 0.1 Hz (0–1000). Set power first. */
    public static MagstimCommand setFrequency(int frequencyTenthsHz) {
        return new MagstimCommand('B', digits(frequencyTenthsHz, 4, 0, 1000, "frequency (0.1 Hz)"), 4);
    }

    /** {@code Dnnnn} (5 digits from V9): pulses per train (0–6000). */
    public static MagstimCommand setPulseCount(int pulses, SoftwareVersion version) {
        return new MagstimCommand('D', digits(pulses, version.pulseCountDigits(), 0, 6000, "pulses per train"), 4);
    }

    /** {@code [nnn} (4 digits from V9): train duration in 0.1 s; 0 is single-pulse mode. */
    public static MagstimCommand setDuration(int durationTenthsSecond, SoftwareVersion version) {
        int max = version.atLeast(9) ? 9999 : 999;
        return new MagstimCommand('[', digits(durationTenthsSecond, version.durationDigits(), 0, max,
                "train duration (0.1 s)"), 4);
    }

    /** {@code ^@} (on) / {@code _@} (off): enhanced power mode (110%). Reply 4 bytes. */
    public static MagstimCommand setEnhancedPower(boolean on) {
        return new MagstimCommand(on ? '^' : '_', "@", 4);
    }

    /** {@code I@}: current error code, source character and two digits. Reply 6 bytes. */
    public static MagstimCommand getErrorCode() {
        return new MagstimCommand('I', "@", 6);
    }

    /** {@code x@}: system status (V9+): instrument, Rapid and 16-bit extended status. Reply 6 bytes. */
    public static MagstimCommand getSystemStatus() {
        return new MagstimCommand('x', "@", 6);
    }

    private static String digits(int value, int width, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
        String text = Integer.toString(value);
        if (text.length() > width) {
            throw new IllegalArgumentException(what + " " + value + " does not fit in " + width + " digits");
        }
        return "0".repeat(width - text.length()) + text;
    }
}
