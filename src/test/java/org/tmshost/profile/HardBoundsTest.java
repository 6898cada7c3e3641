package org.tmshost.profile;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.ValidationError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hard bounds (issue 14): a profile beyond them is refused when it is loaded, whoever installed it,
 * naming file, line, field, value and the bound with its source.
 */
@Tag("unit")
class HardBoundsTest {
    private static String rapid2(String from, String to) throws IOException {
        String text = Files.readString(Path.of("hardware-profiles/magstim-rapid2.yaml"));
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static ValidationError refusal(String text) {
        InvalidFileException e = catchThrowableOfType(InvalidFileException.class,
                () -> HardwareProfiles.parse("lab/rapid2.yaml", text));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void refusesACoilStopAboveTheVendorsLimitWithFileLineFieldAndBound() throws IOException {
        ValidationError error = refusal(rapid2("stopCelsius: 40", "stopCelsius: 60"));
        assertThat(error.location().file()).isEqualTo("lab/rapid2.yaml");
        assertThat(error.location().line()).isGreaterThan(1);
        assertThat(error.field()).isEqualTo("limits.coilTemperature.stopCelsius");
        assertThat(error.value()).isEqualTo("60");
        assertThat(error.expected()).contains("at most 40").contains("magstim-rapid.maxCoilStopCelsius")
                .contains(HardBounds.FILE).contains("MagPy");
        assertThat(error.toString()).startsWith("lab/rapid2.yaml:" + error.location().line());
    }

    @Test
    void refusesAnIntervalBelowTheDevicesHardwareMinimum() throws IOException {
        ValidationError error = refusal(rapid2("minInterPulseIntervalMs: 20 ", "minInterPulseIntervalMs: 5 "));
        assertThat(error.field()).isEqualTo("limits.minInterPulseIntervalMs");
        assertThat(error.expected()).contains("at least 10").contains("magstim-rapid.minInterPulseIntervalMs");
    }

    @Test
    void refusesARateOrASerialFiringRateBeyondTheDevice() throws IOException {
        assertThat(refusal(rapid2("[30, 50]", "[30, 150]")).expected()).contains("at most 100 Hz")
                .contains("magstim-rapid.maxRateHz");
        assertThat(refusal(rapid2("hostTimedSinglePulseRateHz: 1 ", "hostTimedSinglePulseRateHz: 5 ")).field())
                .isEqualTo("capabilities.hostTimedSinglePulseRateHz");
    }

    @Test
    void aSimulationHasTheSimulatorsBoundsAndEveryShippedProfileIsWithinItsBounds() throws IOException {
        String simulator = Files.readString(Path.of("hardware-profiles/simulator.yaml"));
        assertThat(refusal(simulator.replace("stopCelsius: 43", "stopCelsius: 60")).expected())
                .contains("simulation.maxCoilStopCelsius");
        for (String name : HardwareProfiles.shippedNames()) {
            assertThatCode(() -> HardwareProfiles.load(name)).as(name).doesNotThrowAnyException();
        }
    }
}
