package org.tmshost.device.magventure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.profile.HardwareProfiles;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver against a scripted device that answers with fixed bytes. */
@Tag("unit")
class MagProStimulatorTest {
    private static final MagProLinkOptions FAST = new MagProLinkOptions(300, 100, 1000, 3, 5, 0);

    /** Answers every frame it receives with the given bytes. */
    private static Thread scriptedDevice(PipeTransport end, String replyHex) {
        byte[] reply = HexFormat.ofDelimiter(" ").parseHex(replyHex);
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (true) {
                    int n = end.read(buffer, 0, buffer.length, 50);
                    for (int i = 0; i < n; i++) {
                        if ((buffer[i] & 0xFF) == 0xFF) {
                            end.write(reply);
                        }
                    }
                }
            } catch (Exception closed) {
                // test over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void anAmplitudeTheDeviceDoesNotConfirmIsAReadBackMismatch() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("mismatch");
        // R30, disabled, serial 1, 25 C, coil 60, amplitude A stuck at 20 %
        scriptedDevice(pipe[1], MagProFrame.of(0, 0x04, 0, 0, 1, 25, 60, 20, 0).toString());
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0], FAST)) {
            assertThat(driver.identify().model()).contains("R30").contains("serial 1");
            assertThatThrownBy(() -> driver.setOutput(0, 50)).isInstanceOf(DeviceFault.class)
                    .extracting("code").isEqualTo(MagProStimulator.READ_BACK_MISMATCH);
            assertThatThrownBy(driver::arm).isInstanceOf(DeviceFault.class).extracting("code").isEqualTo("arm-refused");
        }
    }

    @Test
    void anEnabledMagProIsNotReadyUntilItsChargeTimeAndItsTriggerSendsNothingBefore() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("charging");
        // R30, enabled (status bit 4), amplitude A 20 %: the device answers every frame with its status
        scriptedDevice(pipe[1], MagProFrame.of(0, 0x14, 0, 0, 1, 25, 60, 20, 0).toString());
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0],
                FAST.withChargeMillis(60_000))) {
            driver.identify(); // the device reports itself enabled: charging starts now
            assertThat(driver.status().armed()).isTrue();
            assertThat(driver.status().ready()).isFalse();
            assertThat(driver.trigger().fire(0, 20, 0)).isEqualTo(org.tmshost.device.PulseTrigger.REFUSED);
            assertThat(driver.status().faultCode()).isEqualTo(MagProStimulator.NOT_READY);
        }
    }

    /**
     * A device that stays enabled until it has read a disable frame, and that answers the disable itself
     * with nothing (a reply lost on the line): only the frames after it report it disabled.
     */
    private static Thread deviceThatAnswersTheDisableLate(PipeTransport end, boolean obeys) {
        byte[] disable = MagProCommands.enable(false).toBytes();
        byte[] enabled = MagProFrame.of(0, 0x14, 0, 0, 1, 25, 60, 20, 0).toBytes();
        byte[] disabled = MagProFrame.of(0, 0x04, 0, 0, 1, 25, 60, 20, 0).toBytes();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[256];
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            boolean off = false;
            try {
                while (true) {
                    int n = end.read(buffer, 0, buffer.length, 50);
                    for (int i = 0; i < n; i++) {
                        frame.write(buffer[i]);
                        if ((buffer[i] & 0xFF) != 0xFF) {
                            continue;
                        }
                        boolean isDisable = java.util.Arrays.equals(frame.toByteArray(), disable);
                        frame.reset();
                        if (isDisable) {
                            off = obeys;
                        } else {
                            end.write(off ? disabled : enabled);
                        }
                    }
                }
            } catch (Exception closed) {
                // test over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** No poll in the test's time: what status() says after disarm() comes from disarm() itself. */
    private static final MagProLinkOptions NO_POLL = new MagProLinkOptions(300, 600_000, 1_200_000, 3, 5, 0);

    /**
     * A hunt or session that has disarmed must not read the MagPro as still enabled: disarm() waits for
     * the device to report itself disabled, asking for its status when the disable's own reply does not
     * come (HuntHilTest on magventure-x100 under load read "armed" after the hunt's disarm, 2026-11-29).
     */
    @Test
    void disarmReturnsOnceTheDeviceReportsItselfDisabled() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("disarm");
        deviceThatAnswersTheDisableLate(pipe[1], true);
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0], NO_POLL)) {
            driver.identify();
            assertThat(driver.status().armed()).isTrue();
            driver.disarm();
            assertThat(driver.status().armed()).isFalse();
        }
    }

    /** A MagPro that stays enabled after two disables is still shown enabled: disarm() never claims what it did not see. */
    @Test
    void aDeviceThatStaysEnabledIsStillReportedArmedAfterDisarm() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("disarm-ignored");
        deviceThatAnswersTheDisableLate(pipe[1], false);
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0], NO_POLL)) {
            driver.identify();
            driver.disarm();
            assertThat(driver.status().armed()).isTrue();
        }
    }

    /** A session's real-time promotion runs on the thread that reads the device's reports, once. */
    @Test
    void aTaskForTheLinkThreadRunsOnItOnce() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("link-thread");
        scriptedDevice(pipe[1], MagProFrame.of(0, 0x04, 0, 0, 1, 25, 60, 20, 0).toString());
        org.tmshost.testing.EventQueue<String> ranOn = new org.tmshost.testing.EventQueue<>();
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0], FAST)) {
            driver.onLinkThreads(() -> ranOn.accept(Thread.currentThread().getName()));
            assertThat(ranOn.await(name -> true, java.time.Duration.ofSeconds(10))).startsWith("magpro-link");
            driver.identify(); // the link thread has gone round again
            assertThat(ranOn.all()).hasSize(1);
        }
    }

    @Test
    void aDeviceOfAnotherModelIsRefusedAtIdentify() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("model");
        scriptedDevice(pipe[1], MagProFrame.of(0, 0x04, 0, 0, 1, 25, 60, 20, 0).toString()); // an R30
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-x100"), pipe[0], FAST)) {
            assertThatThrownBy(driver::identify).isInstanceOf(DeviceFault.class).extracting("code")
                    .isEqualTo(MagProStimulator.WRONG_MODEL);
        }
    }

    @Test
    void aLineOfBadCrcFramesBeyondTheBudgetIsLinkLoss() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("crc");
        scriptedDevice(pipe[1], "FE 02 02 01 00 FF FE 02 02 01 00 FF"); // every answer has a wrong CRC
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0], FAST)) {
            java.util.concurrent.CompletableFuture<DeviceFault> lost = new java.util.concurrent.CompletableFuture<>();
            driver.onLinkFault(lost::complete);
            assertThatThrownBy(driver::identify).isInstanceOf(DeviceFault.class);
            assertThat(lost.get(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            assertThat(driver.status().faultCode()).isEqualTo(MagProStimulator.LINK_LOST);
            assertThat(driver.linkLoss().getMessage()).contains("bad frames in a row");
        }
    }

    @Test
    void aSilentDeviceIsLinkLoss() throws Exception {
        PipeTransport[] pipe = PipeTransport.pair("silent");
        try (MagProStimulator driver = MagProStimulator.open(HardwareProfiles.load("magventure-r30"), pipe[0], FAST)) {
            java.util.concurrent.CompletableFuture<DeviceFault> lost = new java.util.concurrent.CompletableFuture<>();
            driver.onLinkFault(lost::complete);
            assertThatThrownBy(driver::identify).isInstanceOf(DeviceFault.class).extracting("code")
                    .isIn(MagProStimulator.NO_REPLY, MagProStimulator.LINK_LOST);
            assertThat(lost.get(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            assertThat(driver.linkLoss().getMessage()).contains("no valid frame");
        }
    }
}
