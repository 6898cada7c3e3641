package org.tmshost.session;

import org.tmshost.device.PulseTrigger;
import org.tmshost.protocol.PulsePlan;

/**
 * The pulse thread's side of device-timed trains: at a train's first pulse it starts the train on
 * the device; at every other pulse of the train it sends nothing, because the device times it,
 * and the scheduler journals the pulse when its planned time has passed with the latch clear. So
 * the journal (the record, and what survives a {@code kill -9}) holds each pulse the device was
 * running when the host last looked, and a trip mid-train ends the journal where the disarm
 * stopped the device. Allocation-free, like every trigger.
 */
final class DeviceTimedTrainTrigger implements PulseTrigger {
    private final boolean[] startsTrain;
    private final PulseTrigger starter;

    DeviceTimedTrainTrigger(PulsePlan plan, PulseTrigger starter) {
        this.starter = starter;
        this.startsTrain = new boolean[plan.pulseCount()];
        for (int train = 0; train < plan.trainCount(); train++) {
            startsTrain[plan.trainFirstPulse(train)] = true;
        }
    }

    @Override
    public long fire(int pulseIndex, int outputPercentMso, int channel) {
        return startsTrain[pulseIndex] ? starter.fire(pulseIndex, outputPercentMso, channel) : 0;
    }
}
