package org.tmshost.device.ttl;

import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/** A TTL rig's {@link PanelOperator} asked at a prompt: the operator types the output the panel shows. */
public final class PanelPrompt {
    private PanelPrompt() {
    }

    /** The operator asked with {@code ask} (shows a prompt and returns the line, null at end of input). */
    public static PanelOperator askedWith(UnaryOperator<String> ask) {
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

    /** {@link #askedWith} on this process's terminal, or nobody ({@link PanelOperator#NONE}) when there is none. */
    public static PanelOperator terminal() {
        java.io.Console console = System.console();
        return console == null ? PanelOperator.NONE : askedWith(prompt -> console.readLine("%s", prompt));
    }
}
