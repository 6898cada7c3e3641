package org.tmshost.yaml;

/**
 * Where a value stands in a data file: the file name as the user gave it, 1-based line and column.
 * Line 0 means the problem is with the file or name as a whole.
 */
public record SourceLocation(String file, int line, int column) {
    public static SourceLocation wholeFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}
