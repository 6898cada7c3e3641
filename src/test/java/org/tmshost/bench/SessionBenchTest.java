package org.tmshost.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The session bench counts what real sessions did: every pulse's lateness, the ends, the deviations. */
@Tag("unit")
class SessionBenchTest {
    private static final String FIVE_PULSES = """
            name: five
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 5
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;

    @Test
    void eachSessionIsARealSessionAndEveryPulseIsCounted() throws Exception {
        HardwareProfile profile = HardwareProfiles.load("simulator");
        SessionBench.Row row = new SessionBench(profile, FIVE_PULSES, 2, 0).run(false);

        assertThat(row.sessions()).isEqualTo(2);
        assertThat(row.completed() + row.faulted()).isEqualTo(2);
        assertThat(row.pulses()).isEqualTo(row.latenessMicros().getTotalCount()).isBetween(1L, 10L);
        String table = SessionBench.table(profile, "five", 0, List.of(row));
        assertThat(table).contains("real-time", "deviations/1000", "p99.9 µs").contains("off ");
        assertThat(SessionBench.json(profile, "five", 0, List.of(row))).contains("\"realTime\":false", "\"sessions\":2");
    }
}
