package org.tmshost.session;

import org.tmshost.device.ttl.GpioStopButton;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.ttl.GpioLines;
import org.tmshost.profile.GpioPins;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each arming check fails on its own condition (and only then), all run without short-circuit, and
 * none can be left out. A refused session never arms the device and never fires (invariant 1).
 */
@Tag("unit")
class ArmingChecksTest {

    private static void assertRefusedOnlyBy(SessionRig rig, Session session, ArmingReport report, CheckId... ids) {
        assertThat(report.canArm()).isFalse();
        assertThat(Set.copyOf(report.failedChecks())).containsExactlyInAnyOrder(ids);
        assertThat(report.checksRun()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(CheckId.class));
        assertThat(session.state()).isEqualTo(SessionState.PREPARED);
        assertThat(rig.simulator.status().armed()).isFalse();
        assertThatThrownBy(() -> session.start("op1")).isInstanceOf(IllegalStateException.class);
        assertThat(rig.simulator.groundTruth().size()).isZero();
        assertThat(report.lines()).allSatisfy(line -> assertThat(line).startsWith("PreArm: ["));
    }

    /**
     * A session that runs real-time hands the device's link threads a real-time priority below the
     * pulse thread's as it arms (a starved link thread reads reports late: a link lost only in the
     * host's eyes); one that does not leaves them alone.
     */
    @Test
    void aRealTimeSessionPromotesTheDevicesLinkThreadsAsItArms(@TempDir Path dir) throws Exception {
        for (boolean realTime : new boolean[] {true, false}) {
            try (SessionRig rig = new SessionRig(dir.resolve(realTime ? "rt" : "normal"))) {
                if (realTime) {
                    rig.settings = rig.settings.withRealTime(org.tmshost.timing.RealTime.Request.defaults());
                }
                List<Runnable> handed = new java.util.ArrayList<>();
                org.tmshost.device.Stimulator device = new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                    @Override
                    public void onLinkThreads(Runnable promotion) {
                        handed.add(promotion); // not run here: it would promote the test's own thread
                    }
                };
                Session session = rig.prepare(SessionRig.PASSING, device);
                assertThat(handed).isEmpty();
                assertThat(session.arm(Confirmations.BOTH, "op1").canArm()).isTrue();
                assertThat(handed).hasSize(realTime ? 1 : 0);
                session.cancel("test over", "op1");
            }
        }
    }

    @Test
    void everyCheckIdHasAMandatoryCheckAndNoneCanBeConfiguredAway() {
        assertThat(ArmingChecks.MANDATORY).extracting(ArmingCheck::id)
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(CheckId.class));
    }

    @Test
    void aReportIsFailClosedUntilEveryCheckRan() {
        assertThat(new ArmingReport(Set.of(), List.of()).canArm()).isFalse();
        assertThat(new ArmingReport(EnumSet.allOf(CheckId.class), List.of()).canArm()).isTrue();
    }

    @Test
    void allChecksPassForAPreparedSessionWithConfirmations(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.prepare(SessionRig.PASSING);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.lines()).isEmpty();
            assertThat(report.canArm()).isTrue();
            assertThat(session.state()).isEqualTo(SessionState.ARMED);
            assertThat(rig.simulator.status().armed()).isTrue();
            session.cancel("test over", "op1");
            assertThat(rig.simulator.status().armed()).isFalse();
        }
    }

    @Test
    void everyFailureIsListedAtOnceWithoutShortCircuit(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            rig.simulator.forceCoilTemperature(41);
            Session session = Session.prepare(rig.request(SessionRig.NEEDS_OVERRIDE, 50, ThresholdMethod.UNSTATED,
                    Instant.now().minus(Duration.ofDays(2))), rig.simulator, rig.linkWatch, rig.store, rig.settings);
            ArmingReport report = session.arm(Confirmations.NONE, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.THRESHOLDS_MEASURED_TODAY, CheckId.ENVELOPE_APPROVED,
                    CheckId.COIL_READY, CheckId.HEARING_PROTECTION_CONFIRMED, CheckId.SCREENING_CONFIRMED);
        }
    }

    @Test
    void thresholdsMeasuredOnAnotherDayRefuseArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = Session.prepare(rig.request(SessionRig.PASSING, 50, ThresholdMethod.EMG,
                    Instant.now().minus(Duration.ofDays(1))), rig.simulator, rig.linkWatch, rig.store, rig.settings);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.THRESHOLDS_MEASURED_TODAY);
            assertThat(report.lines().get(0)).contains("not today");
        }
    }

    /** A threshold stamped later than now is not "measured on <today>, not today (<today>)". */
    @Test
    void aThresholdStampedAfterNowSaysSoNotAnotherDay(@TempDir Path dir) throws Exception {
        Instant later = Instant.now().plusSeconds(2);
        org.junit.jupiter.api.Assumptions.assumeTrue(later.atZone(java.time.ZoneId.systemDefault()).toLocalDate()
                .equals(Instant.now().atZone(java.time.ZoneId.systemDefault()).toLocalDate()), "not at midnight");
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = Session.prepare(rig.request(SessionRig.PASSING, 50, ThresholdMethod.EMG, later),
                    rig.simulator, rig.linkWatch, rig.store, rig.settings);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.THRESHOLDS_MEASURED_TODAY);
            assertThat(report.lines().get(0)).contains("after now").doesNotContain("not today");
        }
    }

    @Test
    void aThresholdWithoutItsMethodRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = Session.prepare(rig.request(SessionRig.PASSING, 50, ThresholdMethod.UNSTATED,
                    Instant.now()), rig.simulator, rig.linkWatch, rig.store, rig.settings);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            // the envelope also asks for an override when the method is unstated
            assertThat(report.failedChecks()).contains(CheckId.THRESHOLDS_MEASURED_TODAY);
            assertThat(report.lines()).anyMatch(line -> line.contains("EMG or visual"));
            assertThat(rig.simulator.status().armed()).isFalse();
        }
    }

    @Test
    void aNeedsOverrideVerdictWithoutApprovalRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.prepare(SessionRig.NEEDS_OVERRIDE);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.ENVELOPE_APPROVED);
            assertThat(report.lines().get(0)).contains("rossi2009.train-duration");
        }
    }

    @Test
    void aBlockedVerdictRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = Session.prepare(rig.request(SessionRig.BLOCKED, 90), rig.simulator, rig.linkWatch,
                    rig.store, rig.settings);
            assertThat(session.verdict().blocked()).isTrue();
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.ENVELOPE_APPROVED);
            assertThat(report.lines().get(0)).contains("BLOCKED").contains("cannot be overridden");
        }
    }

    @Test
    void aDeviceThatIsNotTheProfilesRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            SessionRequest request = rig.request(SessionRig.PASSING, 50);
            var realProfile = org.tmshost.profile.HardwareProfiles.load("magstim-rapid2");
            Session session = Session.prepare(new SessionRequest(request.subjectId(), request.operatorId(), "test",
                    request.protocol(), request.protocolText(), request.thresholds(), realProfile,
                    "serial:/dev/ttyUSB0?profile=magstim-rapid2", request.envelope()), rig.simulator, rig.linkWatch,
                    rig.store, rig.settings);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.DEVICE_IDENTIFIED);
            assertThat(report.lines()).anyMatch(line -> line.contains("SIMULATION"));
        }
    }

    /**
     * The device's identity in the record is what the device said (issue 14): a device reporting
     * another model than the profile's refuses arming; one that cannot report its model is recorded
     * as not reporting it, never with the profile's words.
     */
    @Test
    void theRecordHoldsTheDevicesOwnWordsAndAnotherModelRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            org.tmshost.device.Stimulator otherModel = new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                @Override
                public org.tmshost.device.DeviceIdentity identify() {
                    return new org.tmshost.device.DeviceIdentity("MagPro R30, serial 1234", "n/a", true);
                }
            };
            Session refused = rig.prepare(SessionRig.PASSING, otherModel);
            ArmingReport report = refused.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, refused, report, CheckId.DEVICE_IDENTIFIED);
            assertThat(report.lines()).anyMatch(line -> line.contains("MagPro R30") && line.contains(rig.profile.model()));
            refused.cancel("test", "op1");

            String notReported = org.tmshost.device.DeviceIdentity.NOT_REPORTED + " (no model command); answered";
            org.tmshost.device.Stimulator silent = new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                @Override
                public org.tmshost.device.DeviceIdentity identify() {
                    return new org.tmshost.device.DeviceIdentity(notReported, "software 9.1.0", true);
                }
            };
            Session session = rig.prepare(SessionRig.PASSING, silent);
            ArmingReport armed = session.arm(Confirmations.BOTH, "op1");
            assertThat(armed.canArm()).as(armed.lines().toString()).isTrue();
            assertThat(rig.row(session).deviceModel()).contains(notReported);
            assertThat(rig.row(session).deviceFirmware()).contains("software 9.1.0");
            session.cancel("test", "op1");
        }
    }

    /** Any profile can be dry-run on sim:, but only with a device that says it is a SIMULATION. */
    @Test
    void aSimUriMustReachASimulatedDeviceAndThenArmsOnARealDevicesProfile(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            SessionRequest request = rig.request(SessionRig.PASSING, 50);
            var rapid = SessionRig.relaxedTiming(org.tmshost.profile.HardwareProfiles.load("magstim-rapid2"));
            var onSim = new SessionRequest(request.subjectId(), request.operatorId(), "test", request.protocol(),
                    request.protocolText(), request.thresholds(), rapid, "sim:magstim-rapid2", request.envelope());
            org.tmshost.device.Stimulator pretendingReal = new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                @Override
                public org.tmshost.device.DeviceIdentity identify() {
                    return new org.tmshost.device.DeviceIdentity(rapid.model(), "v9", false);
                }
            };
            Session refused = Session.prepare(onSim, pretendingReal, rig.linkWatch, rig.store, rig.settings);
            assertRefusedOnlyBy(rig, refused, refused.arm(Confirmations.BOTH, "op1"), CheckId.DEVICE_IDENTIFIED);
            refused.cancel("test", "op1");

            try (var simulated = new org.tmshost.simulator.SimulationProvider().open(
                    org.tmshost.device.DeviceUri.parse("sim:magstim-rapid2"), rapid)) {
                // the provider's simulator charges on the system clock: this session waits on it too
                Session session = Session.prepare(onSim, simulated, rig.linkWatch, rig.store,
                        SessionSettings.defaults(dir.resolve("journals")));
                ArmingReport report = session.arm(Confirmations.BOTH, "op1");
                assertThat(report.canArm()).as(report.lines().toString()).isTrue();
                assertThat(rig.row(session).simulated()).isTrue();
                session.cancel("test", "op1");
            }
        }
    }

    /**
     * The ideal simulator has four units in process but speaks the Rapid² wire, which reaches one: a
     * paired-pulse plan through that link is refused by the envelope before arming, not at arming.
     */
    @Test
    void aPlanNeedingMoreUnitsThanTheLinkReachesIsBlockedByTheEnvelope(@TempDir Path dir) throws Exception {
        String sici = """
                name: sici
                kind: paired-pulse
                interStimulusIntervalMs: 2.5
                conditioningIntensity: 80% RMT
                testIntensity: 120% RMT
                pairs: 3
                interPairIntervalSeconds: 5
                """;
        try (SessionRig rig = new SessionRig(dir)) {
            org.tmshost.device.Stimulator oneUnit = new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                @Override
                public int reachableChannels() {
                    return 1;
                }
            };
            Session throughTheWire = rig.prepare(sici, oneUnit);
            assertThat(throughTheWire.verdict().level()).isEqualTo(org.tmshost.safety.Severity.BLOCKED);
            assertThat(throughTheWire.verdict().findings()).anySatisfy(f -> {
                assertThat(f.ruleId()).isEqualTo("device.capability");
                assertThat(f.message()).contains("reaches 1 unit(s)");
            });
            assertRefusedOnlyBy(rig, throughTheWire, throughTheWire.arm(Confirmations.BOTH, "op1"), CheckId.ENVELOPE_APPROVED);
            assertThat(rig.row(throughTheWire).profileName()).isEqualTo("simulator"); // the profile file, unchanged

            Session inProcess = rig.prepare(sici);
            assertThat(inProcess.verdict().level()).isNotEqualTo(org.tmshost.safety.Severity.BLOCKED);
        }
    }

    @Test
    void aLinkFaultBeforeArmingRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            rig.linkWatch.accept(new DeviceFault(org.tmshost.device.FaultCodes.LINK_LOST, "no reply"));
            Session session = rig.prepare(SessionRig.PASSING);
            assertRefusedOnlyBy(rig, session, session.arm(Confirmations.BOTH, "op1"), CheckId.DEVICE_IDENTIFIED);
        }
    }

    @Test
    void aCoilAtItsWarningTemperatureOrAFaultedDeviceRefusesArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            rig.simulator.forceCoilTemperature(40.5);
            Session session = rig.prepare(SessionRig.PASSING);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.COIL_READY);
            assertThat(report.lines().get(0)).contains("40.5 C").contains("warning temperature 40.0 C");
        }
        try (SessionRig rig = new SessionRig(dir.resolve("b"))) {
            rig.simulator.injectFault("E07");
            Session session = rig.prepare(SessionRig.PASSING);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.COIL_READY);
            assertThat(report.lines().get(0)).contains("E07");
        }
    }

    @Test
    void aPressedStopButtonRefusesArming(@TempDir Path dir) throws Exception {
        GpioPins pins = new GpioPins(17, 100, OptionalInt.of(27), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty());
        try (SessionRig rig = new SessionRig(dir); GpioLines lines = GpioLines.mock(pins, false)) {
            rig.settings = rig.settings.withStopButton(new GpioStopButton(lines));
            lines.simulateInput(lines.stopButton().orElseThrow(), true);
            Session session = rig.prepare(SessionRig.PASSING);
            assertRefusedOnlyBy(rig, session, session.arm(Confirmations.BOTH, "op1"), CheckId.STOP_BUTTON_RELEASED);
        }
    }

    @Test
    void unconfirmedHearingProtectionOrScreeningRefuseArming(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.prepare(SessionRig.PASSING);
            assertRefusedOnlyBy(rig, session, session.arm(new Confirmations(false, true), "op1"),
                    CheckId.HEARING_PROTECTION_CONFIRMED);
            assertRefusedOnlyBy(rig, session, session.arm(new Confirmations(true, false), "op1"),
                    CheckId.SCREENING_CONFIRMED);
        }
    }

    @Test
    void theDoseLedgerReadAtArmingRefusesASubjectOverTheDailyLimit(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.prepare(SessionRig.PASSING);
            // another session for the same subject ended after this one was prepared
            long other = rig.store.createSession(new NewSession("subject-1", "op2", "other", "x", "simulator", "p",
                    "e", "sim:simulator", true, "PASS", 100_000), Instant.now());
            var pulses = new java.util.ArrayList<PulseRow>();
            for (int i = 0; i < 20_000; i++) {
                pulses.add(new PulseRow(i, i, i, 40, 0));
            }
            rig.store.appendPulses(other, pulses);
            rig.store.endSession(other, "RUNNING", "COMPLETED", "done", "op2", Instant.now());

            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertRefusedOnlyBy(rig, session, report, CheckId.DOSE_LEDGER_ALLOWS);
            DoseLedger.Entry entry = new DoseLedger(rig.store, rig.settings.zone()).entry("subject-1", Instant.now());
            assertThat(entry.pulsesToday()).isEqualTo(20_000);
            assertThat(entry.sessionsToday()).isEqualTo(1);
            assertThat(entry.sinceLastSession()).isPresent();
            System.out.println("[dose ledger] " + report.lines().stream().collect(Collectors.joining("; ")));
        }
    }
}
