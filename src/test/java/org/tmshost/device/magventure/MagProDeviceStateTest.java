package org.tmshost.device.magventure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the driver keeps from the MagPro's messages, and how a command waits for its confirmation. */
@Tag("unit")
class MagProDeviceStateTest {
    private static final MagProStatusByte DISABLED = new MagProStatusByte(MagProModel.X100_OPTION, MagProMode.STANDARD,
            MagProWaveform.BIPHASIC, false);
    private static final MagProStatusByte ENABLED = new MagProStatusByte(MagProModel.X100_OPTION, MagProMode.STANDARD,
            MagProWaveform.BIPHASIC, true);
    private static final MagProStatusByte DUAL = new MagProStatusByte(MagProModel.X100_OPTION, MagProMode.DUAL,
            MagProWaveform.BIPHASIC, true);
    private static final MagProStatusByte BURST = new MagProStatusByte(MagProModel.X100_OPTION, MagProMode.STANDARD,
            MagProWaveform.BIPHASIC_BURST, true);

    @Test
    void aDisableThatCarriesAHotCoilIsSeenWithItsTemperature() {
        MagProDeviceState state = new MagProDeviceState(0);
        state.update(new MagProMessage.Coil(25, 60, ENABLED));
        state.update(new MagProMessage.Coil(41, 60, DISABLED));
        assertThat(state.lastStatus().enabled()).isFalse();
        assertThat(state.coilTemperatureCelsius()).isEqualTo(41);
        assertThat(state.coilType()).isEqualTo(60);
    }

    @Test
    void aDiDtReportConfirmsOnePulseOrAPairsTwoOrTheLoadedBurst() {
        MagProDeviceState state = new MagProDeviceState(0);
        state.update(new MagProMessage.DiDt(75, 0, ENABLED));
        state.update(new MagProMessage.DiDt(75, 60, DUAL));
        state.pulsesPerReport(3);
        state.update(new MagProMessage.DiDt(75, 0, BURST));
        assertThat(state.confirmedPulses()).isEqualTo(1 + 2 + 3);
        assertThat(state.lastDiDtA()).isEqualTo(75);
    }

    @Test
    void chargingStartsWhenTheDeviceFirstReportsItselfEnabled() {
        MagProDeviceState state = new MagProDeviceState(60_000);
        state.update(new MagProMessage.Amplitude(20, 0, ENABLED));
        assertThat(state.charged()).isFalse();
        assertThat(state.amplitudeA()).isEqualTo(20);
    }

    @Test
    void aCommandWaitsForTheFirstMatchingMessageAfterItsMark() {
        MagProInbox inbox = new MagProInbox();
        inbox.add(new MagProMessage.Coil(25, 60, ENABLED));
        long mark = inbox.mark();
        inbox.add(new MagProMessage.Amplitude(30, 0, ENABLED));
        inbox.add(new MagProMessage.Coil(26, 60, ENABLED));
        assertThat(inbox.await(mark, m -> m instanceof MagProMessage.Coil, 0, () -> false))
                .isEqualTo(new MagProMessage.Coil(26, 60, ENABLED));
        assertThat(inbox.await(inbox.mark(), m -> true, 1_000_000_000L, () -> true)).isNull(); // link lost
    }
}
