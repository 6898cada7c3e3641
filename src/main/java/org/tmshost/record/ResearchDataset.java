package org.tmshost.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the research dataset's files into a new or empty directory: per table {@code NAME.csv} and
 * {@code NAME.json}, the data dictionary ({@code dictionary.csv}, {@code dictionary.json}), and last
 * {@code manifest.json} with every other file's SHA-256, so a dataset without its manifest is one
 * whose writing did not finish. Files are their owner's alone: pseudonymised data is still personal data.
 */
public final class ResearchDataset {
    /** The dataset's layout; a change to a table's columns or meaning raises it. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    /** What the manifest says of where and when the dataset was written. */
    public record Provenance(String tmshostVersion, String host, Instant exportedAt) {
    }

    /** A file written, with its size and hash. */
    public record WrittenFile(String name, long bytes, String sha256) {
    }

    /** What was written: each table's row count, in order, and every file, the manifest last. */
    public record Written(Map<String, Long> rows, List<WrittenFile> files) {
    }

    private ResearchDataset() {
    }

    /**
     * Refuses {@code dir} unless it does not exist or is an empty directory, with a message naming it
     * ({@link IllegalArgumentException}): a dataset never mixes with other files or an older dataset.
     */
    public static void checkOutput(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--output " + dir + ": it is a file; give a new or empty directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("--output " + dir + ": the directory is not empty; give a new or "
                        + "empty directory");
            }
        }
    }

    /** Writes the dataset into {@code dir} (checked by {@link #checkOutput}). */
    public static Written write(Path dir, List<ResearchTable> tables, PseudonymKey key, Provenance provenance)
            throws IOException {
        checkOutput(dir);
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
        List<WrittenFile> written = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (ResearchTable t : tables) {
            long[] count = {0};
            written.add(write(dir, t.name() + ".csv", out -> csv(t, out, count)));
            written.add(write(dir, t.name() + ".json", out -> json(t, out)));
            rows.put(t.name(), count[0]);
        }
        written.add(write(dir, "dictionary.csv", out -> csv(dictionary(tables), out, new long[1])));
        written.add(write(dir, "dictionary.json", out -> out.write(json(dictionaryJson(tables)))));
        written.add(write(dir, MANIFEST, out -> out.write(json(manifest(tables, rows, key, provenance, written)))));
        return new Written(rows, List.copyOf(written));
    }

    /** Writes a file's bytes to a stream. */
    private interface Content {
        void to(OutputStream out) throws IOException;
    }

    /**
     * RFC 4180 as {@link CsvTable} writes it (text cells guarded by {@link SpreadsheetText}), row by
     * row; the header is written even for a table without rows.
     */
    private static void csv(ResearchTable table, OutputStream out, long[] count) throws IOException {
        List<String> names = table.columns().stream().map(ResearchTable.Column::name).toList();
        out.write((String.join(",", names) + "\n").getBytes(StandardCharsets.UTF_8)); // names are [a-z0-9_]
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false);
        names.forEach(schema::addColumn);
        try (SequenceWriter rows = CSV.writer(schema.build()).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out)) {
            table.each(row -> {
                List<Object> cells = new ArrayList<>(row.size());
                for (Object v : row) {
                    cells.add(v instanceof String text ? SpreadsheetText.guarded(text) : v);
                }
                try {
                    rows.write(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The rows as a JSON array of objects, a field per column, null where missing; row by row. */
    private static void json(ResearchTable table, OutputStream out) throws IOException {
        List<String> names = table.columns().stream().map(ResearchTable.Column::name).toList();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            table.each(row -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    object.put(names.get(i), row.get(i));
                }
                try {
                    JSON.writeValue(json, object);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeRaw('\n');
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The data dictionary as a table: one row per column of every table. */
    static ResearchTable dictionary(List<ResearchTable> tables) {
        ResearchTable d = new ResearchTable("dictionary", "One row per column of every table.")
                .column("table", "string", "", "The table (its file is TABLE.csv and TABLE.json)")
                .column("column", "string", "", "The column")
                .column("type", "string", "", "string, integer, number, boolean, date (yyyy-MM-dd) or datetime "
                        + "(ISO-8601 UTC)")
                .column("unit", "string", "", "The unit of a measured value; empty where there is none")
                .column("description", "string", "", "What the column holds");
        for (ResearchTable t : tables) {
            for (ResearchTable.Column c : t.columns()) {
                d.add(t.name(), c.name(), c.type(), c.unit(), c.description());
            }
        }
        return d;
    }

    private static List<Map<String, Object>> dictionaryJson(List<ResearchTable> tables) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ResearchTable t : tables) {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", t.name());
            table.put("description", t.description());
            List<Map<String, Object>> columns = new ArrayList<>();
            for (ResearchTable.Column c : t.columns()) {
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("column", c.name());
                column.put("type", c.type());
                column.put("unit", c.unit());
                column.put("description", c.description());
                columns.add(column);
            }
            table.put("columns", columns);
            out.add(table);
        }
        return out;
    }

    private static Map<String, Object> manifest(List<ResearchTable> tables, Map<String, Long> rows, PseudonymKey key,
                                                Provenance provenance, List<WrittenFile> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", "tmshost pseudonymised research dataset");
        m.put("formatVersion", FORMAT_VERSION);
        m.put("tmshostVersion", provenance.tmshostVersion());
        m.put("recordSchemaVersion", RecordStore.SCHEMA_VERSION);
        m.put("exportedAt", provenance.exportedAt().toString());
        m.put("host", provenance.host());
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("pseudonym", PseudonymKey.PSEUDONYM_PREFIX + " + the first " + PseudonymKey.PSEUDONYM_HEX_DIGITS
                + " hex digits of HMAC-SHA256(key, \"" + escaped(PseudonymKey.PSEUDONYM_LABEL)
                + "\" + the subject id as the record keys it: NFKC, trimmed, case-folded)");
        scheme.put("dateShift", "every date and time of a subject's record moves by the same whole number of days "
                + "in [-" + PseudonymKey.MAX_SHIFT_DAYS + ", -1] or [1, " + PseudonymKey.MAX_SHIFT_DAYS + "]: the "
                + "first 8 bytes of HMAC-SHA256(key, \"" + escaped(PseudonymKey.SHIFT_LABEL) + "\" + subject id) as "
                + "an unsigned number r; r mod " + 2 * PseudonymKey.MAX_SHIFT_DAYS + " mapped in order onto those days; "
                + "times of day (UTC) and intervals within a subject are kept");
        scheme.put("recordIds", "prefix + the first " + PseudonymKey.RECORD_HEX_DIGITS + " hex digits of "
                + "HMAC-SHA256(key, \"" + escaped(PseudonymKey.RECORD_LABEL) + "\" + store identity + \"\\n\" + kind "
                + "+ \"\\n\" + id)");
        scheme.put("keyCheck", key.check());
        scheme.put("keyCheckIs", "the first 16 hex digits of HMAC-SHA256(key, \"" + PseudonymKey.CHECK_LABEL
                + "\"): equal on two datasets when they were written with one key");
        scheme.put("leftOut", List.of("subject ids as entered", "operator and user names", "free text (session end "
                + "reasons in words, adverse event notes, course changes' details)", "course names", "device "
                + "addresses and journal paths", "the store's own record ids", "protocol file text"));
        m.put("pseudonymisation", scheme);
        List<Map<String, Object>> tableList = new ArrayList<>();
        for (ResearchTable t : tables) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("table", t.name());
            entry.put("rows", rows.get(t.name()));
            entry.put("files", List.of(t.name() + ".csv", t.name() + ".json"));
            tableList.add(entry);
        }
        m.put("tables", tableList);
        Map<String, Object> hashes = new LinkedHashMap<>();
        for (WrittenFile f : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bytes", f.bytes());
            entry.put("sha256", f.sha256());
            hashes.put(f.name(), entry);
        }
        m.put("files", hashes);
        return m;
    }

    private static String escaped(String label) {
        return label.replace("\n", "\\n");
    }

    private static byte[] json(Object value) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Creates {@code name} owner-only (never over a file) and writes it, hashing what is written. */
    private static WrittenFile write(Path dir, String name, Content content) throws IOException {
        Path file = dir.resolve(name);
        Files.createFile(file, PrivateFiles.ownerOnly());
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)), sha256)) {
            content.to(out);
        }
        return new WrittenFile(name, Files.size(file), HexFormat.of().formatHex(sha256.digest()));
    }
}
