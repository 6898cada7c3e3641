package org.tmshost.console;

import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.threshold.HuntPlan;
import org.tmshost.threshold.MepCriterion;
import org.tmshost.threshold.MepSource;
import org.tmshost.threshold.OperatorMepSource;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The MEP inputs the console offers a hunt beside a stream of amplitudes: the operator's yes/no at
 * the console's prompt (the one {@link OperatorMepSource}, stoppable there), and the simulator's virtual subjects, by file or
 * by name.
 */
final class HuntInputs implements HuntPlan.MepInputs {
    static final String DEFAULT_SUBJECT = VirtualSubjects.DEFAULT;

    private final ConsoleIo io;
    private final BooleanSupplier stop;

    /** @param stop says when the operator has stopped (for the operator's prompt) */
    HuntInputs(ConsoleIo io, BooleanSupplier stop) {
        this.io = io;
        this.stop = stop;
    }

    @Override
    public MepSource operator(MepCriterion criterion, ThresholdMethod evidence) {
        return operatorAtThePrompt(io, criterion, evidence, stop);
    }

    @Override
    public HuntPlan.VirtualSubject virtual(String name, long seed) throws HuntPlan.Refused, InvalidFileException {
        String named = name == null ? DEFAULT_SUBJECT : name;
        VirtualSubject s = new VirtualSubject(VirtualSubjects.parameters(named), seed);
        return new HuntPlan.VirtualSubject(s.parameters().name(), "virtual subject " + s.parameters().name() + " ("
                + Path.of(named.endsWith(".yaml") ? named : named + ".yaml").getFileName() + ", seed " + seed + ")",
                MepSource.ofAmplitudes(s::mepMicrovolts), s::thresholdPercentMso);
    }

    /**
     * The operator's yes/no at the console prompt after each pulse; {@code stop} (or Ctrl-C, or the
     * end of input) stops the hunt. A script reads the answers from standard input, one per line.
     */
    private static MepSource operatorAtThePrompt(ConsoleIo io, MepCriterion criterion, ThresholdMethod evidence,
                                                 BooleanSupplier stop) {
        AtomicReference<String> stopKey = new AtomicReference<>(); // Space or Esc at the prompt
        OperatorMepSource.Prompt prompt = new OperatorMepSource.Prompt() {
            @Override
            public String ask(String question) {
                String answer = io.askStoppable(question);
                if (answer != null && answer.startsWith(ConsoleIo.STOP_KEY)) {
                    stopKey.set(answer.substring(ConsoleIo.STOP_KEY.length()));
                    return "stop";
                }
                return answer;
            }

            @Override
            public void tell(String line) {
                io.out().println(line);
                io.out().flush();
            }
        };
        return new OperatorMepSource(prompt, criterion, evidence, new OperatorMepSource.StopAtPrompt() {
            @Override
            public boolean requestedElsewhere() {
                return stop.getAsBoolean() || stopKey.get() != null;
            }

            @Override
            public String whyNoAnswer() {
                return io.interactive() ? "Ctrl-C at the prompt" : "no answer (end of input)";
            }

            @Override
            public InterruptedException stopped(String why) {
                return new ConsoleHunt.Stopped(stopKey.get() != null ? stopKey.get() : why);
            }
        });
    }
}
