package org.tmshost.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One table of the research dataset: its columns, each described for the data dictionary as it is
 * declared (so no column goes undescribed), and its rows, one per observation: held, or streamed
 * from the store as they are written (a clinic's pulses run to millions of rows).
 */
public final class ResearchTable {
    /**
     * A column and its dictionary entry.
     *
     * @param type string, integer, number, boolean, date (ISO yyyy-MM-dd) or datetime (ISO-8601 UTC)
     * @param unit the unit of a measured value, empty where there is none
     */
    public record Column(String name, String type, String unit, String description) {
    }

    private final String name;
    private final String description;
    private final List<Column> columns = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    private RowSource source = sink -> rows.forEach(sink);

    /** Gives every row of a table, in order, each time it is asked. */
    interface RowSource {
        void rows(Consumer<Object[]> sink);
    }

    ResearchTable(String name, String description) {
        this.name = name;
        this.description = description;
    }

    ResearchTable column(String column, String type, String unit, String what) {
        columns.add(new Column(column, type, unit, what));
        return this;
    }

    /** A row, a value per column in order: String, Number, Boolean, or null for a missing value. */
    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + columns.size()
                    + " columns");
        }
        rows.add(values);
    }

    /** The rows come from {@code source} each time they are read, instead of from {@link #add}. */
    ResearchTable streamed(RowSource source) {
        this.source = source;
        return this;
    }

    /** Every row in order, a value per column (String, Number, Boolean, or null for a missing value). */
    public void each(Consumer<List<Object>> sink) {
        source.rows(values -> {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for " + columns.size()
                        + " columns");
            }
            sink.accept(Arrays.asList(values));
        });
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Column> columns() {
        return List.copyOf(columns);
    }
}
