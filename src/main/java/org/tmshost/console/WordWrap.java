package org.tmshost.console;

import org.jline.utils.WCWidth;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.IntSupplier;

/**
 * Text wrapped at word boundaries to a terminal's width: a line breaks only at spaces, never inside a
 * word (a word wider than the line stays whole on its own line). A wrapped line continues under its
 * first word or, where the line starts with a column (two or more spaces after its first field, as in
 * a table row or an option list), under that column; or at a fixed indent (a usage synopsis). Widths
 * are terminal columns (a wide character counts two). Text already within the width passes unchanged.
 */
public final class WordWrap extends Writer {
    private static final int TAB = 8;

    private final Writer out;
    private final IntSupplier width;
    private final int fixedIndent;
    private final StringBuilder word = new StringBuilder();
    private final StringBuilder gap = new StringBuilder();
    private int lineWidth;
    private int column;
    private int leadingIndent;
    private int hangingIndent = -1;
    private boolean lineStart = true;
    private boolean wrapped;
    private boolean midWord;

    /**
     * @param width       the columns a line may take, read at the start of each line (a terminal may be
     *                    resized); 0 or less: no wrapping
     * @param fixedIndent the indent of every continuation line, or -1 to take it from each line
     */
    public WordWrap(Writer out, IntSupplier width, int fixedIndent) {
        this.out = out;
        this.width = width;
        this.fixedIndent = fixedIndent;
        this.lineWidth = width.getAsInt();
    }

    /** {@code text} wrapped at {@code width} columns, continuation lines indented from each line. */
    public static String wrap(String text, int width) {
        return wrap(text, width, -1);
    }

    /** {@code text} wrapped at {@code width} columns, continuation lines indented by {@code indent}. */
    public static String wrap(String text, int width, int indent) {
        StringWriter wrapped = new StringWriter();
        try (WordWrap writer = new WordWrap(wrapped, () -> width, indent)) {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return wrapped.toString();
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(chars[i]);
        }
    }

    @Override
    public void write(int c) throws IOException {
        if (c == '\n') {
            endWord();
            gap.setLength(0); // trailing spaces are invisible; dropping them keeps them from wrapping
            out.write('\n');
            newLine();
        } else if (c == '\r') {
            endWord();
            out.write('\r');
        } else if (c == ' ' || c == '\t') {
            endWord();
            midWord = false;
            if (lineStart) {
                out.write(c);
                column = advance(column, (char) c);
                leadingIndent = column;
            } else {
                gap.append((char) c);
            }
        } else {
            word.append((char) c);
        }
    }

    private void newLine() {
        column = 0;
        leadingIndent = 0;
        hangingIndent = -1;
        lineStart = true;
        wrapped = false;
        midWord = false;
        lineWidth = width.getAsInt();
    }

    /** Writes the pending word, on a new line if it does not fit on this one. */
    private void endWord() throws IOException {
        if (word.isEmpty()) {
            return;
        }
        int gapEnd = column;
        for (int i = 0; i < gap.length(); i++) {
            gapEnd = advance(gapEnd, gap.charAt(i));
        }
        int wordWidth = columns(word);
        boolean fits = lineWidth <= 0 || lineStart || (midWord && gap.isEmpty()) || gapEnd + wordWidth <= lineWidth;
        if (fits) {
            if (!lineStart && !wrapped && hangingIndent < 0 && gap.length() >= 2) {
                hangingIndent = gapEnd; // the line's second column
            }
            out.write(gap.toString());
            column = gapEnd;
        } else {
            int indent = continuationIndent();
            out.write('\n');
            out.write(" ".repeat(indent));
            column = indent;
            wrapped = true;
        }
        gap.setLength(0);
        out.write(word.toString());
        column += wordWidth;
        word.setLength(0);
        lineStart = false;
    }

    private int continuationIndent() {
        int half = lineWidth / 2;
        if (fixedIndent >= 0) {
            return Math.min(fixedIndent, half);
        }
        if (hangingIndent >= 0 && hangingIndent <= half) {
            return hangingIndent;
        }
        return Math.min(leadingIndent, half);
    }

    private static int advance(int column, char c) {
        return c == '\t' ? (column / TAB + 1) * TAB : column + 1;
    }

    private static int columns(CharSequence text) {
        return text.codePoints().map(cp -> Math.max(0, WCWidth.wcwidth(cp))).sum();
    }

    /** Writes what is pending (a prompt, a partial line) so that it shows; the line goes on from there. */
    @Override
    public void flush() throws IOException {
        boolean partial = !word.isEmpty();
        endWord();
        midWord = partial;
        if (!lineStart && !gap.isEmpty()) {
            out.write(gap.toString());
            for (int i = 0; i < gap.length(); i++) {
                column = advance(column, gap.charAt(i));
            }
            gap.setLength(0);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
