package org.tmshost.yaml;

/** Where a value stands in a data file: the file name as the user gave it, 1-based line and column. */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
