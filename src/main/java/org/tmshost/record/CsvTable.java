package org.tmshost.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * A header and rows written as RFC 4180 CSV by jackson-dataformat-csv: a cell with a comma, a quote
 * or a line break is quoted, quotes doubled; an empty cell is a missing value (NA in R and pandas).
 * Text cells pass {@link SpreadsheetText#guarded}; numbers and booleans are written as they are.
 */
public final class CsvTable {
    private static final CsvMapper CSV = new CsvMapper();

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public CsvTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** One row, a value per column in column order; null for a missing value. */
    public void add(List<Object> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + columns.size() + " columns");
        }
        List<Object> row = new ArrayList<>(values.size());
        for (Object v : values) {
            row.add(v instanceof String text ? SpreadsheetText.guarded(text) : v);
        }
        rows.add(row);
    }

    public String text() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV: " + e.getMessage(), e);
        }
    }
}
