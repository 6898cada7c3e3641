package org.tmshost.course;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Confirmations;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.MeasuredThresholds;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionRequest;
import org.tmshost.session.SessionSettings;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.timing.VirtualClock;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Courses on a record store in a temp directory, on a wall clock the test moves by hand (a day at a
 * time), with real sessions against the in-process simulator on virtual time: each session is
 * prepared with its course's admission findings, counted toward the course, armed and stepped by
 * hand ({@link Session#doWork()}) to its end, as {@code session.SessionRig} does. No thread, no sleep.
 */
final class CourseRig implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final String SUBJECT = "subject-1";
    static final String OPERATOR = "op1";
    /** The library's m1-10hz-pain as its name and file text. */
    static final String PAIN = "m1-10hz-pain";
    /** Virtual time a session may run before the rig gives up: longer than any plan here. */
    private static final long GIVE_UP_NANOS = 3_600_000_000_000L;

    /** A wall clock that stands still until the test moves it. */
    static final class HandClock implements InstantSource {
        private Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void set(Instant instant) {
            now = instant;
        }
    }

    /** A session prepared by the rig, with the virtual clock and simulated device it runs on. */
    record RigSession(Session session, VirtualClock clock, SimulatedStimulator device) {
    }

    final Path dir;
    final HandClock wall;
    final RecordStore store;
    final Courses courses;
    final HardwareProfile profile;

    CourseRig(Path dir, LocalDate today) throws Exception {
        this.dir = dir;
        this.wall = new HandClock(nineOClock(today));
        this.store = RecordStore.open(dir.resolve("records.db"));
        this.courses = new Courses(store, OutcomeMeasures.bundled(), wall, ZONE);
        HardwareProfile p = HardwareProfiles.load("simulator");
        // as SessionRig: a 20 ms lateness limit, build VMs are no real-time hosts (stepping is virtual anyway)
        this.profile = new HardwareProfile(p.name(), p.model(), p.simulation(), p.wireProtocol(), p.link(),
                p.capabilities(), p.limits(), new TimingTolerances(p.timing().earlyToleranceMicros(), 20_000), p.gpio(),
                p.sources(), p.file());
    }

    static Instant nineOClock(LocalDate day) {
        return day.atTime(LocalTime.of(9, 0)).atZone(ZONE).toInstant();
    }

    /** Moves the wall clock to 09:00 on {@code day}. */
    void moveTo(LocalDate day) {
        wall.set(nineOClock(day));
    }

    /** Moves the wall clock on by {@code hours} (a second session the same day, past the intersession interval). */
    void later(int hours) {
        wall.set(wall.instant().plusSeconds(hours * 3600L));
    }

    LocalDate today() {
        return courses.today();
    }

    /**
     * The library's m1-10hz-pain cut to 2 trains of 40 pulses (4 s, inside the Rossi 2009 table at
     * 80% RMT) 10 s apart: 80 pulses, 18 s, the same 10 Hz at 80% RMT.
     */
    static String shortPain() {
        String text = ProtocolLibrary.builtIn(PAIN).orElseThrow().text();
        String shortened = text.replace("pulsesPerTrain: 100", "pulsesPerTrain: 40").replace("trains: 20", "trains: 2")
                .replace("interTrainIntervalSeconds: 50", "interTrainIntervalSeconds: 10");
        if (shortened.equals(text) || !shortened.contains("trains: 2\n") || !shortened.contains("pulsesPerTrain: 40")) {
            throw new AssertionError("the library's " + PAIN + " changed; shorten it anew:\n" + text);
        }
        return shortened;
    }

    static final int SHORT_PAIN_PULSES = 80;

    /** A plan request on the short pain protocol, for SUBJECT (new), by OPERATOR; callers change what they test. */
    static CoursePlanRequest request(String name, int sessions, String schedule, Optional<LocalDate> start) {
        return request(name, sessions, schedule, start, 1, Optional.empty());
    }

    /** The same, with {@code perDay} sessions a day and {@code maintenance} ({@code N/EVERY}). */
    static CoursePlanRequest request(String name, int sessions, String schedule, Optional<LocalDate> start, int perDay,
                                     Optional<String> maintenance) {
        return new CoursePlanRequest(name, SUBJECT, PAIN, shortPain(), sessions, schedule, start, maintenance,
                "hotspot 2 cm anterior", "M1 contralateral to pain", List.of("pain-nrs"), "session", perDay, true,
                OPERATOR);
    }

    /** {@code r} for the subject already on record (a second course of the same subject). */
    static CoursePlanRequest knownSubject(CoursePlanRequest r) {
        return new CoursePlanRequest(r.name(), r.subjectId(), r.protocolName(), r.protocolText(), r.sessions(),
                r.schedule(), r.start(), r.maintenance(), r.target(), r.targetSite(), r.outcomes(), r.thresholdsEvery(),
                r.sessionsPerDay(), false, r.user());
    }

    Course plan(CoursePlanRequest request) throws CourseInputRefused {
        return courses.plan(request);
    }

    /** Admits today's session on the course's own protocol, prepares it with the findings and counts it. */
    RigSession prepare(String course) throws Exception {
        return prepare(course, PAIN, courses.course(course).row().protocolText());
    }

    RigSession prepare(String course, String protocolName, String protocolText) throws Exception {
        return prepare(course, protocolName, protocolText,
                new MeasuredThresholds(MotorThresholds.of(50.0, null, ThresholdMethod.EMG), wall.instant()));
    }

    /** Today's session on the course's own protocol, dosed as the course doses it when {@code given} (maybe none). */
    RigSession prepareGiven(String course, MotorThresholds given) throws Exception {
        Course c = courses.course(course);
        return prepare(course, PAIN, c.row().protocolText(), courses.thresholds(c, given));
    }

    private RigSession prepare(String course, String protocolName, String protocolText, MeasuredThresholds thresholds)
            throws Exception {
        CourseAdmission admission = courses.admit(course, SUBJECT, protocolName, protocolText);
        VirtualClock clock = new VirtualClock(1_000_000_000L);
        SimulatedStimulator device = new SimulatedStimulator(profile, clock::nanoTime,
                CoilThermalModel.Parameters.bundled(), 1 << 12, 0);
        SessionRequest request = new SessionRequest(SUBJECT, OPERATOR, protocolName,
                ProtocolFiles.parse(protocolName + ".yaml", protocolText), protocolText,
                thresholds, profile, "sim:simulator", SafetyEnvelope.bundled()).withPlanFindings(admission.findings());
        SessionSettings settings = SessionSettings.defaults(dir.resolve("journals")).withVirtualTime(clock)
                .withWallClock(wall, ZONE);
        Session session = Session.prepare(request, device, new LinkWatch(), store, settings);
        courses.join(admission, session.id(), OPERATOR);
        return new RigSession(session, clock, device);
    }

    /** Arms (both confirmations) and starts; an arming refusal is an AssertionError with its reasons. */
    static void armAndStart(RigSession s) throws Exception {
        ArmingReport report = s.session().arm(Confirmations.BOTH, OPERATOR);
        if (!report.canArm()) {
            throw new AssertionError("arming refused: " + report.lines());
        }
        s.session().start(OPERATOR);
    }

    /** Steps a started session on its virtual clock until it ends. */
    static SessionOutcome stepToEnd(RigSession s) {
        return stepUntil(s, () -> false);
    }

    /** Steps a started session until {@code stop} holds or it ends; its outcome if it ended. */
    static SessionOutcome stepUntil(RigSession s, java.util.function.BooleanSupplier stop) {
        long giveUp = s.clock().nanoTime() + GIVE_UP_NANOS;
        while (s.session().outcome().isEmpty() && !stop.getAsBoolean()) {
            if (s.clock().nanoTime() - giveUp > 0) {
                throw new AssertionError("no end within an hour of virtual time: " + s.session());
            }
            if (s.session().doWork() == 0) {
                s.clock().advanceTo(s.session().nextEventNanos());
            }
        }
        return s.session().outcome().orElse(null);
    }

    /** Today's session of {@code course}: prepared, counted, armed and run to its end. */
    SessionOutcome runSession(String course) throws Exception {
        RigSession s = prepare(course);
        armAndStart(s);
        return stepToEnd(s);
    }

    /** Scores before and after today's session. */
    void scores(String course, int before, int after) throws CourseInputRefused {
        courses.recordOutcome(course, "pain-nrs", Optional.of(BigDecimal.valueOf(before)),
                Optional.of(BigDecimal.valueOf(after)), Optional.empty(), Optional.empty(), OPERATOR);
    }

    @Override
    public void close() {
        store.close();
    }
}
