package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.simulator.SimulatedUnit;
import org.tmshost.simulator.SimulatorEventLog;
import org.tmshost.simulator.standalone.StandaloneSimulator;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

@Command(name = "simulate", description = {"Run a simulated device that serves its profile's wire protocol, "
        + "for serial clients (--pty) or network clients (--tcp, loopback only).",
        "Stops on Ctrl-C, or after --seconds."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "P", required = true, description = "Hardware profile name or file.")
    String profile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Endpoint endpoint;

    static final class Endpoint {
        @Option(names = "--tcp", paramLabel = "PORT", description = "Serve on 127.0.0.1:PORT (0 picks a free port).")
        Integer tcpPort;

        @Option(names = "--pty", paramLabel = "PATH", description = "Make PATH a pseudo-terminal (needs socat).")
        Path ptyPath;
    }

    @Option(names = "--scenario", paramLabel = "FILE", description = "Fault scenario (simulator/scenarios/*.yaml).")
    Path scenario;

    @Option(names = "--log", paramLabel = "FILE", description = "Write every device event as a JSON line.")
    Path log;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: run until stopped).")
    Long seconds;

    @Option(names = "--unit", paramLabel = "FILE", description = "The unit's own settings (simulator/units/*.yaml); "
            + "the options below override it.")
    Path unitFile;

    @Option(names = "--software-version", paramLabel = "V", description = "Magstim Rapid software version, e.g. 9 or 9.0.0 "
            + "(default 8.0.0).")
    String softwareVersion;

    @Option(names = "--unlock-code", paramLabel = "CODE", description = "Rapid V9+ unlock code xxxx-xxxxxxxx-cc.")
    String unlockCode;

    @Option(names = "--arm-latency-ms", paramLabel = "MS", description = "Arming to ready (default 1000).")
    Integer armLatencyMs;

    @Option(names = "--recharge-ms", paramLabel = "MS", description = "Magstim: ready again this long after a pulse "
            + "(default: a Rapid's minimum interval; a 200-squared or BiStim 2, 3 or 4 s below 50, to 79, from 80% output).")
    Integer rechargeMs;

    @Option(names = "--serial-number", paramLabel = "N", description = "MagPro serial number in status replies.")
    Integer serialNumber;

    @Option(names = "--coil-type", paramLabel = "N", description = "MagPro coil type in status replies (60 = Cool-B65).")
    Integer coilType;

    @Override
    public Integer call() throws InvalidFileException, IOException, InterruptedException {
        HardwareProfile hardware = HardwareProfiles.load(profile);
        Optional<FaultScenario> faults = scenario == null ? Optional.empty() : Optional.of(FaultScenario.read(scenario));
        if (seconds != null && seconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be positive");
        }
        SimulatedUnit unit = unit(hardware);
        SimulatorEventLog eventLog = log == null ? null : new SimulatorEventLog(log);
        DeviceEventListener events = eventLog == null ? DeviceEventListener.NONE : eventLog;
        PrintWriter out = spec.commandLine().getOut();
        StandaloneSimulator simulator;
        try {
            simulator = new StandaloneSimulator(hardware, faults, events, unit);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String where = endpoint.ptyPath != null ? "serial pseudo-terminal " + simulator.servePty(endpoint.ptyPath)
                    : "tcp://127.0.0.1:" + simulator.serveTcp(endpoint.tcpPort);
            out.printf("SIMULATION: %s (%s) speaks %s on %s%s%s%n", hardware.name(), hardware.model(),
                    hardware.wireProtocol(), where, unit.name().isEmpty() ? "" : ", unit '" + unit.name() + "'",
                    faults.map(f -> ", scenario '" + f.name() + "'").orElse(""));
            out.println(seconds == null ? "Press Ctrl-C to stop." : "Stopping after " + seconds + " s.");
            out.flush();
            if (seconds == null) {
                stopped.await();
            } else {
                stopped.await(seconds, TimeUnit.SECONDS);
            }
        } finally {
            simulator.close();
            if (eventLog != null) {
                eventLog.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the simulator itself
            }
        }
        return ExitCode.OK;
    }

    /** The unit file, if any, with the options over it; refused when it does not fit the profile. */
    private SimulatedUnit unit(HardwareProfile hardware) throws InvalidFileException {
        SimulatedUnit fromFile = unitFile == null ? SimulatedUnit.none() : SimulatedUnit.read(unitFile, hardware);
        SimulatedUnit options;
        try {
            options = new SimulatedUnit("",
                    Optional.ofNullable(softwareVersion).map(SimulatedUnit::version),
                    Optional.ofNullable(unlockCode).map(SimulatedUnit::unlockCode),
                    Optional.ofNullable(armLatencyMs).map(ms -> within("--arm-latency-ms", ms, 60_000)),
                    Optional.ofNullable(rechargeMs).map(ms -> within("--recharge-ms", ms, 60_000)),
                    Optional.ofNullable(serialNumber).map(n -> within("--serial-number", n, 0xFF_FFFF)),
                    Optional.ofNullable(coilType).map(n -> within("--coil-type", n, 255)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SimulatedUnit unit = fromFile.overriddenBy(options);
        Map<String, String> problems = unit.problemsWith(hardware);
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), problems.entrySet().stream()
                    .map(p -> OPTION_OF_FIELD.get(p.getKey()) + " (" + p.getKey() + "): " + p.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return unit;
    }

    private static final Map<String, String> OPTION_OF_FIELD = Map.of("softwareVersion", "--software-version",
            "unlockCode", "--unlock-code", "armLatencyMs", "--arm-latency-ms", "rechargeMs", "--recharge-ms",
            "serialNumber", "--serial-number", "coilType", "--coil-type");

    private static int within(String option, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(option + " must be from 0 to " + max + ", not " + value);
        }
        return value;
    }
}
