package org.tmshost.console;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.FaultScenario;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    @Override
    public Integer call() throws InvalidFileException, IOException, InterruptedException {
        HardwareProfile hardware = HardwareProfiles.load(profile);
        Optional<FaultScenario> faults = scenario == null ? Optional.empty() : Optional.of(FaultScenario.read(scenario));
        if (seconds != null && seconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be positive");
        }
        SimulatorEventLog eventLog = log == null ? null : new SimulatorEventLog(log);
        DeviceEventListener events = eventLog == null ? DeviceEventListener.NONE : eventLog;
        PrintWriter out = spec.commandLine().getOut();
        StandaloneSimulator simulator;
        try {
            simulator = new StandaloneSimulator(hardware, faults, events);
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
            out.printf("SIMULATION: %s (%s) speaks %s on %s%s%n", hardware.name(), hardware.model(),
                    hardware.wireProtocol(), where, faults.map(f -> ", scenario '" + f.name() + "'").orElse(""));
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
}
