package org.tmshost.device.transport;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.LinkFaults;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * A wire driver's link loss, declared once whichever thread notices it first: latched (commands
 * fail from then on), the device told to disarm as well as the failing link allows, then the
 * listeners told ({@link LinkFaults}: a listener added later hears it at once). The Magstim and the
 * MagPro driver both declare their loss here.
 */
public final class LinkLoss {
    /** Writes the device's disarm; an {@link IOException} means the link is gone (nothing more is tried). */
    @FunctionalInterface
    public interface BestEffortDisarm {
        void send() throws IOException;
    }

    private final LinkFaults listeners = new LinkFaults();
    private final BestEffortDisarm disarm;
    private final Runnable onLatched;
    private volatile DeviceFault fault;

    /**
     * @param disarm    sent once the loss is latched
     * @param onLatched run right after the latch and before the disarm (a driver wakes the commands
     *                  waiting for a reply, which then fail with the loss)
     */
    public LinkLoss(BestEffortDisarm disarm, Runnable onLatched) {
        this.disarm = disarm;
        this.onLatched = onLatched;
    }

    public LinkLoss(BestEffortDisarm disarm) {
        this(disarm, () -> { });
    }

    /** Declares {@code loss} unless a loss was declared before; true when this call declared it. */
    public boolean declare(DeviceFault loss) {
        synchronized (this) {
            if (fault != null) {
                return false;
            }
            fault = loss;
        }
        onLatched.run();
        try {
            disarm.send();
        } catch (IOException ignored) {
            // the link is gone: the device's own protection (a Magstim's lease) is what remains
        }
        listeners.report(loss);
        return true;
    }

    public boolean declared() {
        return fault != null;
    }

    /** The declared loss, or {@code null}. */
    public DeviceFault fault() {
        return fault;
    }

    /** Calls {@code listener} with the loss, on the thread that declares it, or at once if it was declared. */
    public void listen(Consumer<DeviceFault> listener) {
        listeners.listen(listener);
    }
}
