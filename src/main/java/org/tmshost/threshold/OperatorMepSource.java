package org.tmshost.threshold;

import org.tmshost.protocol.ThresholdMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The operator answers yes or no after each pulse: from watching the hand ({@link ThresholdMethod#VISUAL},
 * which reads about 11% high, Westin 2014) or from an external EMG display ({@link ThresholdMethod#EMG}).
 * Accepts y/yes/n/no (any case); asks again on anything else; end of input is an error.
 */
public final class OperatorMepSource implements MepSource {
    private final BufferedReader answers;
    private final PrintWriter prompts;
    private final MepCriterion criterion;
    private final ThresholdMethod evidence;

    public OperatorMepSource(BufferedReader answers, PrintWriter prompts, MepCriterion criterion,
                             ThresholdMethod evidence) {
        if (evidence == ThresholdMethod.UNSTATED) {
            throw new IllegalArgumentException("say whether the operator watches the muscle (VISUAL) or an EMG display (EMG)");
        }
        this.answers = answers;
        this.prompts = prompts;
        this.criterion = criterion;
        this.evidence = evidence;
    }

    @Override
    public MepReading read(DeliveredPulse pulse) throws MepInputException {
        while (true) {
            prompts.printf(Locale.ROOT, "pulse %d at %d %%MSO: MEP of at least %.0f uV? [y/n] ", pulse.index() + 1,
                    pulse.intensityPercentMso(), criterion.microvolts());
            prompts.flush();
            String line;
            try {
                line = answers.readLine();
            } catch (IOException e) {
                throw new MepInputException("cannot read the operator's answer: " + e.getMessage());
            }
            if (line == null) {
                throw new MepInputException("no answer for pulse " + (pulse.index() + 1) + " (end of input)");
            }
            String answer = line.trim().toLowerCase(Locale.ROOT);
            if (answer.equals("y") || answer.equals("yes")) {
                return MepReading.judgement(true);
            }
            if (answer.equals("n") || answer.equals("no")) {
                return MepReading.judgement(false);
            }
            prompts.println("answer y or n");
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
