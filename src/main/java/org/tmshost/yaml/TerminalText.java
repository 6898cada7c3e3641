package org.tmshost.yaml;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/**
 * Text on its way to a terminal. What tmshost did not write itself (records, which sqlite3 can edit;
 * the command line; device replies; data files) is shown with {@link #of}: every character a
 * terminal would act on, line breaks included, as a visible {@code \\uXXXX} ({@link PrintableText}).
 * The doors' own output goes through {@link #guard} as well, so that an escape sequence nobody
 * escaped still never reaches the terminal raw; only the line breaks of tmshost's own lines pass.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code value} as a terminal may show it: control, format and separator characters escaped; null as "-". */
    public static String of(Object value) {
        return value == null ? "-" : PrintableText.escaped(String.valueOf(value));
    }

    /**
     * A writer to {@code terminal} that lets through line feeds, tabs and a carriage return before a
     * line feed, and escapes every other control character (ESC, C1, DEL, bidirectional overrides).
     */
    public static PrintWriter guard(PrintWriter terminal) {
        return new PrintWriter(new Guard(terminal), true);
    }

    private static final class Guard extends FilterWriter {
        private boolean carriageReturn;

        Guard(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (carriageReturn) {
                carriageReturn = false;
                out.write(c == '\n' ? "\r" : "\\u000D");
            }
            if (c == '\r') {
                carriageReturn = true;
            } else if (c == '\n' || c == '\t' || !PrintableText.isControl((char) c)) {
                out.write(c);
            } else {
                out.write(String.format(Locale.ROOT, "\\u%04X", c));
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(chars[i]);
            }
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(text.charAt(i));
            }
        }

        @Override
        public void flush() throws IOException {
            if (carriageReturn) { // a lone one: it would move the cursor back over the line
                carriageReturn = false;
                out.write("\\u000D");
            }
            super.flush();
        }
    }
}
