package org.tmshost.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row per recorded pulse, the same in every format: times in microseconds (exact, three
 * decimals: the record's nanoseconds), the unit in every name, where the pulse sits in its
 * protocol ({@link PulsePlaces}) and its time on the host's wall clock with the zone's offset.
 * Session columns repeat on every row, so rows of many sessions stack into one tidy table.
 */
public final class PulseExport {
    /** CSV columns, in order; docs/exports.md describes each. The first two are the columns of old exports. */
    public static final List<String> COLUMNS = List.of("session", "pulse_index", "planned_us", "actual_us",
            "lateness_us", "output_percent_mso", "channel", "confirmed", "train_index", "burst_index", "pair_index",
            "protocol_pulse_index", "wall_clock", "subject", "protocol", "session_state", "simulation");

    /** ISO-8601 to the microsecond, always with a numeric offset ({@code +00:00}, never {@code Z}). */
    static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final SessionRow session;
    private final List<PulseRow> pulses;
    private final PulsePlaces places;
    private final ZoneId zone;

    private PulseExport(SessionRow session, List<PulseRow> pulses, PulsePlaces places, ZoneId zone) {
        this.session = session;
        this.pulses = pulses;
        this.places = places;
        this.zone = zone;
    }

    public static PulseExport of(RecordStore store, SessionRow session, ZoneId zone) {
        return new PulseExport(session, store.pulses(session.id()), PulsePlaces.of(store, session), zone);
    }

    public List<PulseRow> pulses() {
        return pulses;
    }

    /** Nanoseconds as microseconds, exactly: 1234567 ns is 1234.567 µs. */
    public static BigDecimal micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3);
    }

    /**
     * When the pulse left the host on the wall clock: the session's recorded start (read as its pulse
     * thread set t0) plus the pulse's actual offset; empty for a session whose start was not recorded.
     */
    public Optional<String> wallClock(PulseRow p) {
        return session.startedAt().map(start -> wallClock(start.plusNanos(p.actualNanos()), zone));
    }

    static String wallClock(Instant at, ZoneId zone) {
        return WALL_CLOCK.format(at.atZone(zone));
    }

    /** The CSV row of {@code p}, in {@link #COLUMNS} order. */
    List<Object> row(PulseRow p) {
        PulsePlace place = places.of(p.index());
        return Arrays.asList(session.id(), p.index(), micros(p.plannedNanos()), micros(p.actualNanos()),
                micros(p.actualNanos() - p.plannedNanos()), p.outputPercentMso(), p.channel(),
                p.confirmed().orElse(null), place.train().orElse(null), place.burst().orElse(null),
                place.pair().orElse(null), place.protocolPulse(), wallClock(p).orElse(null), session.subjectId(),
                session.protocolName(), session.state(), session.simulated());
    }

    /** Adds a row per pulse to {@code table} (made with {@link #COLUMNS}). */
    public void addTo(CsvTable table) {
        pulses.forEach(p -> table.add(row(p)));
    }

    /** A table with this session's pulses. */
    public String csv() {
        CsvTable table = new CsvTable(COLUMNS);
        addTo(table);
        return table.text();
    }

    /**
     * The JSON object of {@code p}: the fields of earlier exports ({@code plannedNanos},
     * {@code actualNanos}, {@code fired} in ns, kept for the scripts that read them) and the same
     * quantities in µs beside them, with the pulse's place and wall-clock time.
     */
    public Map<String, Object> json(PulseRow p) {
        PulsePlace place = places.of(p.index());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("plannedNanos", p.plannedNanos());
        m.put("actualNanos", p.actualNanos());
        m.put("latenessMicros", micros(p.actualNanos() - p.plannedNanos()));
        m.put("outputPercentMso", p.outputPercentMso());
        m.put("channel", p.channel());
        m.put("fired", p.actualNanos()); // when it left the host, ns from t0 (contracts.md §5)
        m.put("confirmed", p.confirmed().orElse(null)); // the device's word; null where it cannot confirm
        m.put("plannedMicros", micros(p.plannedNanos()));
        m.put("actualMicros", micros(p.actualNanos()));
        m.put("trainIndex", place.train().orElse(null));
        m.put("burstIndex", place.burst().orElse(null));
        m.put("pairIndex", place.pair().orElse(null));
        m.put("protocolPulseIndex", place.protocolPulse());
        m.put("wallClock", wallClock(p).orElse(null));
        return m;
    }

    public List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>(pulses.size());
        pulses.forEach(p -> out.add(json(p)));
        return out;
    }
}
