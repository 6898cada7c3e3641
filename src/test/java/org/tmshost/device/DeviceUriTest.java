package org.tmshost.device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class DeviceUriTest {
    @Test
    void parsesTheThreeContractForms() {
        assertThat(DeviceUri.parse("sim:magstim-rapid2")).isEqualTo(new DeviceUri(DeviceUri.Scheme.SIM, "", 0, "magstim-rapid2"));
        assertThat(DeviceUri.parse("serial:/dev/ttyUSB0?profile=magstim-rapid2"))
                .isEqualTo(new DeviceUri(DeviceUri.Scheme.SERIAL, "/dev/ttyUSB0", 0, "magstim-rapid2"));
        assertThat(DeviceUri.parse("tcp://127.0.0.1:5555?profile=simulator"))
                .isEqualTo(new DeviceUri(DeviceUri.Scheme.TCP, "127.0.0.1", 5555, "simulator"));
        assertThat(DeviceUri.parse("sim:simulator").simulated()).isTrue();
        assertThat(DeviceUri.parse("tcp://localhost:7000?profile=x").toString()).isEqualTo("tcp://localhost:7000?profile=x");
    }

    @Test
    void rejectsUrisWithoutAProfileOrAddress() {
        assertThatThrownBy(() -> DeviceUri.parse("serial:/dev/ttyUSB0")).hasMessageContaining("profile=");
        assertThatThrownBy(() -> DeviceUri.parse("tcp://host?profile=x")).hasMessageContaining("tcp://HOST:PORT");
        assertThatThrownBy(() -> DeviceUri.parse("sim:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceUri.parse("usb:thing")).isInstanceOf(IllegalArgumentException.class);
    }
}
