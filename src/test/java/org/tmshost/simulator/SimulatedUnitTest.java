package org.tmshost.simulator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class SimulatedUnitTest {
    private static HardwareProfile profile(String name) throws Exception {
        return HardwareProfiles.load(name);
    }

    private static InvalidFileException invalid(String text, String profile) {
        return catchThrowableOfType(InvalidFileException.class,
                () -> SimulatedUnit.parse("unit.yaml", text, profile(profile)));
    }

    @Test
    void theShippedUnitsFitTheirProfiles() throws Exception {
        SimulatedUnit v9 = SimulatedUnit.read(Path.of("simulator/units/rapid2-v9.yaml"), profile("magstim-rapid2"));
        assertThat(v9.softwareVersion()).hasValueSatisfying(v -> assertThat(v).containsExactly(9, 0, 0));
        assertThat(v9.unlockCode()).contains("1a2b-3c4d5e6f-1b");
        assertThat(v9.rechargeMs()).contains(1000);
        SimulatedUnit v10 = SimulatedUnit.read(Path.of("simulator/units/rapid2-v10.yaml"), profile("magstim-super-rapid2"));
        assertThat(v10.softwareVersion()).hasValueSatisfying(v -> assertThat(v).containsExactly(10, 0, 0));
        SimulatedUnit magPro = SimulatedUnit.read(Path.of("simulator/units/magpro-x100-cb60.yaml"),
                profile("magventure-x100"));
        assertThat(magPro.serialNumber()).contains(654321);
        assertThat(magPro.coilType()).contains(72);
    }

    /** The codes quoted in MAGIC #11, MAGIC #13 and MagPy #5 all carry their own check digits. */
    @ParameterizedTest
    @ValueSource(strings = {"5f30-da26cd33-4d", "7cef-a1211f8f-16", "1dbf-3cf2e555-16"})
    void publicUnlockCodesPassTheCheckDigits(String code) {
        assertThat(SimulatedUnit.unlockCode(code)).isEqualTo(code);
    }

    @Test
    void unlockCodeTyposAndAppendedChecksumsAreRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> SimulatedUnit.unlockCode("5f30-da26cd34-4d")).hasMessageContaining("would be 4c");
        assertThatThrownBy(() -> SimulatedUnit.unlockCode("1dbf-3cf2e555-16^")).hasMessageContaining("checksum character");
        assertThatThrownBy(() -> SimulatedUnit.unlockCode("1234-12345678")).hasMessageContaining("xxxx-xxxxxxxx-cc");
    }

    @Test
    void errorsNameTheFileLineAndField() {
        InvalidFileException e = invalid("name: lab unit\nsoftwareVersion: \"9.0.0\"\nunlockCode: \"5f30-da26cd34-4d\"\n",
                "magstim-rapid2");
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.location().file()).isEqualTo("unit.yaml");
            assertThat(error.location().line()).isEqualTo(3);
            assertThat(error.field()).isEqualTo("unlockCode");
        });
        assertThat(invalid("name: x\nsoftwareVersion: nine\n", "magstim-rapid2").getMessage())
                .contains("softwareVersion").contains("9.0.0");
        assertThat(invalid("name: x\nserialNumbr: 5\n", "magventure-x100").getMessage())
                .contains("serialNumbr").contains("not a known field");
        assertThat(invalid("name: x\ncoilType: 300\n", "magventure-x100").getMessage()).contains("0 to 255");
    }

    @Test
    void fieldsThatDoNotFitTheProfileAreRefusedWhereTheyStand() {
        assertThat(invalid("name: x\nunlockCode: \"5f30-da26cd33-4d\"\n", "magventure-x100").errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("unlockCode");
                    assertThat(error.location().line()).isEqualTo(2);
                });
        assertThat(invalid("name: x\nsoftwareVersion: \"9\"\n", "magstim-rapid2").getMessage())
                .contains("unlockCode").contains("needs its unlock code");
        assertThat(invalid("name: x\nunlockCode: \"5f30-da26cd33-4d\"\n", "magstim-rapid2").getMessage())
                .contains("before V9");
        assertThat(invalid("name: x\nserialNumber: 5\n", "magstim-bistim").getMessage()).contains("serial number");
        assertThat(invalid("name: x\nrechargeMs: 500\n", "magstim-bistim").getMessage()).contains("4000 ms");
        assertThat(invalid("name: x\nrechargeMs: 500\n", "magventure-r30").getMessage()).contains("no ready state");
    }

    @Test
    void optionsOverrideTheFileFieldByField() throws Exception {
        SimulatedUnit file = SimulatedUnit.read(Path.of("simulator/units/rapid2-v9.yaml"), profile("magstim-rapid2"));
        SimulatedUnit options = new SimulatedUnit("", java.util.Optional.of(SimulatedUnit.version("10")),
                java.util.Optional.empty(), java.util.Optional.of(50), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
        SimulatedUnit merged = file.overriddenBy(options);
        assertThat(merged.softwareVersion()).hasValueSatisfying(v -> assertThat(v).containsExactly(10, 0, 0));
        assertThat(merged.unlockCode()).isEqualTo(file.unlockCode());
        assertThat(merged.armLatencyMs()).contains(50);
        assertThat(merged.rechargeMs()).contains(1000);
        assertThat(merged.name()).isEqualTo(file.name());
        assertThat(merged.problemsWith(profile("magstim-rapid2"))).isEmpty();
        assertThat(merged.problemsWith(profile("magventure-x100"))).containsKeys("softwareVersion", "unlockCode",
                "rechargeMs");
    }
}
