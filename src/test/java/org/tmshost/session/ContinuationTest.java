package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.record.Continuity;
import org.tmshost.record.NewSession;
import org.tmshost.record.OverrideRow;
import org.tmshost.record.PulseRow;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12: a session the host's own fault ended is continued for its remaining pulses by the
 * operator, as the same treatment; anything else is refused with its reason.
 */
@Tag("unit")
class ContinuationTest {
    private static final Duration WINDOW = Duration.ofMinutes(30);

    /** Started, at least {@code pulses} delivered, then the link reported lost: FAULTED on LINK_LOSS. */
    private static Session cutByTheLink(SessionRig rig, Session session, int pulses) throws Exception {
        return cutByTheLink(rig, session, pulses, rig.linkWatch);
    }

    private static Session cutByTheLink(SessionRig rig, Session session, int pulses, LinkWatch watch) throws Exception {
        int before = rig.simulator.groundTruth().size();
        rig.stepUntil(session, () -> rig.simulator.groundTruth().size() >= before + pulses, pulses + " more pulses");
        watch.accept(new DeviceFault(org.tmshost.device.FaultCodes.LINK_LOST, "no reply to 2 keep-alives"));
        SessionOutcome outcome = rig.end(session);
        assertThat(outcome.cause()).as(outcome.reason()).contains(InterlockCause.LINK_LOSS);
        return session;
    }

    private static Session continued(SessionRig rig, String protocol, Continuation continuation) throws Exception {
        return continued(rig, protocol, continuation, new LinkWatch());
    }

    /** On a new connection to the device (a lost link is reconnected): its own link watch. */
    private static Session continued(SessionRig rig, String protocol, Continuation continuation, LinkWatch watch)
            throws Exception {
        return Session.prepareContinuation(rig.request(protocol, 50), continuation, rig.simulator, watch, rig.store,
                rig.settings);
    }

    private static SessionOutcome armAndRun(SessionRig rig, Session session) throws Exception {
        ArmingReport report = session.arm(Confirmations.BOTH, "op2");
        assertThat(report.canArm()).as(String.join("; ", report.lines())).isTrue();
        session.start("op2");
        return rig.end(session);
    }

    @Test
    void aSessionCutByTheLinkIsFinishedByItsContinuationsWithoutASupervisorAndNoPulseTwice(@TempDir Path dir)
            throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session first = cutByTheLink(rig, rig.started(SessionRig.PASSING), 5);
            int firstDelivered = rig.row(first).deliveredPulses();

            Continuation c1 = Continuation.of(rig.store, first.id(), WINDOW, Instant.now());
            assertThat(c1.nextPulse()).isEqualTo(firstDelivered);
            LinkWatch reconnected = new LinkWatch();
            Session second = continued(rig, SessionRig.PASSING, c1, reconnected);
            assertThat(second.verdict().level()).as("the intersession interval is not counted from its own treatment")
                    .isEqualTo(Severity.PASS);
            assertThat(second.verdict().plan().orElseThrow().pulseCount()).isEqualTo(30 - firstDelivered);
            second.arm(Confirmations.BOTH, "op2");
            second.start("op2");
            cutByTheLink(rig, second, 3, reconnected); // and the link goes again

            Continuation c2 = Continuation.of(rig.store, second.id(), WINDOW, Instant.now());
            int secondDelivered = rig.row(second).deliveredPulses();
            assertThat(c2.treatment()).containsExactlyInAnyOrder(first.id(), second.id());
            assertThat(c2.delivered()).isEqualTo(firstDelivered + secondDelivered);
            assertThat(c2.nextPulse()).isEqualTo(firstDelivered + secondDelivered);
            Session third = continued(rig, SessionRig.PASSING, c2);
            SessionOutcome outcome = armAndRun(rig, third);

            assertThat(outcome.state()).as(outcome.reason()).isEqualTo(SessionState.COMPLETED);
            assertThat(rig.simulator.groundTruth().size()).as("the device delivered the plan once").isEqualTo(30);
            assertThat(firstDelivered + secondDelivered + rig.row(third).deliveredPulses()).isEqualTo(30);
            Continuity place = rig.store.continuity(third.id());
            assertThat(place.continues()).contains(second.id());
            assertThat(place.firstPulse()).isEqualTo(firstDelivered + secondDelivered);
            assertThat(rig.store.continuity(first.id()).continuedBy()).contains(second.id());
            assertThat(rig.store.transitions(third.id())).filteredOn(t -> t.toState().equals("ARMED"))
                    .singleElement().satisfies(t -> assertThat(t.userId()).as("armed by the operator who continued it")
                            .contains("op2"));
            for (int i = 0; i < 30; i++) { // the device's pulses are the plan's, each once, at its output
                assertThat(rig.simulator.groundTruth().outputPercentMso(i)).isEqualTo(40);
            }

            // the treatment is done: nothing continues it, and a new session starts a new decision
            assertThatThrownBy(() -> Continuation.of(rig.store, third.id(), WINDOW, Instant.now()))
                    .isInstanceOf(ContinuationRefused.class).hasMessageContaining("COMPLETED");
            assertThatThrownBy(() -> Continuation.of(rig.store, first.id(), WINDOW, Instant.now()))
                    .isInstanceOf(ContinuationRefused.class).hasMessageContaining("continued by session " + second.id());
            Session fresh = Session.prepare(rig.request(SessionRig.PASSING, 50), rig.simulator, new LinkWatch(), rig.store,
                    rig.settings);
            assertThat(fresh.verdict().needingOverride()).extracting(Finding::ruleId)
                    .contains("policy.intersession-interval");
            fresh.cancel("test over", "op1");
        }
    }

    /**
     * A fire command the device did not confirm (its reply lost as the link dropped): whether the device
     * delivered it or not, the record holds only the confirmed pulses, the outcome says the device may
     * have delivered one more, and the continuation starts past it, so no pulse is given twice.
     */
    @Test
    void aFireTheDeviceDidNotConfirmIsNotOnRecordAndIsNeverGivenAgain(@TempDir Path dir) throws Exception {
        for (boolean deviceHeardIt : new boolean[] {true, false}) {
            try (SessionRig rig = new SessionRig(dir.resolve(deviceHeardIt ? "heard" : "lost"))) {
                org.tmshost.device.PulseTrigger real = rig.simulator.trigger();
                org.tmshost.device.PulseTrigger replyLostAtPulse7 = (pulse, output, channel) -> {
                    if (pulse != 7) {
                        return real.fire(pulse, output, channel);
                    }
                    if (deviceHeardIt) {
                        real.fire(pulse, output, channel);
                    }
                    return org.tmshost.device.PulseTrigger.UNCONFIRMED;
                };
                Session first = rig.started(SessionRig.PASSING, new org.tmshost.device.ForwardingStimulator(rig.simulator) {
                    @Override
                    public org.tmshost.device.PulseTrigger trigger() {
                        return replyLostAtPulse7;
                    }
                });
                SessionOutcome outcome = rig.end(first);

                assertThat(outcome.cause()).as(outcome.reason()).contains(InterlockCause.LINK_LOSS);
                assertThat(outcome.reason()).contains("did not confirm the fire command of pulse 8")
                        .contains("may have delivered up to 1 more pulse(s)");
                assertThat(rig.store.pulses(first.id())).extracting(PulseRow::index)
                        .containsExactly(0, 1, 2, 3, 4, 5, 6);
                assertThat(rig.row(first).deliveredPulses()).isEqualTo(7);
                assertThat(rig.store.continuity(first.id()).mayHaveDelivered()).isEqualTo(1);
                assertThat(rig.simulator.groundTruth().size()).isEqualTo(deviceHeardIt ? 8 : 7);

                Continuation next = Continuation.of(rig.store, first.id(), WINDOW, Instant.now());
                assertThat(next.nextPulse()).isEqualTo(8);
                SessionOutcome rest = armAndRun(rig, continued(rig, SessionRig.PASSING, next));
                assertThat(rest.state()).as(rest.reason()).isEqualTo(SessionState.COMPLETED);
                assertThat(rig.simulator.groundTruth().size()).isEqualTo(deviceHeardIt ? 30 : 29);
            }
        }
    }

    @Test
    void pulsesTheDeviceMayHaveDeliveredAloneAreNeverGivenAgain(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session first = cutByTheLink(rig, rig.started(SessionRig.PASSING), 5);
            int recorded = rig.store.pulses(first.id()).size();
            rig.store.recordMayHaveDelivered(first.id(), 2);
            Continuation c = Continuation.of(rig.store, first.id(), WINDOW, Instant.now());
            assertThat(c.nextPulse()).isEqualTo(recorded + 2);
            assertThat(continued(rig, SessionRig.PASSING, c).verdict().plan().orElseThrow().pulseCount())
                    .isEqualTo(30 - recorded - 2);
        }
    }

    @Test
    void aStopByAPersonIsNotContinued(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(3);
            session.stop("op1");
            rig.end(session);
            assertThatThrownBy(() -> Continuation.of(rig.store, session.id(), WINDOW, Instant.now()))
                    .isInstanceOf(ContinuationRefused.class)
                    .hasMessageContaining("CONSOLE_STOP").hasMessageContaining("start a new session");
        }
    }

    @Test
    void aFaultLongerAgoThanTheSitePolicysWindowIsNotContinued(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session first = cutByTheLink(rig, rig.started(SessionRig.PASSING), 3);
            Instant ended = rig.row(first).endedAt().orElseThrow();
            assertThat(Continuation.of(rig.store, first.id(), WINDOW, ended.plus(WINDOW)).nextPulse()).isPositive();
            assertThatThrownBy(() -> Continuation.of(rig.store, first.id(), WINDOW, ended.plus(WINDOW).plusSeconds(1)))
                    .isInstanceOf(ContinuationRefused.class).hasMessageContaining("30 min");
            assertThat(org.tmshost.safety.SafetyEnvelope.bundled().continuationWindow()).isEqualTo(WINDOW);
        }
    }

    @Test
    void anotherSessionOfTheSubjectSinceEndsTheTreatment(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session first = cutByTheLink(rig, rig.started(SessionRig.PASSING), 3);
            long other = rig.store.createSession(new NewSession("subject-1", "op1", "other", "name: other",
                    "simulator", rig.profile.sha256(), "e", "sim:simulator", true, "PASS", 1), Instant.now());
            rig.store.appendPulses(other, List.of(new PulseRow(0, 0, 10, 40, 0)));
            assertThatThrownBy(() -> Continuation.of(rig.store, first.id(), WINDOW, Instant.now()))
                    .isInstanceOf(ContinuationRefused.class).hasMessageContaining("session " + other);
        }
    }

    @Test
    void aContinuationRunsOnTheTreatmentsOwnProfile(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session first = cutByTheLink(rig, rig.started(SessionRig.PASSING), 3);
            Continuation c = Continuation.of(rig.store, first.id(), WINDOW, Instant.now());
            HardwareProfile p = rig.profile;
            HardwareProfile edited = new HardwareProfile(p.name(), p.model(), p.simulation(), p.wireProtocol(), p.link(),
                    p.capabilities(), p.limits(), p.timing(), p.gpio(), p.sources(),
                    new org.tmshost.profile.LimitsFile(p.file().path(), p.file().text(), "0".repeat(64),
                            p.file().standing(), p.file().provenance()));
            SessionRequest asked = rig.request(SessionRig.PASSING, 50).withProfile(edited);
            assertThatThrownBy(() -> Session.prepareContinuation(asked, c, rig.simulator, new LinkWatch(), rig.store,
                    rig.settings)).isInstanceOf(ContinuationRefused.class).hasMessageContaining("same profile");
        }
    }

    @Test
    void aSupervisorsApprovalCarriesOverToTheRestOfItsTreatmentAndNothingElse(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            SiteUsers users = SiteUsers.load(dir.resolve("users.yaml"), 1_000, UserAudit.into(rig.store));
            users.changes().add("sup", Role.SUPERVISOR, "correct horse".toCharArray(), java.util.Optional.empty());
            AuthenticatedUser supervisor = SiteUsers.load(dir.resolve("users.yaml"), 1_000, UserAudit.into(rig.store))
                    .authenticate("sup", "correct horse".toCharArray()).orElseThrow();
            Session first = rig.prepare(SessionRig.NEEDS_OVERRIDE);
            first.approveOverrides(supervisor, "ethics board protocol 12");
            first.arm(Confirmations.BOTH, "op1");
            first.start("op1");
            cutByTheLink(rig, first, 5);

            Session next = continued(rig, SessionRig.NEEDS_OVERRIDE,
                    Continuation.of(rig.store, first.id(), WINDOW, Instant.now()));
            assertThat(next.verdict().level()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(next.approvedRuleIds()).containsExactly("rossi2009.train-duration");
            assertThat(rig.store.overrides(next.id())).singleElement().satisfies(o -> {
                assertThat(o.approvedBy()).isEqualTo("sup");
                assertThat(o.reason()).contains("carried over from session " + first.id(), "ethics board protocol 12");
            });
            SessionOutcome outcome = armAndRun(rig, next);
            assertThat(outcome.state()).as(outcome.reason()).isEqualTo(SessionState.COMPLETED);
            assertThat(rig.simulator.groundTruth().size()).isEqualTo(60);
            assertThat(rig.store.overrides(first.id())).extracting(OverrideRow::reason)
                    .containsExactly("ethics board protocol 12");
        }
    }
}
