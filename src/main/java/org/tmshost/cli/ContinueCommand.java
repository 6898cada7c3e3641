package org.tmshost.cli;

import org.tmshost.console.Devices;
import org.tmshost.console.ErrorMessages;
import org.tmshost.console.ExitCode;
import org.tmshost.console.SessionHost;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.ttl.PanelPrompt;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.record.RecordException;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.Continuation;
import org.tmshost.session.ContinuationRefused;
import org.tmshost.session.Session;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.tmshost.yaml.TerminalText.of;

@Command(name = "continue", description = {"Continue a session that the host's own fault ended (a timing fault, a record "
        + "failure, a lost link, a stopped host) for its remaining pulses, as the same treatment: its recorded protocol, "
        + "thresholds and profile; the envelope checks delivered + remaining; no supervisor needed within the site "
        + "policy's continueWithinMinutes.",
        "Exit codes as run; 3 also when the session cannot be continued (the reason is printed)."})
final class ContinueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "The session to continue (tmshost sessions lists them).")
    long sessionId;

    @Option(names = "--profile", paramLabel = "P", description = "Hardware profile name or file; default: the one the "
            + "session recorded. It must be the same profile (its SHA-256 is compared).")
    String profile;

    @Mixin
    DeliveryOptions delivery;

    @Mixin
    EnvelopeOptions envelopeOptions;

    @Override
    public Integer call() throws InvalidFileException, DeviceFault, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DeviceUri uri = delivery.checked(spec);
        SafetyEnvelope envelope = envelopeOptions.envelope();
        TmsHome home = TmsHome.resolve();
        Optional<SessionHost> opened = SessionHost.open(home, out, err); // closes a killed host's session first
        if (opened.isEmpty()) {
            return ExitCode.DEVICE_FAULT;
        }
        try (SessionHost host = opened.get()) {
            if (!delivery.operatorSignedIn(host, envelope, err)) {
                return ExitCode.BAD_INPUT;
            }
            Continuation continuation;
            try {
                continuation = Continuation.of(host.store(), sessionId, envelope.continuationWindow(), Instant.now());
            } catch (ContinuationRefused e) {
                err.println("cannot continue session " + sessionId + ": " + e.getMessage());
                return ExitCode.SAFETY_REFUSED;
            }
            HardwareProfile hardware = HardwareProfiles.load(profile != null ? profile
                    : continuation.continues().profileName());
            out.printf("continuing session %d (%s, subject %s): %d pulses delivered, %d planned%n", sessionId,
                    of(continuation.continues().protocolName()), of(continuation.continues().subjectId()),
                    continuation.delivered(), continuation.continues().plannedPulses());
            try (SessionHost.Connection connection = SessionHost.connect(
                    Devices.offered(System::nanoTime, PanelPrompt.terminal()), uri, hardware)) {
                Session session;
                try {
                    session = host.continueTreatment(connection, continuation, delivery.operator, envelope);
                } catch (ContinuationRefused e) {
                    err.println("cannot continue session " + sessionId + ": " + e.getMessage());
                    return ExitCode.SAFETY_REFUSED;
                }
                out.println(host.continuationSaid(session, continuation));
                return RunCommand.deliver(host, connection, session, continuation.continues().protocolName(),
                        delivery.approval(), delivery.yes, delivery.operator, out, err);
            }
        } catch (RecordException e) {
            // before arming (nothing fired) or while finishing (the session already disarmed the device)
            return ErrorMessages.recordFailure(e, home, err);
        }
    }
}
