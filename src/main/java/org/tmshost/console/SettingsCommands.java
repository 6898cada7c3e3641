package org.tmshost.console;

import org.tmshost.yaml.Durations;
import org.tmshost.device.DeviceUri;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.SubjectId;
import org.tmshost.record.SubjectIdRefused;
import org.tmshost.session.Confirmations;
import org.tmshost.session.SiteUsers;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.PrintableText;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's settings: {@code device}, {@code profile}, {@code operator}, {@code subject}, a
 * stated {@code threshold} and {@code load}. Each is checked before it is taken, and taken only
 * while nothing is armed.
 */
final class SettingsCommands {
    private final ConsoleState state;
    private final ConsoleIo io;

    SettingsCommands(ConsoleState state) {
        this.state = state;
        this.io = state.io;
    }

    int device(String uri) {
        DeviceUri parsed;
        try {
            parsed = DeviceUri.parse(uri);
        } catch (IllegalArgumentException e) {
            return io.bad("device " + e.getMessage());
        }
        if (!state.changeable("the device")) {
            return ExitCode.BAD_INPUT;
        }
        state.disconnect();
        state.deviceUri = parsed.toString();
        if (state.profileName == null) {
            state.profileName = parsed.profile();
        }
        io.out().println("device " + state.deviceUri + (parsed.simulated() ? "  (SIMULATION: no real pulse is delivered)"
                : ""));
        return ExitCode.OK;
    }

    int profile(String name) throws InvalidFileException {
        HardwareProfile loaded = HardwareProfiles.load(name);
        if (!state.changeable("the profile")) {
            return ExitCode.BAD_INPUT;
        }
        state.disconnect();
        state.profileName = name;
        io.out().println("profile " + loaded.name() + ": " + loaded.model() + (loaded.simulation() ? " (SIMULATION)" : ""));
        return ExitCode.OK;
    }

    int operator(String id) throws IOException {
        SiteUsers users = state.host.users();
        String shown = PrintableText.escaped(id);
        Optional<String> refused = users.operatorRefusal(id);
        if (refused.isPresent()) {
            return io.bad(PrintableText.escaped(refused.get()));
        }
        if (users.isEmpty()) {
            io.out().println("note: this site has no users yet ('users add NAME --role supervisor'); '" + shown + "' is recorded as given");
        }
        if (!state.changeable("the operator")) {
            return ExitCode.BAD_INPUT;
        }
        if (state.envelope.operatorsAuthenticate()) { // the site policy asks the operator to sign in
            Optional<String> signIn = state.host.authenticateOperator(id, io.askSecret("password for " + shown + ": "));
            if (signIn.isPresent()) {
                return io.bad("operator refused (the site policy asks operators to authenticate): " + signIn.get());
            }
        }
        state.operator = id;
        io.out().println("operator " + shown);
        return ExitCode.OK;
    }

    int subject(String entered) {
        SubjectId id;
        try {
            id = SubjectEntry.admit(state.host.store(), entered, state.envelope);
        } catch (SubjectIdRefused e) {
            return io.bad(e.getMessage());
        }
        if (!state.changeable("the subject")) {
            return ExitCode.BAD_INPUT;
        }
        state.subject = id.value();
        state.thresholds.clear();
        state.confirmations = Confirmations.NONE;
        io.out().println("subject " + SubjectEntry.said(id, entered) + " (thresholds and confirmations cleared)");
        state.leaveCourseOfAnotherSubject();
        return ExitCode.OK;
    }

    /**
     * {@code threshold rmt|amt VALUE --evidence emg|visual}: a threshold measured today, as stated. A
     * threshold without how it was seen is not a measurement a session may be dosed by (the arming
     * check refuses it), so it is refused here, at once, unless this subject's other threshold already
     * said (one method for both, as {@link SubjectThresholds} holds them).
     */
    int threshold(List<String> words, String evidence) {
        if (words.size() != 2) {
            return io.bad("threshold rmt|amt VALUE --evidence emg|visual, or threshold hunt rmt|amt --algorithm ...");
        }
        String kind = words.get(0);
        String k = kind.toLowerCase(Locale.ROOT);
        if (!k.equals("rmt") && !k.equals("amt")) {
            return io.bad("threshold rmt|amt VALUE --evidence emg|visual: '" + PrintableText.escaped(kind)
                    + "' is neither");
        }
        double value;
        try {
            value = Double.parseDouble(words.get(1));
        } catch (NumberFormatException e) {
            return io.bad("threshold " + k + " VALUE --evidence emg|visual: '" + PrintableText.escaped(words.get(1))
                    + "' is not a number in %MSO");
        }
        if (!(value > 0) || value > 100) {
            return io.bad("a threshold is in %MSO, greater than 0 and at most 100 (was " + value + ")");
        }
        ThresholdMethod method = state.thresholds.method();
        if (evidence != null) {
            try {
                method = ThresholdMethod.valueOf(evidence.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                method = ThresholdMethod.UNSTATED;
            }
            if (method == ThresholdMethod.UNSTATED) {
                return io.bad("--evidence must be emg or visual, not '" + PrintableText.escaped(evidence) + "'");
            }
        }
        if (method == ThresholdMethod.UNSTATED) {
            return io.bad("how was the " + k.toUpperCase(Locale.ROOT) + " seen? A threshold without it is not a "
                    + "measurement a session may be dosed by. Type: threshold " + k + " " + words.get(1)
                    + " --evidence emg (an EMG display) or threshold " + k + " " + words.get(1)
                    + " --evidence visual (watching the muscle)");
        }
        if (!state.changeable("the thresholds")) {
            return ExitCode.BAD_INPUT;
        }
        state.thresholds.set(k.equals("rmt") ? ThresholdKind.RMT : ThresholdKind.AMT, value, method, "stated");
        io.out().printf(Locale.ROOT, "%s %.1f%% MSO (%s)%n", k.toUpperCase(Locale.ROOT), value, method.name());
        return ExitCode.OK;
    }

    int load(String name) throws InvalidFileException {
        ProtocolLibrary.Entry entry = ProtocolLibrary.resolve(name);
        if (!state.changeable("the protocol")) {
            return ExitCode.BAD_INPUT;
        }
        state.protocol = entry;
        io.out().printf(Locale.ROOT, "loaded %s: %s, %d pulses, %s%n", entry.name(), entry.protocol().name(),
                entry.protocol().pulseCount(), Durations.human(entry.protocol().timeline().durationNanos()));
        if (state.course != null) {
            // the course stays selected: a deviation from its protocol is the course's to record, with a
            // supervisor's approval (course.protocol), not a session that quietly leaves the course
            io.out().println("  course " + state.course.name() + " stays selected: a protocol other than the course's "
                    + "needs a supervisor's approval at check (course.protocol); 'course none' runs it outside the course, "
                    + "'course " + state.course.name() + "' loads the course's protocol again");
        }
        return ExitCode.OK;
    }
}
