package org.tmshost.hil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A matrix of cell texts (rows x columns) as a fixed-width text table, with notes under it; printed
 * to standard output and written to a file under {@code target/} for CI to keep.
 */
final class MatrixTable {
    private final String corner;
    private final List<String> columns;
    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    MatrixTable(String corner, List<String> columns) {
        this.corner = corner;
        this.columns = List.copyOf(columns);
    }

    void put(String row, String column, String text) {
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, text);
    }

    void note(String line) {
        notes.add(line);
    }

    String render() {
        int rowWidth = Math.max(corner.length(), rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, String> cells : rows.values()) {
                width = Math.max(width, cells.getOrDefault(column, "").length());
            }
            widths.put(column, width);
        }
        StringBuilder out = new StringBuilder();
        out.append(pad(corner, rowWidth));
        columns.forEach(c -> out.append(" | ").append(pad(c, widths.get(c))));
        out.append('\n').append("-".repeat(rowWidth));
        columns.forEach(c -> out.append("-+-").append("-".repeat(widths.get(c))));
        out.append('\n');
        rows.forEach((row, cells) -> {
            out.append(pad(row, rowWidth));
            columns.forEach(c -> out.append(" | ").append(pad(cells.getOrDefault(c, ""), widths.get(c))));
            out.append('\n');
        });
        notes.forEach(n -> out.append(n).append('\n'));
        return out.toString();
    }

    /** Prints the table and writes it to {@code file}. */
    void publish(Path file) throws IOException {
        String text = render();
        System.out.print(text);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
