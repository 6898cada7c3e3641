package org.tmshost.console;

import org.tmshost.device.DeviceProviders;
import org.tmshost.device.magstim.MagstimProvider;
import org.tmshost.device.magventure.MagProProvider;
import org.tmshost.device.ttl.PanelOperator;
import org.tmshost.device.ttl.TtlRigProvider;
import org.tmshost.simulator.SimulationProvider;

import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** The devices {@code run} and {@code console} open: every provider tmshost ships. */
public final class Devices {
    private Devices() {
    }

    /**
     * @param simulationClock the clock {@code sim:} devices run on
     * @param panel           who confirms a TTL rig's panel output
     */
    public static DeviceProviders offered(LongSupplier simulationClock, PanelOperator panel) {
        return DeviceProviders.of(new SimulationProvider(simulationClock), new MagstimProvider(), new MagProProvider(),
                new TtlRigProvider(panel));
    }

    /** A TTL rig's operator asked on a terminal ({@code ask} shows a prompt and returns the line, null at end of input). */
    static PanelOperator askedWith(UnaryOperator<String> ask) {
        return (channel, outputPercentMso) -> {
            String answer = ask.apply("Set " + outputPercentMso + "% MSO on the stimulator's panel, then type the "
                    + "output it shows (empty to refuse): ");
            if (answer == null || answer.isBlank()) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(answer.trim()));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        };
    }

    /** {@link #askedWith} on this process's terminal, or nobody when there is none. */
    public static PanelOperator terminal() {
        java.io.Console console = System.console();
        return console == null ? PanelOperator.NONE : askedWith(prompt -> console.readLine("%s", prompt));
    }
}
