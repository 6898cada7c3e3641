package org.tmshost.dryrun;

import org.tmshost.simulator.FaultScenario;

import java.util.Locale;

/**
 * What a dry run did with one event of a fault scenario. A dry run has no link to the device, so a
 * link-level fault cannot happen in it; it says so rather than report "COMPLETED" as if it had.
 *
 * @param kind     the fault's kind as the file writes it ({@code link-drop})
 * @param when     when the file asks for it ({@code at 3 s}, {@code after 10 pulses})
 * @param handling what the dry run did with it
 * @param detail   the same in words, for a technician
 */
public record ScenarioEvent(String kind, String when, Handling handling, String detail) {

    public enum Handling {
        /** Applied to the simulated device. */
        APPLIED,
        /** Not due before the run ended. */
        NOT_REACHED,
        /** A link fault: a dry run has no link, so it was left out and the plan ran without it. */
        NOT_SIMULATED;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static ScenarioEvent of(FaultScenario.Fault fault, boolean applied, int deliveredWhenApplied) {
        String when = fault.atPulse().map(pulses -> "after " + pulses + " pulses")
                .orElseGet(() -> "at " + fault.atSeconds().orElseThrow().stripTrailingZeros().toPlainString() + " s");
        String kind = fault.kind().fileName();
        if (fault.kind().linkLevel()) {
            return new ScenarioEvent(kind, when, Handling.NOT_SIMULATED, "not simulated: a dry run has no link to the "
                    + "device, so the plan ran as if the link held; play this scenario with 'tmshost simulate "
                    + "--scenario' and a session on its device to see the host trip");
        }
        if (applied) {
            return new ScenarioEvent(kind, when, Handling.APPLIED, "applied to the simulated device after "
                    + deliveredWhenApplied + " delivered pulses");
        }
        return new ScenarioEvent(kind, when, Handling.NOT_REACHED, "not reached: the run ended before it was due");
    }
}
