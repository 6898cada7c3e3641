package org.tmshost.safety;

import org.tmshost.yaml.FieldReader;

import java.util.List;

/** The confidence tags of safety-and-protocols.md: verified, verified from a weak copy, recalled, derived. */
final class Confidence {
    static final List<String> TAGS = List.of("[V]", "[V-weak]", "[R]", "[D]");
    private static final String EXPECTED = "one of " + String.join(", ", TAGS);

    private Confidence() {
    }

    /** Reads a required {@code confidence} field that must be one of {@link #TAGS}. */
    static String read(FieldReader fields) {
        return fields.parsedText("confidence", EXPECTED, text -> {
            if (!TAGS.contains(text)) {
                throw new IllegalArgumentException(EXPECTED);
            }
            return text;
        }, true).orElse("[R]");
    }
}
