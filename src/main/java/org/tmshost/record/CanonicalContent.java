package org.tmshost.record;

import org.tmshost.yaml.ContentDigest;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * A record's content as the chain seals it: per part, its row count and the SHA-256 of a
 * deterministic serialization of its rows. A row is its non-NULL columns in name order, each
 * {@code name=type:value} with texts length-prefixed, so no two different rows serialize alike.
 * NULLs are left out so that a migration adding a NULL column leaves every seal valid; a migration
 * that adds a column with a non-NULL default must reseal (or it shows as a change).
 */
final class CanonicalContent {
    /** One part: its table, how many rows, their digest. Serialized {@code table=count:sha256}. */
    record PartDigest(String table, int rows, String sha256) {
        @Override
        public String toString() {
            return table + "=" + rows + ":" + sha256;
        }

        static PartDigest parse(String text) {
            int eq = text.indexOf('=');
            int colon = text.indexOf(':', eq);
            return new PartDigest(text.substring(0, eq), Integer.parseInt(text.substring(eq + 1, colon)),
                    text.substring(colon + 1));
        }
    }

    private CanonicalContent() {
    }

    /** The record's parts as they stand now. */
    static List<PartDigest> of(StoreConnection db, ChainedKind kind, long ref) {
        var parts = new ArrayList<PartDigest>();
        for (ChainedKind.Part part : kind.parts()) {
            StringBuilder text = new StringBuilder();
            int[] rows = {0};
            db.query("the " + part.table() + " of " + kind.noun() + " " + ref, part.rowsSql(), rs -> {
                row(rs, text);
                rows[0]++;
            }, ref);
            if (rows[0] == 0 && part.sealedOnlyWithRows()) {
                continue;
            }
            parts.add(new PartDigest(part.table(), rows[0], ContentDigest.sha256(text.toString())));
        }
        return parts;
    }

    static String serialize(List<PartDigest> parts) {
        return String.join(";", parts.stream().map(PartDigest::toString).toList());
    }

    static List<PartDigest> parse(String sections) {
        return sections.isEmpty() ? List.of()
                : java.util.Arrays.stream(sections.split(";")).map(PartDigest::parse).toList();
    }

    private static void row(ResultSet rs, StringBuilder out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        var columns = new TreeMap<String, Object>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            Object value = rs.getObject(c);
            if (value != null) {
                columns.put(meta.getColumnName(c), value);
            }
        }
        out.append('{');
        columns.forEach((name, value) -> {
            out.append(name).append('=');
            if (value instanceof Integer || value instanceof Long) {
                out.append("i:").append(((Number) value).longValue());
            } else if (value instanceof Number n) {
                out.append("r:").append(Double.toString(n.doubleValue()));
            } else if (value instanceof byte[] bytes) {
                out.append("b:").append(HexFormat.of().formatHex(bytes));
            } else {
                String text = value.toString();
                out.append("t").append(text.length()).append(':').append(text);
            }
            out.append(',');
        });
        out.append("}\n");
    }
}
