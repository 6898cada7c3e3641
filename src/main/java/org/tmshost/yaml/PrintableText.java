package org.tmshost.yaml;

import java.util.Locale;

/**
 * Text read from a file is one line of printable characters. A control character (an escape
 * sequence, a line break, a bidirectional override) in a protocol's name once printed a fake
 * "verdict: PASS" on the terminal and hid the real verdict; such text is refused where it is read,
 * and shown escaped ({@code \u001B}) wherever it is quoted back.
 */
public final class PrintableText {
    private PrintableText() {
    }

    /** The index of the first character a terminal would act on rather than print, or -1. */
    public static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} with each such character written as {@code \\uXXXX}. */
    public static String escaped(String text) {
        if (firstControl(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isControl(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
