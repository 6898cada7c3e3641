package org.tmshost.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The standard target site names a course may name ({@code course/target-sites.txt}). */
public final class TargetSites {
    private static final List<String> ALL = load();

    private TargetSites() {
    }

    public static List<String> all() {
        return ALL;
    }

    /** The standard name {@code text} is (case-insensitive), or a refusal listing them. */
    static String require(String text) throws CourseInputRefused {
        for (String site : ALL) {
            if (site.equalsIgnoreCase(text.strip())) {
                return site;
            }
        }
        throw new CourseInputRefused("unknown target site '" + text + "'; a standard site is one of: "
                + String.join("; ", ALL) + " (--target says where exactly, in free text)");
    }

    private static List<String> load() {
        try (InputStream in = TargetSites.class.getResourceAsStream("/course/target-sites.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
