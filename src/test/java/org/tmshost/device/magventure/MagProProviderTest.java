package org.tmshost.device.magventure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.Stimulator;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.EmulatorServer;
import org.tmshost.simulator.magventure.MagProEmulator;
import org.tmshost.simulator.magventure.MagProEmulatorSettings;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class MagProProviderTest {
    /**
     * A MagPro has no keep-alive lease: one a killed host left enabled stays enabled. The next host
     * that opens it disables it before anything else.
     */
    @Test
    void aMagProAKilledHostLeftEnabledIsDisabledWhenTheNextHostOpensIt() throws Exception {
        HardwareProfile profile = HardwareProfiles.load("magventure-x100");
        CountDownLatch disabled = new CountDownLatch(1);
        MagProEmulator device = new MagProEmulator(profile, MagProEmulatorSettings.defaults()
                .withEventLog(new DeviceEventListener() {
                    @Override
                    public void disarmed(long atNanos, String reason) {
                        disabled.countDown();
                    }
                }));
        byte[] enable = MagProCommands.enable(true).toBytes();
        device.receive(enable, 0, enable.length, System.nanoTime()); // the killed host's last command
        assertThat(device.device().status().armed()).isTrue();

        PipeTransport[] link = PipeTransport.pair("next host");
        try (EmulatorServer<MagProEmulator> served = EmulatorServer.start(device, link[1], System::nanoTime);
             Stimulator next = new MagProProvider().drive(link[0], profile)) {
            // event, not time: the device reports its disable as it processes the host's command
            assertThat(disabled.await(5, TimeUnit.SECONDS)).as("the device was disabled").isTrue();
            assertThat(device.device().status().armed()).isFalse();
        }
    }
}
