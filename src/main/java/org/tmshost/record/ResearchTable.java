package org.tmshost.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table of the research dataset: its columns, each described for the data dictionary as it is
 * declared (so no column goes undescribed), and its rows, one per observation.
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
    private final List<List<Object>> rows = new ArrayList<>();

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
        rows.add(Arrays.asList(values));
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

    public int size() {
        return rows.size();
    }

    /** RFC 4180 CSV with a header row (see {@link CsvTable}). */
    public String csv() {
        CsvTable table = new CsvTable(columns.stream().map(Column::name).toList());
        rows.forEach(table::add);
        return table.text();
    }

    /** The rows as JSON objects, a field per column, null where missing. */
    public List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i).name(), row.get(i));
            }
            out.add(object);
        }
        return out;
    }
}
