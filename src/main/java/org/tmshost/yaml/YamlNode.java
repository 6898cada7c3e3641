package org.tmshost.yaml;

import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written, so that validation errors can name the
 * file, line and column. Built by {@link LocatedYaml}; read through {@link FieldReader}.
 */
public sealed interface YamlNode {
    SourceLocation location();

    /** Human name of the node's shape, used in "expected X, found Y" messages. */
    String shape();

    /** A scalar; {@code type} tells whether the YAML wrote it as a number, string, boolean or null. */
    record Scalar(String text, ScalarType type, SourceLocation location) implements YamlNode {
        @Override
        public String shape() {
            return type.description;
        }
    }

    /** A mapping whose keys keep their order and their own locations. */
    record Mapping(Map<String, Entry> entries, SourceLocation location) implements YamlNode {
        @Override
        public String shape() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
        @Override
        public String shape() {
            return "a list";
        }
    }

    /** One key of a mapping with the location of the key itself. */
    record Entry(String key, SourceLocation keyLocation, YamlNode value) {
    }

    enum ScalarType {
        INTEGER("an integer"), DECIMAL("a decimal number"), STRING("text"), BOOLEAN("true/false"), NULL("nothing (null)");

        final String description;

        ScalarType(String description) {
            this.description = description;
        }
    }
}
