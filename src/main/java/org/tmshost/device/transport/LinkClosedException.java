package org.tmshost.device.transport;

import java.io.IOException;

/** The other end of a link is gone (hang-up, disconnect, closed socket or pipe). */
public final class LinkClosedException extends IOException {
    public LinkClosedException(String message) {
        super(message);
    }
}
