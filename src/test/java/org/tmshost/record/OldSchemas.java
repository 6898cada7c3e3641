package org.tmshost.record;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;

/** A store as an older tmshost left it, built from the shipped migration files (upgrade tests). */
final class OldSchemas {
    private OldSchemas() {
    }

    /** Applies schema-v1.sql to schema-v{@code version}.sql on {@code st}, recording each version. */
    static void applyUpTo(Statement st, int version) throws Exception {
        st.execute("PRAGMA foreign_keys=ON");
        for (int v = 1; v <= version; v++) {
            String text = new String(RecordStore.class.getResourceAsStream("/record/schema-v" + v + ".sql")
                    .readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            for (String sql : text.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
            st.execute("INSERT INTO schema_version(version) VALUES (" + v + ")");
        }
    }
}
