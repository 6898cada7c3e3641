package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The device answers, is the profile's model where it can say its model (its own words, never the
 * profile's), and is a SIMULATION exactly when the record says so; no link fault since it was opened.
 */
final class DeviceIdentified implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.allOf(PulsePath.class);
    }

    @Override
    public CheckId id() {
        return CheckId.DEVICE_IDENTIFIED;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        if (c.linkFault().isPresent()) {
            report.fail(id(), "the link to the device failed: " + c.linkFault().get().getMessage());
            return;
        }
        DeviceIdentity identity;
        try {
            identity = c.device().identify();
        } catch (DeviceFault fault) {
            report.fail(id(), "the device did not identify itself (" + fault.code() + "): " + fault.getMessage());
            return;
        }
        if (identity.simulated() != c.simulationExpected()) {
            report.fail(id(), "the device is " + (identity.simulated() ? "a SIMULATION" : "a real stimulator")
                    + " but the session is recorded as " + (c.simulationExpected()
                    ? "a SIMULATION" : "delivered by a real stimulator (profile " + c.profile().name() + ")"));
        }
        // a device that cannot say its model (Magstim, a trigger line) is compared with nothing: its
        // driver no longer puts the profile's words in its mouth, so a match is never an echo
        if (identity.modelReported() && !modelsMatch(identity.model(), c.profile().model())) {
            report.fail(id(), "the device says it is '" + identity.model() + "' but profile "
                    + c.profile().name() + " is for '" + c.profile().model() + "'");
        }
    }

    /**
     * Lenient on purpose: drivers report the model in their own words (a serial number appended,
     * a SIMULATION tag); after dropping parentheses and ", serial ..." one must contain the other.
     */
    static boolean modelsMatch(String reported, String expected) {
        String a = normalize(reported);
        String b = normalize(expected);
        return !a.isEmpty() && !b.isEmpty() && (a.contains(b) || b.contains(a));
    }

    private static String normalize(String model) {
        String text = model.replaceAll("\\([^)]*\\)", " ").replaceAll(",\\s*serial.*$", " ");
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
