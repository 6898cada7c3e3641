package org.tmshost.record;

import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.PulseSequence;
import org.tmshost.protocol.Quadripulse;
import org.tmshost.protocol.Rtms;
import org.tmshost.protocol.ThetaBurst;
import org.tmshost.yaml.InvalidFileException;

import java.util.List;
import java.util.Optional;

/**
 * The train, burst and pair of each recorded pulse, read from the plan the record holds, never
 * guessed from timing (a late pulse or a pause would move a guess): the protocol file the session
 * recorded verbatim, counted in the treatment's plan (a continuation's pulse 0 is its
 * {@code firstPulse}). Where that text no longer reads (a stricter parser than the one that ran
 * it), the train comes from the session's trains table and burst and pair stay empty.
 */
public final class PulsePlaces {
    private final Optional<Protocol> protocol;
    private final List<TrainRow> trains;
    private final int firstPulse;

    PulsePlaces(Optional<Protocol> protocol, List<TrainRow> trains, int firstPulse) {
        this.protocol = protocol;
        this.trains = trains;
        this.firstPulse = firstPulse;
    }

    /** The places of {@code session}'s pulses, from what its record holds. */
    public static PulsePlaces of(RecordStore store, SessionRow session) {
        Optional<Protocol> protocol = store.protocolText(session.id()).flatMap(text -> parsed(session.id(), text));
        return new PulsePlaces(protocol, store.trains(session.id()), store.continuity(session.id()).firstPulse());
    }

    private static Optional<Protocol> parsed(long sessionId, String text) {
        try {
            return Optional.of(ProtocolFiles.parse("session " + sessionId + "'s protocol", text));
        } catch (InvalidFileException | RuntimeException unreadable) { // an export still gives every pulse
            return Optional.empty();
        }
    }

    /** Where the session's pulse {@code sessionPulse} sits. */
    public PulsePlace of(int sessionPulse) {
        int p = firstPulse + sessionPulse;
        if (protocol.isEmpty()) {
            return firstPulse == 0 ? PulsePlace.unknown(p).withTrain(trainFromTable(sessionPulse)) : PulsePlace.unknown(p);
        }
        Protocol plan = protocol.get();
        if (p < 0 || p >= plan.pulseCount()) {
            return PulsePlace.unknown(p);
        }
        if (plan instanceof Rtms rtms) {
            return place(p, p / rtms.pulsesPerTrain(), null, null);
        }
        if (plan instanceof ThetaBurst tbs) {
            int perTrain = tbs.pulsesPerBurst() * tbs.burstsPerTrain();
            return place(p, p / perTrain, (p % perTrain) / tbs.pulsesPerBurst(), null);
        }
        if (plan instanceof Quadripulse qps) {
            return place(p, 0, p / qps.pulsesPerBurst(), null);
        }
        if (plan instanceof PairedPulse) {
            return place(p, 0, null, p / 2);
        }
        if (plan instanceof PulseSequence) {
            return place(p, 0, null, null);
        }
        return PulsePlace.unknown(p);
    }

    private static PulsePlace place(int p, Integer train, Integer burst, Integer pair) {
        return new PulsePlace(p, Optional.ofNullable(train), Optional.ofNullable(burst), Optional.ofNullable(pair));
    }

    private Optional<Integer> trainFromTable(int sessionPulse) {
        for (TrainRow t : trains) {
            if (sessionPulse >= t.firstPulse() && sessionPulse < t.firstPulse() + t.pulseCount()) {
                return Optional.of(t.index());
            }
        }
        return Optional.empty();
    }
}
