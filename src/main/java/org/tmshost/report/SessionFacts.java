package org.tmshost.report;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.PulseRow;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TrainRow;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a session report says, computed from the record alone: per train the pulses delivered and the
 * output they were delivered at, the intensity rule, the lateness bins, and the faults, pauses and
 * stops placed on the session's time axis.
 */
final class SessionFacts {
    private SessionFacts() {
    }

    /**
     * One train: planned pulses, those delivered (on record and not disowned by the device), and the
     * lowest and highest output they were delivered at (0 when none was).
     */
    record TrainDelivery(int number, int planned, int delivered, int minOutputPercentMso, int maxOutputPercentMso,
                         double plannedStartSeconds) {
        String output() {
            return delivered == 0 ? "–" : minOutputPercentMso == maxOutputPercentMso ? maxOutputPercentMso + "% MSO"
                    : minOutputPercentMso + "–" + maxOutputPercentMso + "% MSO";
        }
    }

    /** The session's trains as planned, each with what was delivered; one row for the whole plan if none are on record. */
    static List<TrainDelivery> trains(List<TrainRow> trains, List<PulseRow> pulses, int plannedPulses) {
        List<TrainRow> planned = trains.isEmpty() ? List.of(new TrainRow(0, 0, plannedPulses, 0)) : trains;
        var rows = new ArrayList<TrainDelivery>(planned.size());
        for (TrainRow t : planned) {
            int delivered = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (PulseRow p : pulses) {
                if (p.index() >= t.firstPulse() && p.index() < t.firstPulse() + t.pulseCount()
                        && !p.confirmed().equals(Optional.of(false))) {
                    delivered++;
                    min = Math.min(min, p.outputPercentMso());
                    max = Math.max(max, p.outputPercentMso());
                }
            }
            rows.add(new TrainDelivery(t.index() + 1, t.pulseCount(), delivered, delivered == 0 ? 0 : min, max,
                    t.plannedStartNanos() / 1e9));
        }
        return rows;
    }

    /**
     * How the protocol's intensities became outputs, one line each: {@code 80% RMT (RMT 50% MSO, EMG) ->
     * 40% MSO}, by the same conversion the session used (rounding down). Empty if the record's protocol
     * text no longer parses.
     */
    static List<String> intensityRule(SessionRow s, Optional<String> protocolText) {
        Optional<Protocol> protocol = protocolText.flatMap(text -> {
            try {
                return Optional.of(ProtocolFiles.parse(s.protocolName(), text));
            } catch (Exception e) {
                return Optional.empty();
            }
        });
        if (protocol.isEmpty()) {
            return List.of();
        }
        MotorThresholds thresholds = MotorThresholds.of(s.rmtPercentMso().orElse(null), s.amtPercentMso().orElse(null),
                ThresholdMethod.UNSTATED);
        String method = s.mtMethod().orElse("method not stated");
        var lines = new ArrayList<String>();
        for (Intensity intensity : protocol.get().intensities()) {
            if (intensity instanceof Intensity.Relative r) {
                Optional<Double> mt = r.threshold() == ThresholdKind.RMT ? s.rmtPercentMso() : s.amtPercentMso();
                lines.add(mt.isEmpty() ? r + " (" + r.threshold() + " not on record)"
                        : r + " (" + r.threshold() + " " + number(mt.get()) + "% MSO, " + method + ") \u2192 "
                        + thresholds.toPercentMso(r) + "% MSO");
            } else {
                lines.add(intensity + " (absolute, no threshold)");
            }
        }
        return lines;
    }

    /** Lateness (actual - planned) in bins of a round width in µs, at most about a dozen. */
    record LatenessBins(long fromMicros, long widthMicros, int[] counts) {
        String label(int bin) {
            long from = fromMicros + bin * widthMicros;
            return from + " to " + (from + widthMicros) + " µs";
        }
    }

    static LatenessBins lateness(List<PulseRow> pulses) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (PulseRow p : pulses) {
            long late = Math.floorDiv(p.actualNanos() - p.plannedNanos(), 1_000L);
            min = Math.min(min, late);
            max = Math.max(max, late);
        }
        long width = roundWidth(Math.max(1, max - min + 1) / 12.0);
        long from = Math.floorDiv(min, width) * width;
        int bins = (int) Math.max(1, Math.floorDiv(max - from, width) + 1);
        int[] counts = new int[bins];
        for (PulseRow p : pulses) {
            counts[(int) Math.floorDiv(Math.floorDiv(p.actualNanos() - p.plannedNanos(), 1_000L) - from, width)]++;
        }
        return new LatenessBins(from, width, counts);
    }

    private static long roundWidth(double raw) {
        long magnitude = 1;
        while (true) {
            for (long factor : new long[]{1, 2, 5}) {
                if (factor * magnitude >= raw) {
                    return factor * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    /** A fault, pause, resume, stop or trip, at seconds from the session's t0. */
    record Event(double atSeconds, String what, String detail) {
    }

    /** The events to mark on the session's timeline: pauses and resumptions, trips, and an end that was not completion. */
    static List<Event> events(SessionRow s, List<TransitionRow> transitions, List<TripRow> trips) {
        Instant zero = s.startedAt().orElse(s.createdAt());
        var events = new ArrayList<Event>();
        for (TransitionRow t : transitions) {
            String what = switch (t.toState()) {
                case "PAUSED" -> "Paused";
                case "RUNNING" -> t.fromState().equals("PAUSED") ? "Resumed" : null;
                case "ABORTED" -> "Stopped (ABORTED)";
                case "FAULTED" -> "Fault (FAULTED)";
                case "INTERRUPTED" -> "Interrupted";
                default -> null;
            };
            if (what != null) {
                events.add(new Event(seconds(zero, t.at()), what, t.reason()
                        + t.userId().map(u -> " (by " + u + ")").orElse("")));
            }
        }
        for (TripRow t : trips) {
            events.add(new Event(seconds(zero, t.at()), "Trip: " + t.cause(), t.detail()));
        }
        events.sort(java.util.Comparator.comparingDouble(Event::atSeconds));
        return events;
    }

    private static double seconds(Instant zero, Instant at) {
        return Duration.between(zero, at).toNanos() / 1e9;
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
