package org.tmshost.profile;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.yaml.InvalidFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class HardwareProfilesTest {
    @Test
    void everyShippedProfileValidatesAndTheIndexListsExactlyThem() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("hardware-profiles"))) {
            var names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertThat(names).containsAll(java.util.List.of("simulator", "magstim-200", "magstim-bistim",
                    "magstim-rapid2", "magstim-super-rapid2", "magventure-r30", "magventure-x100", "ttl-gpio"));
            assertThat(Files.readAllLines(Path.of("hardware-profiles/index.txt"))).containsExactlyElementsOf(names);
            for (String name : names) {
                HardwareProfile profile = HardwareProfiles.load(name);
                assertThat(profile.name()).isEqualTo(name);
                assertThat(profile.sources()).isNotEmpty();
                assertThat(profile.sha256()).hasSize(64);
            }
        }
    }

    @Test
    void theSimulatorIsIdealAndTheRapid2CarriesItsTables() throws Exception {
        HardwareProfile simulator = HardwareProfiles.load("simulator");
        assertThat(simulator.simulation()).isTrue();
        assertThat(simulator.limits().maxOutputPercentMso()).isEqualTo(100);
        assertThat(simulator.limits().minInterPulseIntervalMs()).isEqualByComparingTo("1");
        assertThat(simulator.limits().rateVsOutput()).isEmpty();
        assertThat(simulator.limits().energyModel()).isEmpty();

        HardwareProfile rapid = HardwareProfiles.load("magstim-rapid2");
        RateTable rates = rapid.limits().rateVsOutput().orElseThrow();
        assertThat(rates.maxRateHz(30).getAsDouble()).isEqualTo(50);
        assertThat(rates.maxRateHz(31).getAsDouble()).isEqualTo(46);
        assertThat(rates.maxRateHz(80).getAsDouble()).isEqualTo(18);
        assertThat(rates.maxRateHz(100).getAsDouble()).isEqualTo(15);
        // 43..47% MSO are all 33 Hz in the source table: the point at 47 governs 43
        assertThat(rates.maxRateHz(43).getAsDouble()).isEqualTo(33);
        assertThat(rapid.limits().energyModel().orElseThrow().joules(80)).isEqualByComparingTo("161.2");
        assertThat(rapid.capabilities().hostTimedSinglePulseRateHz()).isEqualByComparingTo("1");
        assertThat(HardwareProfiles.load("magstim-super-rapid2").limits().rateVsOutput().orElseThrow()
                .maxRateHz(50).getAsDouble()).isEqualTo(50);
    }

    @Test
    void aBrokenProfileNamesFileLineAndField() throws IOException {
        String text = Files.readString(Path.of("hardware-profiles/simulator.yaml"))
                .replace("maxOutputPercentMso: 100", "maxOutputPercentMso: 150");
        InvalidFileException e = catchThrowableOfType(InvalidFileException.class,
                () -> HardwareProfiles.parse("broken.yaml", text));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("limits.maxOutputPercentMso");
            assertThat(error.location().file()).isEqualTo("broken.yaml");
            assertThat(error.location().line()).isGreaterThan(1);
            assertThat(error.expected()).contains("from 1 to 100");
        });
    }

    @Test
    void aRateTableMustIncreaseInOutput() throws IOException {
        String text = Files.readString(Path.of("hardware-profiles/magstim-rapid2.yaml")).replace("[31, 46]", "[29, 46]");
        assertThat(catchThrowableOfType(InvalidFileException.class, () -> HardwareProfiles.parse("r.yaml", text))
                .getMessage()).contains("maxRateVsOutput").contains("increasing");
    }
}
