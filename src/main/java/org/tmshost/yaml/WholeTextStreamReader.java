package org.tmshost.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

import java.io.StringReader;

/**
 * SnakeYAML's reader over a text already in memory. SnakeYAML's own {@link StreamReader} reads 1024
 * characters at a time and copies its whole unread window each time, so one long token (a 1 MB
 * line, comment or scalar) costs its length squared: a 16 MB protocol took 104 s to refuse. This one
 * holds the whole text once, so reading is linear. Same line and column counting as SnakeYAML 2.
 */
final class WholeTextStreamReader extends StreamReader {
    private final String name;
    private final int[] codePoints;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    WholeTextStreamReader(String name, String text) {
        super(new StringReader(""));
        this.name = name;
        this.codePoints = text.codePoints().toArray();
    }

    @Override
    public Mark getMark() {
        return new Mark(name, index, line, column, codePoints, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && pointer < codePoints.length; i++) {
            int c = codePoints[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && pointer < codePoints.length && codePoints[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int offset) {
        int at = pointer + offset;
        return at < codePoints.length ? codePoints[at] : '\0';
    }

    @Override
    public String prefix(int length) {
        return new String(codePoints, pointer, Math.max(0, Math.min(length, codePoints.length - pointer)));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        index += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
