package org.tmshost.device;

/**
 * A {@link Stimulator} that passes every call to another one; subclasses override what they watch
 * or change (a pulse-count check, a test's fault injection).
 */
public abstract class ForwardingStimulator implements Stimulator {
    protected final Stimulator device;

    protected ForwardingStimulator(Stimulator device) {
        this.device = device;
    }

    @Override
    public DeviceIdentity identify() throws DeviceFault {
        return device.identify();
    }

    @Override
    public void arm() throws DeviceFault {
        device.arm();
    }

    @Override
    public void disarm() {
        device.disarm();
    }

    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        return device.setOutput(channel, outputPercentMso);
    }

    @Override
    public PulseTrigger trigger() {
        return device.trigger();
    }

    @Override
    public DeviceStatus status() {
        return device.status();
    }

    @Override
    public int deliveredPulseCount() {
        return device.deliveredPulseCount();
    }

    @Override
    public long lastHeardNanos() {
        return device.lastHeardNanos();
    }

    @Override
    public long lastLinkErrorNanos() {
        return device.lastLinkErrorNanos();
    }

    @Override
    public java.util.Optional<TrainTimer> trainTimer() {
        return device.trainTimer();
    }

    @Override
    public void onLinkFault(java.util.function.Consumer<DeviceFault> listener) {
        device.onLinkFault(listener);
    }

    @Override
    public void watchUnattendedStop(java.util.function.LongConsumer watcher) {
        device.watchUnattendedStop(watcher);
    }

    @Override
    public void onLinkThreads(Runnable promotion) {
        device.onLinkThreads(promotion);
    }

    @Override
    public StopButton stopButton() {
        return device.stopButton();
    }

    @Override
    public boolean readsCoilTemperature() {
        return device.readsCoilTemperature();
    }

    @Override
    public int reachableChannels() {
        return device.reachableChannels();
    }

    @Override
    public long knownRunningUntilNanos() {
        return device.knownRunningUntilNanos();
    }

    @Override
    public long unattendedStopNanos() {
        return device.unattendedStopNanos();
    }

    @Override
    public void close() {
        device.close();
    }
}
