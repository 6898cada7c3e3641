package org.tmshost.record;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A copied record's content as its source and the site must agree on it ({@code records migrate}):
 * per table, each row's non-NULL columns in name order, typed as {@link CanonicalContent} writes them,
 * with the ids the site gives replaced: the source's side reads its record's id, and every id it names
 * of another copied record, as the site ids they were copied to; a NULL host as the migrating host's
 * name. Left out: a child row's own id (course changes, outcomes, events: new in the site, their order
 * is kept and compared instead) and the {@code rowid} a site table without an id has ({@link Dialect}).
 * Rows of the other tables are compared as sets (their order in a record is fixed by their columns).
 */
final class MigratedContent {
    /** A source id named by a copied row, as the site id it was copied to (empty if it was not copied). */
    interface SiteIds extends BiFunction<String, Long, Optional<Long>> {
    }

    private MigratedContent() {
    }

    /** The site's copy of a record, as it stands. */
    static Map<String, List<String>> site(StoreConnection site, MigrationKind kind, long siteId) {
        return read(site, kind, siteId, (table, row) -> row.remove("rowid"));
    }

    /** The source's record with ids as the site has them (see the class comment). */
    static Map<String, List<String>> source(StoreConnection source, MigrationKind kind, long sourceId, long siteId,
                                            SiteIds siteIds, String host) {
        return read(source, kind, sourceId, (table, row) -> {
            row.put(table.key(), siteId);
            table.references().forEach((column, referenced) -> {
                if (row.get(column) instanceof Number id) {
                    Optional<Long> mapped = siteIds.apply(referenced, id.longValue());
                    row.put(column, mapped.isPresent() ? mapped.get() : "not copied: " + referenced + " " + id);
                }
            });
            if (table.fillsHost() && row.containsKey("host") && row.get("host") == null) {
                row.put("host", host);
            }
        });
    }

    /** What differs, table by table ("pulses: 3 row(s) in the source, 2 in the site"); empty when none does. */
    static List<String> differences(Map<String, List<String>> source, Map<String, List<String>> site) {
        var differ = new ArrayList<String>();
        source.forEach((table, rows) -> {
            List<String> copied = site.getOrDefault(table, List.of());
            if (rows.size() != copied.size()) {
                differ.add(table + ": " + rows.size() + " row(s) in the source, " + copied.size() + " in the site");
            } else if (!rows.equals(copied)) {
                differ.add(table + " differ");
            }
        });
        return differ;
    }

    private interface RowEdit {
        void apply(MigrationKind.Table table, Map<String, Object> row);
    }

    private static Map<String, List<String>> read(StoreConnection db, MigrationKind kind, long id, RowEdit edit) {
        var content = new LinkedHashMap<String, List<String>>();
        for (MigrationKind.Table table : kind.tables()) {
            boolean ownChildId = table.ownId() && !table.key().equals("id");
            var rows = new ArrayList<String>();
            db.query("the " + table.name() + " of " + kind.noun() + " " + id, "SELECT * FROM " + table.name()
                    + " WHERE " + table.key() + " = ?" + (ownChildId ? " ORDER BY id" : ""), rs -> {
                        var meta = rs.getMetaData();
                        var row = new LinkedHashMap<String, Object>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            row.put(meta.getColumnName(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                        }
                        if (ownChildId) {
                            row.remove("id");
                        }
                        edit.apply(table, row);
                        rows.add(serialize(row));
                    }, id);
            if (!ownChildId) {
                rows.sort(null);
            }
            content.put(table.name(), rows);
        }
        return content;
    }

    /** A row as {@link CanonicalContent} serializes it: non-NULL columns in name order, typed, texts length-prefixed. */
    static String serialize(Map<String, Object> row) {
        var columns = new TreeMap<String, Object>();
        row.forEach((name, value) -> {
            if (value != null) {
                columns.put(name, value);
            }
        });
        StringBuilder out = new StringBuilder("{");
        columns.forEach((name, value) -> {
            out.append(name).append('=');
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                out.append("i:").append(((Number) value).longValue());
            } else if (value instanceof Number n) {
                out.append("r:").append(n.doubleValue());
            } else if (value instanceof byte[] bytes) {
                out.append("b:").append(HexFormat.of().formatHex(bytes));
            } else {
                String text = value.toString();
                out.append('t').append(text.length()).append(':').append(text);
            }
            out.append(',');
        });
        return out.append('}').toString();
    }
}
