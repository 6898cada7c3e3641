package org.tmshost.device.ttl;

import org.tmshost.device.FaultCodes;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.StopButton;
import org.tmshost.profile.HardwareProfile;

import java.util.OptionalInt;

/**
 * A stimulator triggered through a GPIO line (profile {@code wireProtocol: ttl}). The host owns only
 * the lines: it cannot identify the stimulator, set its output (the operator does, on its panel, and
 * confirms it through {@link PanelOperator}), read its coil temperature (the coil-ready input stands
 * in) or count its pulses. Arming verifies the trigger line through its loopback input; while the
 * rig is disarmed its trigger refuses, so the line stays LOW.
 */
public final class TtlRig implements Stimulator {
    private static final int LOOPBACK_EDGES = 3;

    private final HardwareProfile profile;
    private final GpioLines lines;
    private final TtlTriggerLine line;
    private final PulseTrigger trigger;
    private final StopButton stopButton;
    private final PanelOperator panel;
    private volatile boolean armed;

    public TtlRig(HardwareProfile profile, GpioLines lines, PanelOperator panel) {
        this.profile = profile;
        this.lines = lines;
        this.line = new TtlTriggerLine(lines);
        this.panel = panel;
        this.stopButton = lines.stopButton().isPresent() ? new GpioStopButton(lines) : StopButton.NONE;
        this.trigger = (pulseIndex, output, channel) -> armed ? line.fire(pulseIndex, output, channel) : PulseTrigger.REFUSED;
    }

    @Override
    public DeviceIdentity identify() {
        return new DeviceIdentity(DeviceIdentity.NOT_REPORTED + " (a trigger line cannot ask the stimulator behind it)",
                "GPIO trigger line, BCM " + lines.pins().triggerOutPin(), lines.simulated());
    }

    @Override
    public void arm() throws DeviceFault {
        if (armed) {
            return;
        }
        if (!coilReady()) {
            throw new DeviceFault("coil-not-ready", "the stimulator's coil-ready line (BCM "
                    + lines.pins().coilReadyPin().getAsInt() + ") is LOW: is it on, with its coil connected?");
        }
        LoopbackCheck.Result check = LoopbackCheck.run(lines, line, LOOPBACK_EDGES);
        if (!check.passed()) {
            throw new DeviceFault("trigger-line-failed", check.message());
        }
        armed = true;
    }

    /** Holds the trigger line LOW; the stimulator behind it keeps what its own panel says. */
    @Override
    public void disarm() {
        armed = false;
    }

    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        if (channel != 0) {
            throw new DeviceFault(FaultCodes.NO_SUCH_CHANNEL, "a TTL rig triggers one unit; channel " + channel + " does not exist");
        }
        OptionalInt onPanel = panel.confirm(channel, outputPercentMso);
        if (onPanel.isEmpty()) {
            throw new DeviceFault("panel-output-unconfirmed", "set " + outputPercentMso
                    + "% MSO on the stimulator's panel and confirm it: nobody confirmed the output of this TTL rig");
        }
        return onPanel.getAsInt();
    }

    @Override
    public PulseTrigger trigger() {
        return trigger;
    }

    @Override
    public DeviceStatus status() {
        return new DeviceStatus(armed, coilReady(), Double.NaN, null);
    }

    @Override
    public boolean readsCoilTemperature() {
        return false;
    }

    @Override
    public StopButton stopButton() {
        return stopButton;
    }

    private boolean coilReady() {
        return lines.coilReady().map(in -> in.isHigh()).orElse(true);
    }

    @Override
    public void close() {
        armed = false;
        lines.close();
    }
}
