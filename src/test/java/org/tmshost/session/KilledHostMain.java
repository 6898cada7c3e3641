package org.tmshost.session;

import org.tmshost.course.CourseAdmission;
import org.tmshost.course.CoursePlanRequest;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.SimulationProvider;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.HostLock;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The host that {@code KillNineRecoveryTest} kills: starts a long session on {@code sim:simulator}
 * with its journal under {@code tmshost.home}, holding the host lock, prints {@code RUNNING <id>} and
 * keeps firing. With {@code --course NAME} the session is the first of a daily course NAME planned for
 * its subject, counted toward it before it fires (as {@code run --course} does).
 */
public final class KilledHostMain {
    static final String LONG_PLAN = """
            name: long 10 Hz
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 10
            trains: 60
            interTrainIntervalSeconds: 0.5
            intensity: 80% RMT
            """;
    /**
     * Any number of late pulses: this host is there to be killed mid-train, and on a loaded build VM
     * its pulses ran late enough to fault the session (deviation budget) before the kill came.
     */
    static final String ANY_LATENESS = "deviations:\n  rtms: {perThousand: 1000, consecutive: 100000, isolated: 1000}\n";

    private KilledHostMain() {
    }

    public static void main(String[] args) throws Exception {
        TmsHome home = TmsHome.resolve();
        HostLock lock = HostLock.tryAcquire(home).orElseThrow(); // as run and console hold it; released by the kill
        HardwareProfile profile = SessionRig.relaxedTiming(HardwareProfiles.load("simulator"));
        LinkWatch linkWatch = new LinkWatch();
        Stimulator device = new SimulationProvider().open(DeviceUri.parse("sim:simulator"), profile);
        RecordStore store = RecordStore.open(home.database());
        String shipped;
        try (var in = SafetyEnvelope.class.getResourceAsStream("/safety/site-policy.yaml")) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        SafetyEnvelope envelope = SafetyEnvelope.withPolicy(java.nio.file.Files.writeString(
                java.nio.file.Files.createTempFile("any-lateness", ".yaml"), shipped + ANY_LATENESS));
        SessionRequest request = new SessionRequest("subject-k", "op1", "long", ProtocolFiles.parse("long.yaml",
                LONG_PLAN), LONG_PLAN, new MeasuredThresholds(MotorThresholds.of(50.0, null, ThresholdMethod.EMG),
                Instant.now()), profile, "sim:simulator", envelope);
        Optional<String> courseName = args.length == 2 && args[0].equals("--course") ? Optional.of(args[1])
                : Optional.empty();
        Courses courses = new Courses(store, OutcomeMeasures.bundled(), InstantSource.system(), ZoneId.systemDefault());
        Optional<CourseAdmission> admission = Optional.empty();
        if (courseName.isPresent()) {
            courses.plan(new CoursePlanRequest(courseName.get(), "subject-k", "long", LONG_PLAN, 10, "daily",
                    Optional.empty(), Optional.empty(), "", "M1 contralateral to pain", List.of("pain-nrs"), "session", 1,
                    true, "op1"));
            admission = Optional.of(courses.admit(courseName.get(), "subject-k", "long", LONG_PLAN));
            request = request.withPlanFindings(admission.get().findings());
        }
        Session session = Session.prepare(request, device, linkWatch, store, SessionSettings.defaults(home.journals()));
        if (admission.isPresent()) {
            courses.join(admission.get(), session.id(), "op1");
        }
        ArmingReport report = session.arm(Confirmations.BOTH, "op1");
        if (!report.canArm()) {
            System.out.println("REFUSED " + report.lines());
            System.exit(3);
        }
        session.start("op1");
        System.out.println("RUNNING " + session.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        lock.close();
    }
}
