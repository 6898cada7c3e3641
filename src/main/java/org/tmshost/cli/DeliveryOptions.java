package org.tmshost.cli;

import org.tmshost.device.DeviceUri;
import org.tmshost.record.TmsHome;
import org.tmshost.console.SessionHost;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.yaml.PrintableText;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/** What {@code run} and {@code continue} are told about delivering: the device, who operates, who approves. */
final class DeliveryOptions {
    @Option(names = "--device", paramLabel = "URI", required = true,
            description = "sim:PROFILE, serial:/dev/PORT?profile=P, tcp://HOST:PORT?profile=P or gpio:pi?profile=P")
    String device;

    @Option(names = "--operator", paramLabel = "ID", required = true, description = "Operator id, recorded with every action; a site user once the site has users; "
            + "their password is asked when the site policy sets operatorsAuthenticate.")
    String operator;

    @Option(names = "--yes", description = "Confirm hearing protection and safety screening non-interactively.")
    boolean yes;

    @Option(names = "--approve-as", paramLabel = "USER",
            description = "Supervisor approving NEEDS_OVERRIDE findings; the password is asked without echo on a terminal, else read from standard input.")
    String approveAs;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the override is approved (recorded).")
    String reason;

    /** The device URI, checked; a supervisor named needs a reason; the operator is a site user once the site has users. */
    DeviceUri checked(CommandSpec spec) throws IOException {
        if (approveAs != null && (reason == null || reason.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--approve-as needs --reason TEXT");
        }
        requireSiteOperator(spec, operator);
        try {
            return DeviceUri.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device " + e.getMessage());
        }
    }

    /** Refuses an operator who is not a site user once the site has users (a picocli parameter error, exit 2). */
    static void requireSiteOperator(CommandSpec spec, String operator) throws IOException {
        TmsHome home = TmsHome.resolve();
        try (RecordStore store = RecordStore.open(home)) {
            Optional<String> refused = SiteUsers.of(home, store, UserAudit.into(store)).operatorRefusal(operator);
            if (refused.isPresent()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--operator "
                        + PrintableText.escaped(refused.get()));
            }
        }
    }

    /**
     * Where the site policy asks operators to authenticate, signs the operator in with their password
     * (asked without echo on a terminal, else the first line of standard input, before an approver's).
     *
     * @return false, with the reason on {@code err}, if the operator was refused
     */
    boolean operatorSignedIn(SessionHost host, SafetyEnvelope envelope, PrintWriter err) throws IOException {
        return signedIn(host, envelope, operator, err);
    }

    /** {@link #operatorSignedIn} for any door's operator. */
    static boolean signedIn(SessionHost host, SafetyEnvelope envelope, String operator, PrintWriter err)
            throws IOException {
        if (!envelope.operatorsAuthenticate()) {
            return true;
        }
        Optional<String> refused = host.authenticateOperator(operator, Passwords.of(operator));
        refused.ifPresent(why -> err.println("error: --operator refused (the site policy asks operators to "
                + "authenticate): " + why));
        return refused.isEmpty();
    }

    RunCommand.Approval approval() {
        return new RunCommand.Approval(approveAs, reason);
    }
}
