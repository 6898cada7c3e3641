package org.tmshost.simulator;

import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.Transport;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The device side of a link with a scenario's link faults: after a {@code link-drop} the link is
 * closed; during a {@code reply-stall} the device's replies are swallowed; during {@code garble}
 * each reply byte is flipped with the fault's probability (seeded, so a run repeats exactly).
 */
final class FaultyTransport implements Transport {
    private final Transport inner;
    private final ScenarioPlayer player;
    private final SplittableRandom random = new SplittableRandom(20261122L);

    FaultyTransport(Transport inner, ScenarioPlayer player) {
        this.inner = inner;
        this.player = player;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkDropped();
        if (active(FaultScenario.Kind.REPLY_STALL) != null) {
            return;
        }
        FaultScenario.Fault garble = active(FaultScenario.Kind.GARBLE);
        if (garble == null) {
            inner.write(bytes, offset, length);
            return;
        }
        byte[] copy = new byte[length];
        for (int i = 0; i < length; i++) {
            byte b = bytes[offset + i];
            copy[i] = random.nextDouble() < garble.rate() ? (byte) (b ^ (1 << random.nextInt(8))) : b;
        }
        inner.write(copy, 0, length);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        checkDropped();
        return inner.read(buffer, offset, length, timeoutMillis);
    }

    private void checkDropped() throws LinkClosedException {
        if (active(FaultScenario.Kind.LINK_DROP) != null) {
            inner.close();
            throw new LinkClosedException(inner.description() + ": link dropped by scenario '"
                    + player.scenario().name() + "'");
        }
    }

    /** The fault of this kind in effect now, or null. A link drop lasts forever once due. */
    private FaultScenario.Fault active(FaultScenario.Kind kind) {
        long elapsed = player.elapsedNanos();
        for (FaultScenario.Fault fault : player.scenario().faults()) {
            if (fault.kind() != kind || !player.due(fault)) {
                continue;
            }
            if (kind == FaultScenario.Kind.LINK_DROP || fault.atSeconds().isEmpty()
                    || elapsed < fault.atNanos() + fault.durationNanos()) {
                return fault;
            }
        }
        return null;
    }

    @Override
    public String description() {
        return inner.description() + " (scenario '" + player.scenario().name() + "')";
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }
}
