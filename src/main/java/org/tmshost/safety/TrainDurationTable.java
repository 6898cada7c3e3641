package org.tmshost.safety;

import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;
import org.tmshost.yaml.YamlNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Rossi 2009 maximum single-train durations (data file {@code safety/rossi2009-train-duration.yaml}):
 * rows by frequency, columns by intensity in % RMT, cells in seconds.
 */
record TrainDurationTable(List<BigDecimal> frequenciesHz, List<BigDecimal> intensitiesPercentRmt,
                          List<List<BigDecimal>> maxTrainSeconds, String citation) {

    static final String FILE = "safety/rossi2009-train-duration.yaml";

    /** The cell a train falls in: the row and column used and that cell's limit in seconds. */
    record Cell(BigDecimal rowHz, BigDecimal columnPercentRmt, BigDecimal limitSeconds) {
        String describe() {
            return "row " + Display.number(rowHz) + " Hz, column " + Display.number(columnPercentRmt) + "% RMT";
        }
    }

    TrainDurationTable {
        frequenciesHz = List.copyOf(frequenciesHz);
        intensitiesPercentRmt = List.copyOf(intensitiesPercentRmt);
        maxTrainSeconds = maxTrainSeconds.stream().map(List::copyOf).toList();
    }

    BigDecimal highestFrequencyHz() {
        return frequenciesHz.get(frequenciesHz.size() - 1);
    }

    BigDecimal highestPercentRmt() {
        return intensitiesPercentRmt.get(intensitiesPercentRmt.size() - 1);
    }

    boolean aboveLastRow(BigDecimal frequencyHz) {
        return frequencyHz.compareTo(highestFrequencyHz()) > 0;
    }

    boolean aboveLastColumn(PercentRmt intensity) {
        return intensity.compareTo(highestPercentRmt()) > 0;
    }

    /**
     * The cell for a train: the smallest row frequency at or above {@code frequencyHz} and the smallest
     * column intensity at or above {@code intensity} (so anything below the first row or column uses
     * it); empty when the train is above the last row or column.
     */
    Optional<Cell> lookup(BigDecimal frequencyHz, PercentRmt intensity) {
        int row = -1;
        for (int i = 0; i < frequenciesHz.size() && row < 0; i++) {
            if (frequencyHz.compareTo(frequenciesHz.get(i)) <= 0) {
                row = i;
            }
        }
        int column = -1;
        for (int j = 0; j < intensitiesPercentRmt.size() && column < 0; j++) {
            if (intensity.compareTo(intensitiesPercentRmt.get(j)) <= 0) {
                column = j;
            }
        }
        if (row < 0 || column < 0) {
            return Optional.empty();
        }
        return Optional.of(new Cell(frequenciesHz.get(row), intensitiesPercentRmt.get(column),
                maxTrainSeconds.get(row).get(column)));
    }

    static TrainDurationTable parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String citation = fields.requireText("citation", "the source of the table, as free text");
        String confidence = Confidence.read(fields);
        List<BigDecimal> frequencies = increasing(fields, "frequenciesHz", Range.positiveUpTo("1000"),
                "a list of frequencies in Hz, increasing");
        List<BigDecimal> intensities = increasing(fields, "intensitiesPercentRmt", Range.positiveUpTo("1000"),
                "a list of intensities in % RMT, increasing");
        String rowsExpected = "one list of " + intensities.size() + " durations in seconds per frequency ("
                + frequencies.size() + " rows)";
        List<YamlNode> rowNodes = fields.requireList("maxTrainSeconds", rowsExpected);
        var rows = new ArrayList<List<BigDecimal>>();
        if (fields.has("maxTrainSeconds") && rowNodes.size() != frequencies.size()) {
            fields.errorAt("maxTrainSeconds", rowsExpected + ", found " + rowNodes.size() + " rows");
        }
        for (YamlNode rowNode : rowNodes) {
            if (!(rowNode instanceof YamlNode.Sequence row) || row.items().size() != intensities.size()) {
                fields.error(rowNode, "maxTrainSeconds", "a list of " + intensities.size()
                        + " durations in seconds (one per intensity column)");
                continue;
            }
            var cells = new ArrayList<BigDecimal>();
            for (YamlNode cell : row.items()) {
                fields.decimal(cell, "maxTrainSeconds", Range.positiveUpTo("86400")).ifPresent(cells::add);
            }
            rows.add(cells);
        }
        fields.finish();
        return new TrainDurationTable(frequencies, intensities, rows, citation + " " + confidence);
    }

    /** A required non-empty list of numbers in a range, strictly increasing. */
    static List<BigDecimal> increasing(FieldReader fields, String field, Range range, String expected) {
        List<YamlNode> nodes = fields.requireList(field, expected);
        if (fields.has(field) && nodes.isEmpty()) {
            fields.errorAt(field, expected + "; found an empty list");
        }
        var values = new ArrayList<BigDecimal>();
        BigDecimal previous = null;
        for (YamlNode node : nodes) {
            Optional<BigDecimal> value = fields.decimal(node, field, range);
            if (value.isEmpty()) {
                continue;
            }
            if (previous != null && value.get().compareTo(previous) <= 0) {
                fields.error(node, field, expected + " (each value above the one before)");
                continue;
            }
            previous = value.get();
            values.add(value.get());
        }
        return values;
    }
}
