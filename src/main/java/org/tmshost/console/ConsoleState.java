package org.tmshost.console;

import org.tmshost.course.CourseAdmission;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.Courses;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceProviders;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.ttl.PanelPrompt;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.safety.Finding;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.Confirmations;
import org.tmshost.session.Session;
import org.tmshost.session.SessionState;
import org.tmshost.threshold.SimulationClock;
import org.tmshost.yaml.InvalidFileException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.tmshost.yaml.TerminalText.of;

/**
 * The session behind the console's commands: what the technician set (device, profile, operator,
 * subject, thresholds, protocol, confirmations), the connected device, and the session those
 * prepare, with the rules every command follows for them: a setting changes only while nothing is
 * armed (a prepared session is cancelled), and a session is prepared once everything is set. Only
 * the desk's commands touch it, on the console thread; {@link #session} is also read by a stop
 * from another thread.
 */
final class ConsoleState {
    final SessionHost host;
    final SafetyEnvelope envelope;
    final ConsoleIo io;
    /** The simulated device's clock; fast threshold hunts move it forward. */
    final SimulationClock simulationClock = new SimulationClock();

    String deviceUri;
    String profileName;
    String operator;
    String subject;
    final SubjectThresholds thresholds = new SubjectThresholds();
    ProtocolLibrary.Entry protocol;
    /** The treatment course the next session counts toward, or null (course mode off). */
    SelectedCourse course;
    Confirmations confirmations = Confirmations.NONE;
    SessionHost.Connection connection;
    volatile Session session;
    /** The live status of the session started last (null until {@code start}). */
    StatusProbe probe;

    ConsoleState(SessionHost host, SafetyEnvelope envelope, ConsoleIo io) {
        this.host = host;
        this.envelope = envelope;
        this.io = io;
    }

    /** True when the session, or else the device set, is a simulation. */
    boolean simulated() {
        Session s = session;
        if (s != null) {
            return s.request().simulated();
        }
        return deviceUri != null && deviceUri.startsWith("sim:");
    }

    /** Connects the device: a {@code sim:} device on the console's clock, a TTL rig's panel asked here. */
    void connect(DeviceUri uri, HardwareProfile profile) throws DeviceFault {
        DeviceProviders devices = Devices.offered(simulationClock, PanelPrompt.askedWith(io::ask));
        connection = SessionHost.connect(devices, uri, profile);
    }

    /** Closes the device (disarming it first), if one is connected. */
    void disconnect() {
        SessionHost.Connection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    /** The settings a session (or, without the protocol, a hunt) still needs, as the commands that set them. */
    List<String> unset(boolean protocolNeeded) {
        List<String> missing = new ArrayList<>();
        if (deviceUri == null) {
            missing.add("device URI");
        }
        if (profileName == null) {
            missing.add("profile NAME");
        }
        if (operator == null) {
            missing.add("operator ID");
        }
        if (subject == null) {
            missing.add("subject ID");
        }
        if (protocolNeeded && protocol == null) {
            missing.add("load PROTOCOL");
        }
        return missing;
    }

    /**
     * The prepared (or armed) session for the current settings; prepares one when there is none.
     * Prints what is missing and returns empty when something is not set.
     */
    Optional<Session> prepared() throws DeviceFault, InvalidFileException {
        Session s = session;
        if (s != null && !s.state().isTerminal()) {
            Optional<String> changed = courseChangedSince(s);
            if (changed.isEmpty()) {
                return Optional.of(s);
            }
            s.cancel("course changed before arming: " + changed.get(), operator);
            io.out().println("session " + s.id() + " cancelled before arming (course " + course.name() + " changed: "
                    + of(changed.get()) + "); preparing it anew");
            session = null;
        }
        List<String> missing = unset(true);
        if (!missing.isEmpty()) {
            io.bad("set first: " + String.join(", ", missing));
            return Optional.empty();
        }
        if (connection == null) {
            HardwareProfile hardware = HardwareProfiles.load(profileName);
            connect(DeviceUri.parse(deviceUri), hardware);
        }
        if (course != null) {
            Courses courses = host.courses();
            CourseAdmission admission;
            try {
                admission = courses.admit(course.name(), subject, protocol.name(), protocol.text());
            } catch (CourseInputRefused e) {
                io.bad("course " + course.name() + ": " + of(e.getMessage()) + "; nothing prepared");
                return Optional.empty();
            }
            s = host.prepare(connection, protocol, thresholds.motorThresholds(), subject, operator, envelope, courses,
                    admission);
        } else {
            s = host.prepare(connection, protocol, thresholds.motorThresholds(), subject, operator, envelope);
        }
        session = s;
        probe = null;
        io.out().println("session " + s.id() + " prepared: verdict " + s.verdict().name()
                + (s.request().simulated() ? ", SIMULATION" : "")
                + (course == null ? "" : "; counts toward course " + course.name()));
        return Optional.of(s);
    }

    /**
     * What a prepared session of the selected course was not judged on: findings the course would add
     * today that its verdict lacks (an adverse event or a session recorded since, by this console or
     * another host). Empty when nothing changed, the session is not the course's, or it is armed.
     */
    private Optional<String> courseChangedSince(Session s) throws InvalidFileException {
        if (course == null || s.state() != SessionState.PREPARED || host.store().courseOf(s.id()).isEmpty()) {
            return Optional.empty();
        }
        List<String> judged = s.verdict().findings().stream().map(Finding::ruleId).toList();
        try {
            List<String> now = host.courses().admit(course.name(), subject, protocol.name(), protocol.text())
                    .findings().stream().map(Finding::ruleId).filter(id -> !judged.contains(id)).toList();
            return now.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", now));
        } catch (CourseInputRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * True if a setting may change now. A prepared session that has not armed is cancelled (its
     * record says why); an armed or running one refuses the change.
     */
    boolean changeable(String what) {
        Session s = session;
        if (s == null || s.state().isTerminal()) {
            return true;
        }
        if (s.state() == SessionState.PREPARED) {
            s.cancel("settings changed before arming: " + what, operator);
            io.out().println("session " + s.id() + " cancelled before arming (" + what + " changed)");
            session = null;
            return true;
        }
        io.bad("cannot change " + what + " while the session is " + s.state() + ": 'stop' first");
        return false;
    }

    /**
     * A course is one subject's: a session of another subject cannot count toward it, so the console
     * leaves course mode (saying so) when the subject changes to another.
     */
    void leaveCourseOfAnotherSubject() {
        SelectedCourse selected = course;
        if (selected != null && !selected.subjectId().equals(subject)) {
            course = null;
            io.out().println("course " + selected.name() + " left: it is subject " + selected.subjectId() + "'s; "
                    + "sessions of " + subject + " do not count toward it ('course' lists this subject's courses)");
        }
    }
}
