package org.tmshost.threshold;

import org.tmshost.protocol.ThresholdMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The operator answers yes or no after each pulse: from watching the hand ({@link ThresholdMethod#VISUAL},
 * which reads about 11% high, Westin 2014) or from an external EMG display ({@link ThresholdMethod#EMG}).
 * Accepts y/yes/n/no (any case) and asks again on anything else. Where the hunt may be stopped at the
 * prompt ({@link StopAtPrompt}, the console), {@code stop}/{@code s} and no answer end it; elsewhere no
 * answer is an input error. The one yes/no prompt of a hunt, whatever carries it.
 */
public final class OperatorMepSource implements MepSource {
    /** The operator's side of the prompt. */
    public interface Prompt {
        /** Asks {@code question}; the answer line, or null when none can come (end of input, Ctrl-C). */
        String ask(String question) throws MepInputException, InterruptedException;

        /** Says how to answer, after an answer that was neither yes nor no. */
        void tell(String line);
    }

    /** A hunt the operator may stop at the prompt. */
    public interface StopAtPrompt {
        /** A stop asked for elsewhere (a key, a command) while the prompt waited. */
        boolean requestedElsewhere();

        /** Why there was no answer, in the operator's words ("Ctrl-C at the prompt"). */
        String whyNoAnswer();

        /** What ends the hunt, for {@code why}. */
        InterruptedException stopped(String why);
    }

    private final Prompt prompt;
    private final MepCriterion criterion;
    private final ThresholdMethod evidence;
    private final StopAtPrompt stop;

    /** A prompt on a reader and a writer (a script's standard input); no answer is an input error. */
    public OperatorMepSource(BufferedReader answers, PrintWriter prompts, MepCriterion criterion,
                             ThresholdMethod evidence) {
        this(new Prompt() {
            @Override
            public String ask(String question) throws MepInputException {
                prompts.print(question);
                prompts.flush();
                try {
                    return answers.readLine();
                } catch (IOException e) {
                    throw new MepInputException("cannot read the operator's answer: " + e.getMessage());
                }
            }

            @Override
            public void tell(String line) {
                prompts.println(line);
                prompts.flush();
            }
        }, criterion, evidence, null);
    }

    /** @param stop null where the hunt cannot be stopped at the prompt */
    public OperatorMepSource(Prompt prompt, MepCriterion criterion, ThresholdMethod evidence, StopAtPrompt stop) {
        if (evidence == ThresholdMethod.UNSTATED) {
            throw new IllegalArgumentException("say whether the operator watches the muscle (VISUAL) or an EMG display (EMG)");
        }
        this.prompt = prompt;
        this.criterion = criterion;
        this.evidence = evidence;
        this.stop = stop;
    }

    @Override
    public MepReading read(DeliveredPulse pulse) throws MepInputException, InterruptedException {
        while (true) {
            String line = prompt.ask(String.format(Locale.ROOT, "pulse %d at %d %%MSO: MEP of at least %.0f uV? [y/n%s] ",
                    pulse.index() + 1, pulse.intensityPercentMso(), criterion.microvolts(), stop == null ? "" : "/stop"));
            if (stop != null && stop.requestedElsewhere()) {
                throw stop.stopped("stop");
            }
            if (line == null) {
                if (stop != null) {
                    throw stop.stopped(stop.whyNoAnswer());
                }
                throw new MepInputException("no answer for pulse " + (pulse.index() + 1) + " (end of input)");
            }
            String answer = line.strip().toLowerCase(Locale.ROOT);
            if (answer.equals("y") || answer.equals("yes")) {
                return MepReading.judgement(true);
            }
            if (answer.equals("n") || answer.equals("no")) {
                return MepReading.judgement(false);
            }
            if (stop != null && (answer.equals("stop") || answer.equals("s"))) {
                throw stop.stopped("'stop' at the prompt");
            }
            prompt.tell(stop == null ? "answer y or n"
                    : "answer y (a MEP of at least " + Math.round(criterion.microvolts()) + " uV), n, or stop");
        }
    }

    @Override
    public boolean providesAmplitudes() {
        return false;
    }

    @Override
    public ThresholdMethod evidence() {
        return evidence;
    }
}
