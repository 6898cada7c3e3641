package org.tmshost.device.magstim;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.transport.LinkErrorBudget;
import org.tmshost.device.transport.LinkLoss;
import org.tmshost.device.transport.Transport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Magstim's serial port, one command in flight at a time: every exchange holds a fair lock from
 * write to the end of its reply, puts the lease it may renew on record before it leaves, publishes
 * the reply's instrument status, and counts missing or corrupt replies against the budget (one more
 * is link loss, with a best-effort {@code EA}). Refusals ({@code ?}, {@code <cmd>?}, {@code <cmd>S})
 * prove the link alive. The pulse path's {@code EH} goes through here too, pre-built.
 */
final class MagstimPort {
    private static final int BUFFER = 64;

    private final Transport transport;
    private final MagstimLinkOptions options;
    private final MagstimLease lease;
    private final MagstimDeviceState state;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final byte[] replyBuffer = new byte[BUFFER];
    private final byte[] drainBuffer = new byte[BUFFER];
    private final MagstimCommand fireCommand = MagstimCommands.fire();
    private final byte[] fireFrame = fireCommand.frame();
    private final byte[] fireReply = new byte[3];
    private final LinkErrorBudget budget; // guarded by lock
    private final LinkLoss linkLoss;

    MagstimPort(Transport transport, MagstimLinkOptions options, MagstimLease lease, MagstimDeviceState state) {
        this.transport = transport;
        this.options = options;
        this.lease = lease;
        this.state = state;
        this.budget = new LinkErrorBudget(options.missedReplyBudget());
        // best effort: the caller holds the port (or is the link thread)
        this.linkLoss = new LinkLoss(() -> {
            if (transport.isOpen()) {
                transport.write(MagstimCommands.disarm().frame());
            }
        });
    }

    LinkLoss linkLoss() {
        return linkLoss;
    }

    /** A caller's command: waits up to four reply timeouts for the port. */
    MagstimReply command(MagstimCommand command) {
        return exchange(command, 4 * options.replyTimeoutMillis());
    }

    /** {@link #command}, and the acknowledgement it must get. */
    MagstimReply.Acknowledged acknowledged(MagstimCommand command) throws DeviceFault {
        return require(command(command));
    }

    static MagstimReply.Acknowledged require(MagstimReply reply) throws DeviceFault {
        if (reply instanceof MagstimReply.Acknowledged) {
            return (MagstimReply.Acknowledged) reply;
        }
        throw ((MagstimReply.Failed) reply).toDeviceFault();
    }

    /** One command and its reply, holding the port; waits at most {@code lockWaitMillis} for the port. */
    MagstimReply exchange(MagstimCommand command, long lockWaitMillis) {
        if (linkLoss.declared()) {
            return new MagstimReply.Failed(command.code(), ReplyFault.NO_REPLY, "the link was lost earlier");
        }
        if (!lock(lockWaitMillis)) {
            return new MagstimReply.Failed(command.code(), ReplyFault.NO_REPLY, "the serial port stayed busy");
        }
        try {
            byte[] frame = command.frame();
            long sendingAt = System.nanoTime();
            lease.aboutToSend(sendingAt);
            transport.write(frame, 0, frame.length);
            int got = readReply(command, replyBuffer, options.replyTimeoutMillis());
            MagstimReply reply = MagstimCodec.decode(command, replyBuffer, got);
            if (reply instanceof MagstimReply.Acknowledged) {
                InstrumentStatus status = ((MagstimReply.Acknowledged) reply).status();
                if (status.armed()) {
                    lease.answeredArmed(sendingAt); // armed when it got this: its train ran at least until here
                }
                state.heard(status);
                budget.passed();
            } else {
                ReplyFault fault = ((MagstimReply.Failed) reply).fault();
                if (fault == ReplyFault.UNKNOWN_COMMAND || fault == ReplyFault.INVALID_DATA
                        || fault == ReplyFault.CONFLICT) {
                    budget.passed(); // the unit answered: the link is alive
                } else {
                    countFailure(fault.description() + " for " + command);
                    drainStaleInput();
                }
            }
            return reply;
        } catch (IOException e) {
            linkLost("the serial link closed: " + e.getMessage());
            return new MagstimReply.Failed(command.code(), ReplyFault.NO_REPLY, "link closed: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fires {@code EH}; the channel is ignored (a BiStim fires both units at the set interval).
     * {@link PulseTrigger#REFUSED} when it was not sent (port busy) or the unit answered {@code ES},
     * {@link PulseTrigger#UNCONFIRMED} when no acknowledgement came (it may have fired). No
     * allocation of its own: the frame and reply buffer are pre-built; only a contended
     * {@code tryLock} may allocate inside the JDK. Returns the time since {@code EH} was written (its
     * 3 ms of transmission at 9600 baud follow), that is, how long reading the acknowledgement took.
     */
    long fire(int pulseIndex, int outputPercentMso, int channel) {
        long writtenAt = -1;
        if (!lock(options.replyTimeoutMillis())) {
            state.pulseFault(MagstimStimulator.FIRE_PORT_BUSY);
            return PulseTrigger.REFUSED; // never sent
        }
        boolean refused = false;
        boolean unconfirmed = false;
        try {
            long sendingAt = System.nanoTime();
            lease.aboutToSend(sendingAt);
            transport.write(fireFrame, 0, fireFrame.length);
            writtenAt = System.nanoTime();
            state.fireWritten(writtenAt);
            int got = readReply(fireCommand, fireReply, options.replyTimeoutMillis());
            if (MagstimCodec.isPlainAcknowledgement('E', fireReply, got)) {
                if (InstrumentStatus.armed(fireReply[1])) {
                    lease.answeredArmed(sendingAt);
                }
                state.fireAcknowledged(fireReply[1] & 0xFF);
                budget.passed();
            } else if (got == 3 && fireReply[0] == 'E' && fireReply[1] == 'S') {
                budget.passed();
                refused = true; // the unit said it would not fire (not ready, in its wait, disarmed, hot coil)
                state.fireRefused();
            } else {
                state.pulseFault(MagstimStimulator.FIRE_NO_ACK);
                unconfirmed = true; // it may have heard EH and fired: only its reply was lost
                countFailure("no acknowledgement of EH");
                drainStaleInput();
            }
        } catch (IOException e) {
            state.pulseFault(MagstimStimulator.FIRE_NO_ACK);
            unconfirmed = true; // a write that failed may still have left the host whole
            linkLost("the serial link closed while firing: " + e.getMessage());
        } finally {
            lock.unlock();
        }
        if (refused) {
            return PulseTrigger.REFUSED;
        }
        if (unconfirmed) {
            return PulseTrigger.UNCONFIRMED;
        }
        return System.nanoTime() - writtenAt;
    }

    /** Before the first command: what the line holds from before (a killed host's unread replies) is no answer. */
    void discardStaleInput() throws DeviceFault {
        try {
            drainStaleInput();
        } catch (IOException e) {
            throw new DeviceFault(FaultCodes.LINK_LOST, "the serial link closed while opening: " + e.getMessage());
        }
    }

    /** Disarms, returns control to the front panel (each if the transport is still open) and closes the transport. */
    void release() {
        if (transport.isOpen()) {
            command(MagstimCommands.disarm());
            command(MagstimCommands.disableRemoteControl());
        }
        transport.close();
    }

    private boolean lock(long waitMillis) {
        try {
            return lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads until the reply is complete, the buffer is full, or the timeout passes. Holds the port. */
    private int readReply(MagstimCommand command, byte[] buffer, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int have = 0;
        while (true) {
            int needed = Math.min(buffer.length, MagstimCodec.replyLength(command, buffer, have));
            if (have >= needed) {
                return have;
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                return have;
            }
            have += transport.read(buffer, have, needed - have, remainingMillis);
        }
    }

    /**
     * After a bad or late reply: bytes still arriving for it must not be read as the next
     * command's reply. Only on the failure path, because an empty read is not free: jSerialComm
     * on POSIX waits at least 100 ms (VTIME is in tenths of a second) whatever timeout is asked.
     */
    private void drainStaleInput() throws IOException {
        for (int i = 0; i < 8 && transport.read(drainBuffer, 0, drainBuffer.length, 1) > 0; i++) {
            // discard
        }
    }

    private void countFailure(String what) {
        if (budget.failed()) {
            linkLost(budget.inRow() + " replies in a row were missing or corrupt (last: " + what + ")");
        }
    }

    private void linkLost(String why) {
        linkLoss.declare(new DeviceFault(FaultCodes.LINK_LOST, "lost the link to the stimulator: " + why
                + ". The stimulator disarms itself when its lease runs out; check the cable and reconnect"));
    }
}
