package org.tmshost.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s that carry their source location. Duplicate keys,
 * anchors the parser cannot resolve and syntax errors become {@link InvalidFileException}s with the
 * line and column, never a stack trace.
 */
public final class LocatedYaml {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private LocatedYaml() {
    }

    public static YamlNode parse(String fileName, String text) throws InvalidFileException {
        return parse(fileName, new StringReader(text));
    }

    public static YamlNode parse(String fileName, Reader reader) throws InvalidFileException {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidFileException(new ValidationError(new SourceLocation(fileName, 1, 1), null, null,
                        "the file is empty; expected a YAML mapping"));
            }
            YamlNode root = read(parser, fileName);
            if (parser.nextToken() != null) {
                throw new InvalidFileException(new ValidationError(locationOf(parser, fileName), null, null,
                        "more than one YAML document; expected exactly one"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            SourceLocation location = where == null ? new SourceLocation(fileName, 1, 1)
                    : new SourceLocation(fileName, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
            throw new InvalidFileException(new ValidationError(location, null, null,
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidFileException(new ValidationError(new SourceLocation(fileName, 1, 1), null, null,
                    "cannot be read: " + e.getMessage()));
        }
    }

    private static YamlNode read(JsonParser parser, String fileName) throws IOException, InvalidFileException {
        SourceLocation location = locationOf(parser, fileName);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    SourceLocation keyLocation = locationOf(parser, fileName);
                    parser.nextToken();
                    YamlNode value = read(parser, fileName);
                    if (entries.containsKey(key)) {
                        throw new InvalidFileException(new ValidationError(keyLocation, key, null,
                                "appears twice in the same mapping (first at line "
                                        + entries.get(key).keyLocation().line() + ")"));
                    }
                    entries.put(key, new YamlNode.Entry(key, keyLocation, value));
                }
                return new YamlNode.Mapping(entries, location);
            }
            case START_ARRAY: {
                var items = new ArrayList<YamlNode>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, fileName));
                }
                return new YamlNode.Sequence(items, location);
            }
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.INTEGER, location);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.DECIMAL, location);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.BOOLEAN, location);
            case VALUE_NULL:
                return new YamlNode.Scalar("null", YamlNode.ScalarType.NULL, location);
            default:
                return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarType.STRING, location);
        }
    }

    private static SourceLocation locationOf(JsonParser parser, String fileName) {
        JsonLocation where = parser.currentTokenLocation();
        return new SourceLocation(fileName, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
    }
}
