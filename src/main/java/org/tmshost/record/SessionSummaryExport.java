package org.tmshost.record;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row per session (the {@code --summary} export): what was planned and delivered, under which
 * thresholds, at what output and with what timing fidelity. Times in µs, wall-clock times with the
 * zone's offset, as in {@link PulseExport}.
 */
public final class SessionSummaryExport {
    public static final List<String> COLUMNS = List.of("session", "subject", "operator", "protocol", "session_state",
            "cause", "simulation", "started_at", "ended_at", "planned_pulses", "delivered_pulses",
            "device_reported_pulses", "continues_session", "rmt_percent_mso", "amt_percent_mso",
            "output_max_percent_mso", "lateness_median_us", "lateness_max_us");

    private SessionSummaryExport() {
    }

    /** The CSV row of {@code s}, in {@link #COLUMNS} order. */
    static List<Object> row(RecordStore store, SessionRow s, ZoneId zone) {
        Figures f = figures(store.pulses(s.id()));
        return Arrays.asList(s.id(), s.subjectId(), s.operatorId(), s.protocolName(), s.state(),
                s.endCause().orElse(null), s.simulated(),
                s.startedAt().map(at -> PulseExport.wallClock(at, zone)).orElse(null),
                s.endedAt().map(at -> PulseExport.wallClock(at, zone)).orElse(null), s.plannedPulses(),
                s.deliveredPulses(), s.deviceReportedPulses().orElse(null),
                store.continuity(s.id()).continues().orElse(null), s.rmtPercentMso().orElse(null),
                s.amtPercentMso().orElse(null), f.outputMax, f.latenessMedian, f.latenessMax);
    }

    /** The JSON object of {@code s}: the {@code sessions --json} summary and the same figures as the CSV row. */
    static Map<String, Object> json(RecordStore store, SessionRow s) {
        Figures f = figures(store.pulses(s.id()));
        Map<String, Object> m = SessionExport.summary(s);
        m.put("continuesSession", store.continuity(s.id()).continues().orElse(null));
        m.put("outputMaxPercentMso", f.outputMax);
        m.put("latenessMedianMicros", f.latenessMedian);
        m.put("latenessMaxMicros", f.latenessMax);
        return m;
    }

    private record Figures(Integer outputMax, BigDecimal latenessMedian, BigDecimal latenessMax) {
    }

    /** Nulls for a session without pulses; the median of an even count is the lower middle (a recorded value). */
    private static Figures figures(List<PulseRow> pulses) {
        if (pulses.isEmpty()) {
            return new Figures(null, null, null);
        }
        long[] lateness = pulses.stream().mapToLong(p -> p.actualNanos() - p.plannedNanos()).sorted().toArray();
        int outputMax = pulses.stream().mapToInt(PulseRow::outputPercentMso).max().orElseThrow();
        return new Figures(outputMax, PulseExport.micros(lateness[(lateness.length - 1) / 2]),
                PulseExport.micros(lateness[lateness.length - 1]));
    }
}
