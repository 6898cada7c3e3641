package org.tmshost.cli;

import org.tmshost.device.DeviceUri;
import org.tmshost.record.TmsHome;
import org.tmshost.session.SiteUsers;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Optional;

/** What {@code run} and {@code continue} are told about delivering: the device, who operates, who approves. */
final class DeliveryOptions {
    @Option(names = "--device", paramLabel = "URI", required = true,
            description = "sim:PROFILE, serial:/dev/PORT?profile=P, tcp://HOST:PORT?profile=P or gpio:pi?profile=P")
    String device;

    @Option(names = "--operator", paramLabel = "ID", required = true, description = "Operator id, recorded with every action.")
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
        Optional<String> refused = SiteUsers.load(TmsHome.resolve().usersFile()).operatorRefusal(operator);
        if (refused.isPresent()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--operator " + refused.get());
        }
        try {
            return DeviceUri.parse(device);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--device " + e.getMessage());
        }
    }

    RunCommand.Approval approval() {
        return new RunCommand.Approval(approveAs, reason);
    }
}
