package org.tmshost.cli;

import org.tmshost.console.CheckOutput;
import org.tmshost.console.ExitCode;
import org.tmshost.device.DeviceFault;
import org.tmshost.dryrun.DryRun;
import org.tmshost.dryrun.DryRunResult;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.report.HtmlReport;
import org.tmshost.report.ReportContent;
import org.tmshost.safety.DoseHistory;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "dry-run", description = {"Check a protocol, then run its whole plan against the simulated device on a "
        + "virtual clock (nothing sleeps, nothing real fires).",
        "A NEEDS_OVERRIDE plan is simulated too (exit code 3 still says it needs approval); a BLOCKED one is not."})
final class DryRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanRequest request;

    @Option(names = "--json", description = "Machine-readable output (contracts.md §3).")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write a self-contained HTML report.")
    Path report;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Play a simulator fault scenario during the run.")
    Path scenario;

    @Override
    public Integer call() throws InvalidFileException, DeviceFault, IOException {
        ProtocolLibrary.Entry entry = request.protocolEntry();
        HardwareProfile hardware = request.hardwareProfile();
        MotorThresholds subject = request.motorThresholds(spec);
        Optional<FaultScenario> faults = scenario == null ? Optional.empty() : Optional.of(FaultScenario.read(scenario));
        DryRunResult result = DryRun.run(entry.protocol(), subject, hardware, request.envelope(),
                DoseHistory.none(Instant.now()), faults);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = CheckOutput.json(entry.name(), hardware, entry.protocol(), result.verdict());
            root.put("delivered", result.deliveredPulses());
            root.put("refused", result.refusedPulses());
            root.put("outcome", result.outcome());
            if (!result.stopReason().isEmpty()) {
                root.put("stopReason", result.stopReason());
            }
            if (result.ran()) {
                root.put("coilPeakTemperatureCelsius", CheckOutput.round(result.coilPeakTemperatureCelsius(), 2));
            }
            if (!result.scenarioEvents().isEmpty()) {
                root.put("scenarioEvents", result.scenarioEvents().stream().map(event -> {
                    Map<String, Object> item = new java.util.LinkedHashMap<>();
                    item.put("kind", event.kind());
                    item.put("when", event.when());
                    item.put("handling", event.handling().jsonName());
                    item.put("detail", event.detail());
                    return item;
                }).toList());
            }
            root.put("simulation", true);
            root.put("computeMillis", CheckOutput.round(result.computeNanos() / 1e6, 3));
            CheckOutput.printJson(out, root);
        } else {
            CheckOutput.printText(out, entry.name(), hardware, entry.protocol(), result.verdict());
            if (result.ran()) {
                out.printf(Locale.ROOT, "  SIMULATION: %s, delivered %d of %d pulses (%d refused), coil peak %.1f C, "
                                + "computed in %.1f ms%n", result.outcome(), result.deliveredPulses(),
                        result.plan().get().pulseCount(), result.refusedPulses(), result.coilPeakTemperatureCelsius(),
                        result.computeNanos() / 1e6);
                if (!result.stopReason().isEmpty()) {
                    out.println("  stopped: " + result.stopReason());
                }
            } else {
                out.println("  SIMULATION: not run, the plan is " + result.verdict().name());
            }
            for (var event : result.scenarioEvents()) {
                out.println("  scenario " + event.kind() + " " + event.when() + ": " + event.detail());
            }
        }
        if (report != null) {
            HtmlReport.write(report, new ReportContent(entry.name(), entry.protocol(), entry.text(), subject, hardware,
                    result.verdict(), entry.protocol().timeline(), result.ran(), result.deliveredPulses(),
                    result.refusedPulses(), result.coilPeakTemperatureCelsius(), result.deliveredAtNanos(),
                    Instant.now().toString()));
            if (!json) {
                out.println("  report: " + report);
            }
        }
        if (result.ran() && !result.outcome().equals("COMPLETED")) {
            return ExitCode.INTERLOCK_ABORT;
        }
        return CheckCommand.exitCode(result.verdict());
    }
}
