package org.tmshost.device;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A driver's link faults as its listeners see them: the first one is kept, and a listener added
 * after it was reported hears it at once, so a fault on the link thread between opening the device
 * and attaching a session is never missed.
 */
public final class LinkFaults {
    private final List<Consumer<DeviceFault>> listeners = new CopyOnWriteArrayList<>();
    private volatile DeviceFault first;

    /** Tells every listener, on the caller's thread (a driver's link thread). */
    public void report(DeviceFault fault) {
        synchronized (this) {
            if (first == null) {
                first = fault;
            }
        }
        for (Consumer<DeviceFault> listener : listeners) {
            tell(listener, fault);
        }
    }

    public void listen(Consumer<DeviceFault> listener) {
        DeviceFault past;
        synchronized (this) {
            listeners.add(listener);
            past = first;
        }
        if (past != null) {
            tell(listener, past);
        }
    }

    public Optional<DeviceFault> first() {
        return Optional.ofNullable(first);
    }

    private static void tell(Consumer<DeviceFault> listener, DeviceFault fault) {
        try {
            listener.accept(fault);
        } catch (RuntimeException ignored) {
            // a listener must not stop the link from reporting
        }
    }
}
