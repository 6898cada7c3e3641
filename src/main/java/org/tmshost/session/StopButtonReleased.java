package org.tmshost.session;

import java.util.EnumSet;
import java.util.Set;

/** The hardware stop button is not pressed. */
final class StopButtonReleased implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.allOf(PulsePath.class);
    }

    @Override
    public CheckId id() {
        return CheckId.STOP_BUTTON_RELEASED;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        if (c.stopButton().pressed()) {
            report.fail(id(), "the stop button is pressed");
        }
    }
}
