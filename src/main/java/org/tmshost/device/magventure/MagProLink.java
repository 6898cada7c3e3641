package org.tmshost.device.magventure;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.transport.LinkErrorBudget;
import org.tmshost.device.transport.LinkLoss;
import org.tmshost.device.transport.LinkThread;
import org.tmshost.device.transport.Transport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The MagPro's serial link. Its thread reads frames continuously, hands each message to the
 * {@link MagProDeviceState} and the {@link MagProInbox}, polls status every poll period, and
 * declares the link lost after silence beyond the limit, more bad frames in a row than the budget,
 * or the transport closing (the device is then told to disable). Writes from any thread share a
 * write gate (a short spin, no lock, for the pulse thread).
 */
final class MagProLink {
    private final Transport transport;
    private final MagProLinkOptions options;
    private final MagProDeviceState state;
    private final MagProFrameReader reader;
    private final MagProInbox inbox = new MagProInbox();
    private final AtomicBoolean writeGate = new AtomicBoolean();
    private final LinkErrorBudget badFrames; // link thread only
    private final LinkLoss linkLoss;
    private final LinkThread thread;
    private final byte[] buffer = new byte[512]; // link thread only
    private final Consumer<FrameReadResult> onResult = this::onResult;
    private volatile int badFramesTotal;
    private volatile long lastGoodFrameNanos;
    private volatile long lastBadFrameNanos = Long.MIN_VALUE;
    private long lastPollNanos; // link thread only

    MagProLink(Transport transport, MagProLinkOptions options, MagProDeviceState state) {
        this.transport = transport;
        this.options = options;
        this.state = state;
        this.reader = new MagProFrameReader(TimeUnit.MILLISECONDS.toNanos(options.replyTimeoutMillis()));
        this.badFrames = new LinkErrorBudget(options.faultBudget());
        this.linkLoss = new LinkLoss(() -> write(MagProCommands.enable(false).toBytes()), inbox::wake);
        this.lastGoodFrameNanos = System.nanoTime();
        this.thread = new LinkThread("magpro-link " + transport.description(), () -> true, this::turn,
                e -> loseLink(transport.description() + " closed: " + e.getMessage()));
    }

    void start() {
        lastPollNanos = System.nanoTime();
        thread.start();
    }

    boolean running() {
        return thread.running();
    }

    /** Ends the link thread and closes the transport (which frees its read). */
    void stop() {
        thread.stop(transport::close);
    }

    void onLinkThread(Runnable task) {
        thread.request(task);
    }

    void onLoss(Consumer<DeviceFault> listener) {
        linkLoss.listen(listener);
    }

    /** Why the link was declared lost, or {@code null}. */
    DeviceFault loss() {
        return linkLoss.fault();
    }

    boolean lost() {
        return linkLoss.declared();
    }

    void requireLink() throws DeviceFault {
        DeviceFault lost = linkLoss.fault();
        if (lost != null) {
            throw new DeviceFault(FaultCodes.LINK_LOST, lost.getMessage());
        }
    }

    void send(MagProFrame frame) throws DeviceFault {
        requireLink();
        try {
            write(frame.toBytes());
        } catch (IOException e) {
            loseLink("writing to " + transport.description() + " failed: " + e.getMessage());
            requireLink();
        }
    }

    /** Any thread, the pulse thread too: no allocation, no lock (a short spin on the write gate). */
    void write(byte[] bytes) throws IOException {
        while (!writeGate.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            transport.write(bytes, 0, bytes.length);
        } finally {
            writeGate.set(false);
        }
    }

    /** The inbox's mark, taken before sending a command whose confirmation {@link #await} waits for. */
    long mark() {
        return inbox.mark();
    }

    /** The first message after {@code afterSequence} that matches, or {@code null} on timeout or link loss. */
    MagProMessage await(long afterSequence, Predicate<MagProMessage> matches) {
        return inbox.await(afterSequence, matches, TimeUnit.MILLISECONDS.toNanos(options.replyTimeoutMillis()),
                linkLoss::declared);
    }

    /** Command 0x00 and its reply (message 0). */
    MagProMessage.Status requestStatus() throws DeviceFault {
        requireLink();
        long after = mark();
        send(MagProCommands.status());
        MagProMessage reply = await(after, m -> m instanceof MagProMessage.Status);
        if (reply == null) {
            requireLink();
            throw new DeviceFault(MagProStimulator.NO_REPLY, "the MagPro did not answer a status request within "
                    + options.replyTimeoutMillis() + " ms; check the cable (COM2, null-modem) and that the device is on");
        }
        return (MagProMessage.Status) reply;
    }

    long lastGoodFrameNanos() {
        return lastGoodFrameNanos;
    }

    long lastBadFrameNanos() {
        return lastBadFrameNanos;
    }

    int badFramesTotal() {
        return badFramesTotal;
    }

    void loseLink(String why) {
        linkLoss.declare(new DeviceFault(FaultCodes.LINK_LOST, why));
    }

    private void turn() throws IOException {
        int n = transport.read(buffer, 0, buffer.length, options.readSliceMillis());
        long now = System.nanoTime();
        if (n > 0) {
            reader.accept(buffer, 0, n, now, onResult);
        }
        reader.expire(now, onResult);
        if (linkLoss.declared()) {
            return;
        }
        if (now - lastPollNanos >= TimeUnit.MILLISECONDS.toNanos(options.pollPeriodMillis())) {
            lastPollNanos = now;
            write(MagProCommands.status().toBytes());
        }
        if (now - lastGoodFrameNanos > TimeUnit.MILLISECONDS.toNanos(options.silenceLimitMillis())) {
            loseLink("no valid frame from the MagPro for " + options.silenceLimitMillis()
                    + " ms; check the cable and that the device is on");
        }
    }

    private void onResult(FrameReadResult result) {
        if (result instanceof FrameFault fault) {
            onBadFrame(fault.kind() + ": " + fault.detail());
            return;
        }
        MagProMessage message = MagProMessages.decode((MagProFrame) result);
        if (message instanceof MagProMessage.Malformed malformed) {
            onBadFrame(malformed.problem());
            return;
        }
        badFrames.passed();
        lastGoodFrameNanos = System.nanoTime();
        state.update(message);
        inbox.add(message);
    }

    private void onBadFrame(String what) {
        badFramesTotal++;
        lastBadFrameNanos = System.nanoTime();
        if (badFrames.failed()) {
            loseLink(badFrames.inRow() + " bad frames in a row from the MagPro (last: " + what
                    + "); check the cable, baud rate (38400 8N1) and port");
        }
    }
}
