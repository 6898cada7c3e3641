package org.tmshost.simulator.magventure;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.magventure.MagProLinkOptions;
import org.tmshost.device.magventure.MagProStimulator;
import org.tmshost.device.magventure.MainParameters;
import org.tmshost.device.magventure.TrainParameters;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.device.transport.SerialTransport;
import org.tmshost.device.transport.Transport;
import org.tmshost.testing.InterceptedTransport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.testing.SocatPtyPair;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The host driver against the emulated device, over an in-memory pipe and over a socat
 * pseudo-terminal pair (SerialTransport at both ends). Only outcomes are asserted, never timings.
 */
@Tag("unit")
class MagProConformanceTest {
    private static final MagProLinkOptions FAST = new MagProLinkOptions(1000, 100, 1500, 8, 5, 0);

    /** Garbage bytes a transport slips in front of its next write. */
    private static final class Noise {
        private volatile byte[] next;

        /** The transport: {@code inner}, writing the pending noise before the next write. */
        Transport on(Transport inner) {
            return new InterceptedTransport(inner, "noisy " + inner.description(), (bytes, offset, length) -> {
                byte[] pending = next;
                if (pending != null) {
                    next = null;
                    inner.write(pending, 0, pending.length);
                }
                return true;
            });
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"magventure-r30, pipe", "magventure-x100, pipe", "magventure-r30, pty", "magventure-x100, pty"})
    void driverAndEmulatorAgree(String profileName, String link, @TempDir Path dir) throws Exception {
        HardwareProfile profile = HardwareProfiles.load(profileName);
        Transport hostEnd;
        Transport deviceEnd;
        SocatPtyPair pty = null;
        if (link.equals("pty")) {
            Assumptions.assumeTrue(SocatPtyPair.available(), "socat is not installed");
            pty = SocatPtyPair.create(dir);
            hostEnd = SerialTransport.open(pty.hostEnd().toString(), profile.link().orElseThrow());
            deviceEnd = SerialTransport.open(pty.deviceEnd().toString(), profile.link().orElseThrow());
        } else {
            PipeTransport[] pipe = PipeTransport.pair(profileName);
            hostEnd = pipe[0];
            deviceEnd = pipe[1];
        }
        Noise hostNoise = new Noise();
        Noise deviceNoise = new Noise();
        Transport noisyHost = hostNoise.on(hostEnd);
        Transport noisyDevice = deviceNoise.on(deviceEnd);
        org.tmshost.simulator.EmulatorServer<MagProEmulator> server = MagProEmulator.serve(profile, noisyDevice,
                MagProEmulatorSettings.defaults().withArmLatencyNanos(0));
        MagProStimulator driver = MagProStimulator.open(profile, noisyHost, FAST);
        org.tmshost.testing.EventQueue<DeviceFault> lost = new org.tmshost.testing.EventQueue<>();
        driver.onLinkFault(lost);
        try {
            boolean x100 = profileName.contains("x100");
            assertThat(driver.identify().model()).contains(x100 ? "X100" : "R30");

            // amplitude with read-back, A and (X100) B; out-of-range never reaches the device
            assertThat(driver.setOutput(0, 55)).isEqualTo(55);
            if (x100) {
                assertThat(driver.setOutput(1, 40)).isEqualTo(40);
                assertThat(driver.setOutput(0, 56)).isEqualTo(56);
            } else {
                assertThatThrownBy(() -> driver.setOutput(1, 40)).isInstanceOf(DeviceFault.class)
                        .extracting("code").isEqualTo("no-such-channel");
            }
            int outputA = x100 ? 56 : 55;
            assertThatThrownBy(() -> driver.setOutput(0, 101)).isInstanceOf(DeviceFault.class)
                    .extracting("code").isEqualTo("output-out-of-range");

            // a pulse while disabled is refused on the host side and never fires
            driver.trigger().fire(0, outputA, 0);
            assertThat(driver.status().faultCode()).isEqualTo(MagProStimulator.NOT_ARMED);

            driver.arm();
            assertThat(driver.status().armed()).isTrue();
            driver.trigger().fire(1, outputA, 0);
            assertThat(server.emulator().device().groundTruth().awaitSize(1, java.time.Duration.ofSeconds(10)))
                    .as("the pulse reaches the device model").isTrue();
            assertThat(server.emulator().device().groundTruth().outputPercentMso(0)).isEqualTo(outputA);
            eventually("the device confirms the pulse with di/dt", () -> driver.confirmedPulses() == 1);
            assertThat(driver.lastDiDtA()).isPositive();

            // train parameters: invalid ones are refused before sending, valid ones read back
            int rejectedBefore = server.emulator().rejectedCommands();
            assertThatThrownBy(() -> driver.loadTrain(TrainParameters.sequence(new BigDecimal("150"), 10, 1,
                    new BigDecimal("1")))).isInstanceOf(DeviceFault.class).extracting("code")
                    .isEqualTo(MagProStimulator.INVALID_PARAMETER);
            driver.loadTrain(TrainParameters.sequence(new BigDecimal("10"), 40, 2, new BigDecimal("26")));
            assertThat(server.emulator().rejectedCommands()).isEqualTo(rejectedBefore);

            // Biphasic Burst (native TBS) on the X100 only
            if (x100) {
                driver.configure(MainParameters.biphasicBurst(3, 200));
                assertThat(driver.lastStatusByte().waveform().name()).isEqualTo("BIPHASIC_BURST");
            } else {
                assertThatThrownBy(() -> driver.configure(MainParameters.biphasicBurst(3, 200)))
                        .isInstanceOf(DeviceFault.class).extracting("code").isEqualTo(MagProStimulator.INVALID_PARAMETER);
            }

            // coil temperature from notifications
            server.emulator().device().forceCoilTemperature(38);
            eventually("the coil temperature notification arrives", () -> driver.status().coilTemperatureCelsius() == 38);
            assertThat(driver.coilType()).isEqualTo(60);

            // garbage on the line in both directions is survived
            deviceNoise.next = new byte[]{0x00, 0x13, (byte) 0xFE, 0x02, 0x01, 0x32, 0x00, (byte) 0xFF, 0x55};
            hostNoise.next = new byte[]{(byte) 0xFE, 0x02, 0x02, 0x01, 0x00, (byte) 0xFF, 0x77};
            assertThat(driver.setOutput(0, 30)).isEqualTo(30);
            eventually("the driver saw the bad frames", () -> driver.badFrames() > 0);
            assertThat(driver.status().faultCode()).isNotEqualTo(MagProStimulator.LINK_LOST);
            assertThat(lost.all()).isEmpty();

            driver.disarm();
            eventually("the device reports itself disabled", () -> !driver.status().armed());
            assertThat(server.emulator().device().status().armed()).isFalse();

            // the device goes away: link loss is latched and reported
            server.close();
            assertThat(lost.await(f -> true, java.time.Duration.ofSeconds(10))).as("link loss is reported").isNotNull();
            assertThat(driver.status().faultCode()).isEqualTo(MagProStimulator.LINK_LOST);
            assertThatThrownBy(driver::arm).isInstanceOf(DeviceFault.class).extracting("code")
                    .isEqualTo(MagProStimulator.LINK_LOST);
        } finally {
            driver.close();
            server.close();
            if (pty != null) {
                pty.close();
            }
        }
    }
}
