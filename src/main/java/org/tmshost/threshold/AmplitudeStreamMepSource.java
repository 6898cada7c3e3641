package org.tmshost.threshold;

import org.tmshost.protocol.ThresholdMethod;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Peak-to-peak MEP amplitudes in µV, one per pulse, one per line, from a file or a stream (an EMG
 * system's export or pipe). Blank lines and text after {@code #} are ignored. A line that is not a
 * number &gt;= 0, or the end of the input before the hunt is done, is an error naming the line.
 */
public final class AmplitudeStreamMepSource implements MepSource {
    private final String name;
    private final BufferedReader lines;
    private int lineNumber;

    /** @param name the file name or stream description used in error messages */
    public AmplitudeStreamMepSource(String name, BufferedReader lines) {
        this.name = name;
        this.lines = lines;
    }

    @Override
    public MepReading read(DeliveredPulse pulse) throws MepInputException {
        while (true) {
            String line;
            try {
                line = lines.readLine();
            } catch (IOException e) {
                throw new MepInputException(name + ": cannot read: " + e.getMessage());
            }
            if (line == null) {
                throw new MepInputException(name + ": no amplitude for pulse " + (pulse.index() + 1) + " (end of input)");
            }
            lineNumber++;
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                return MepReading.amplitude(Double.parseDouble(text));
            } catch (IllegalArgumentException e) {
                throw new MepInputException(name + ":" + lineNumber + ": expected a MEP amplitude in uV (a number >= 0), found '"
                        + text + "'");
            }
        }
    }

    @Override
    public boolean providesAmplitudes() {
        return true;
    }

    @Override
    public ThresholdMethod evidence() {
        return ThresholdMethod.EMG;
    }
}
