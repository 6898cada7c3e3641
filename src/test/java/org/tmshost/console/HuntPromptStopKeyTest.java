package org.tmshost.console;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.threshold.DeliveredPulse;
import org.tmshost.threshold.MepCriterion;
import org.tmshost.threshold.MepReading;
import org.tmshost.threshold.MepSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * At a hunt's y/n prompt in the shell, Space and Esc stop the hunt as the header says, through the
 * console's own input path: an in-process terminal whose keys are there before the prompt asks.
 */
@Tag("unit")
class HuntPromptStopKeyTest {
    private static final DeliveredPulse FIRST = new DeliveredPulse(0, 60, 0);

    private static MepSource operatorPromptWithKeys(String keys) throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).name("test").type("xterm")
                .streams(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                .build();
        ConsoleShell shell = ConsoleShell.on(terminal);
        return new HuntInputs(shell, () -> false).operator(new MepCriterion(ThresholdKind.RMT, 50),
                ThresholdMethod.VISUAL);
    }

    @Test
    void spaceAtTheYesNoPromptStopsTheHunt() throws Exception {
        MepSource prompt = operatorPromptWithKeys(" ");
        assertThatThrownBy(() -> prompt.read(FIRST)).isInstanceOf(ConsoleHunt.Stopped.class).hasMessage("Space");
    }

    @Test
    void escAtTheYesNoPromptStopsTheHunt() throws Exception {
        MepSource prompt = operatorPromptWithKeys("\u001b");
        assertThatThrownBy(() -> prompt.read(FIRST)).isInstanceOf(ConsoleHunt.Stopped.class).hasMessage("Esc");
    }

    @Test
    void anArrowKeyStopsTooAndIsReadWhole() throws Exception {
        MepSource prompt = operatorPromptWithKeys("\u001b[A");
        assertThatThrownBy(() -> prompt.read(FIRST)).isInstanceOf(ConsoleHunt.Stopped.class).hasMessage("Esc");
    }

    @Test
    void answersAreStillTypedAndCorrected() throws Exception {
        assertThat(operatorPromptWithKeys("y\r").read(FIRST)).isEqualTo(MepReading.judgement(true));
        assertThat(operatorPromptWithKeys("y\u007fn\r").read(FIRST)).isEqualTo(MepReading.judgement(false));
        MepSource typedStop = operatorPromptWithKeys("stop\r");
        assertThatThrownBy(() -> typedStop.read(FIRST)).isInstanceOf(ConsoleHunt.Stopped.class)
                .hasMessage("'stop' at the prompt");
    }
}
