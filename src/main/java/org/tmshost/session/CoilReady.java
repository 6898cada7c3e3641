package org.tmshost.session;

import org.tmshost.device.DeviceStatus;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * No device fault, a coil connected and below its warning temperature (or, behind a trigger line, the
 * coil-ready input high).
 */
final class CoilReady implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.allOf(PulsePath.class);
    }

    @Override
    public CheckId id() {
        return CheckId.COIL_READY;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        DeviceStatus status = c.device().status();
        if (status.faulted()) {
            report.fail(id(), "the device reports fault " + status.faultCode());
        }
        if (!c.device().readsCoilTemperature()) {
            if (!status.ready()) {
                report.fail(id(), "the stimulator's coil-ready line is low: is it on, with its coil connected?");
            }
            return; // the stimulator behind a trigger line guards its coil's temperature itself
        }
        double celsius = status.coilTemperatureCelsius();
        double warn = c.profile().limits().coilTemperature().warnCelsius().doubleValue();
        if (Double.isNaN(celsius)) {
            report.fail(id(), "no coil temperature reading: is the coil connected?");
        } else if (celsius >= warn) {
            report.fail(id(), String.format(Locale.ROOT, "coil at %.1f C, at or above its warning temperature "
                    + "%.1f C (stop %.1f C)", celsius, warn,
                    c.profile().limits().coilTemperature().stopCelsius().doubleValue()));
        }
    }
}
