package org.tmshost.session;

/**
 * Every arming check, with a stable id (records, scripts), the component it concerns and what the
 * operator should do when it fails. All are mandatory: there is no configuration that disables one
 * (style-examples §11; contrast ArduPilot's ARMING_CHECK bitmask).
 */
public enum CheckId {
    THRESHOLDS_MEASURED_TODAY("thresholds", "subject",
            "Measure the motor threshold(s) the protocol uses in this session, by EMG or visually, and enter them."),
    ENVELOPE_APPROVED("envelope", "protocol",
            "A BLOCKED protocol cannot run; every NEEDS_OVERRIDE finding needs a supervisor's approval with a reason."),
    DEVICE_IDENTIFIED("device", "stimulator",
            "Connect the stimulator named by the profile, switch it on, and check the cable and the --device URI."),
    COIL_READY("coil", "coil",
            "Connect the coil, clear any device fault, and let the coil cool below its warning temperature."),
    STOP_BUTTON_RELEASED("stop-button", "stop button",
            "Release the stop button (and check that it works) before arming."),
    HEARING_PROTECTION_CONFIRMED("hearing-protection", "subject",
            "Fit earplugs (subject and operator) and confirm it."),
    SCREENING_CONFIRMED("screening", "subject",
            "Complete the TMS safety screening questionnaire for this subject and confirm it."),
    DOSE_LEDGER_ALLOWS("dose-ledger", "subject",
            "The subject's pulses today or the time since their last session exceed the policy; wait or get approval."),
    FREE_SPACE("free-space", "record",
            "Free space on the disk holding TMSHOST_HOME (its records and journals), or move it to a larger disk.");

    private final String id;
    private final String component;
    private final String help;

    CheckId(String id, String component, String help) {
        this.id = id;
        this.component = component;
        this.help = help;
    }

    /** Stable id, e.g. {@code coil}. */
    public String id() {
        return id;
    }

    public String component() {
        return component;
    }

    /** What to do about a failure. */
    public String help() {
        return help;
    }
}
