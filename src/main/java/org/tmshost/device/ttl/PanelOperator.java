package org.tmshost.device.ttl;

import java.util.OptionalInt;

/**
 * The person at a TTL rig's stimulator: its output is set on the stimulator's own panel, which the
 * host cannot read, so the operator sets it and says what the panel shows.
 */
@FunctionalInterface
public interface PanelOperator {
    /** Nobody to ask (a script without a terminal): every output stays unconfirmed. */
    PanelOperator NONE = (channel, outputPercentMso) -> OptionalInt.empty();

    /** Asks for {@code outputPercentMso} on the panel; the value the operator reads there, or empty. */
    OptionalInt confirm(int channel, int outputPercentMso);
}
