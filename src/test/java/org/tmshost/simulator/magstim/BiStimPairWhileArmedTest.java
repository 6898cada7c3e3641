package org.tmshost.simulator.magstim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.TrainSetting;
import org.tmshost.device.TrainTimer;
import org.tmshost.device.magstim.MagstimLinkOptions;
import org.tmshost.device.magstim.MagstimStimulator;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.profile.HardwareProfile;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A measurement sets each trial's interval on an armed BiStim² (issue 17): the driver sends the
 * timing resolution ({@code Y@}/{@code Z@}), which the unit refuses while armed (MagPy's
 * BiStim.highResolutionMode), only when the system mode says it differs, so a new interval at the
 * same resolution is taken while armed, and one at the other resolution is refused as the unit refuses it.
 */
@Tag("unit")
class BiStimPairWhileArmedTest {
    private static final MagstimEmulatorSettings FAST = MagstimEmulatorSettings.defaults().withArmLatencyNanos(50_000_000L);

    @Test
    void anArmedBiStimTakesANewIntervalAtItsResolutionWithoutTheResolutionCommand() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-bistim");
        PipeTransport[] pipe = PipeTransport.pair("bistim-armed");
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0], MagstimLinkOptions.of(profile))) {
            TrainTimer timer = stimulator.trainTimer().orElseThrow();
            stimulator.setOutput(0, 40);
            stimulator.setOutput(1, 60);
            timer.load(TrainSetting.pair(2_000_000L));
            assertThat(server.emulator().commandsReceived('Y')).as("high resolution, set disarmed").isEqualTo(1);
            stimulator.arm();

            timer.load(TrainSetting.pair(10_000_000L));
            timer.load(TrainSetting.pair(2_500_000L));

            assertThat(server.emulator().commandsReceived('Y')).as("not sent again while armed").isEqualTo(1);
            assertThat(stimulator.status().faultCode()).isNull();
            timer.starter().fire(0, 40, 0);
            assertThat(server.emulator().model().groundTruth().awaitSize(2, Duration.ofSeconds(5))).isTrue();
            var truth = server.emulator().model().groundTruth();
            // unit B is timed from unit A's discharge; without the standalone simulator's device clock the
            // emulator's thread stamps it when it runs, a little late, never early
            assertThat(truth.atNanos(1) - truth.atNanos(0)).as("the last interval loaded")
                    .isBetween(2_500_000L, 3_500_000L);
            assertThat(truth.channel(1)).isEqualTo(1);

            assertThatThrownBy(() -> timer.load(TrainSetting.pair(150_000_000L)))
                    .as("whole ms needs Z@, which an armed BiStim refuses").isInstanceOf(DeviceFault.class);
        }
    }
}
