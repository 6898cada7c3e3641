package org.tmshost.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s that carry their source location. Duplicate keys,
 * anchors and aliases, nesting deeper than {@link #MAX_DEPTH}, characters YAML does not allow and
 * syntax errors become {@link InvalidFileException}s with the line and column, never a stack trace.
 * Parsing is linear in the text's length ({@link WholeTextStreamReader}); text longer than
 * {@link DataFileText#PROTOCOL_MAX_BYTES} characters is refused before parsing.
 */
public final class LocatedYaml {
    /** No tmshost file nests deeper than 4; 32 leaves room and keeps the reader's recursion short. */
    public static final int MAX_DEPTH = 32;
    private static final WholeTextYamlFactory FACTORY = new WholeTextYamlFactory(loaderOptions());

    private LocatedYaml() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0); // aliases are refused below; this guards what Jackson expands itself
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setCodePointLimit(DataFileText.PROTOCOL_MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    public static YamlNode parse(String fileName, String text) throws InvalidFileException {
        if (text.length() > DataFileText.PROTOCOL_MAX_BYTES) {
            throw new InvalidFileException(new ValidationError(SourceLocation.wholeFile(fileName), null, null,
                    "refused before parsing: " + text.length() + " characters is more than any tmshost data file may "
                            + "hold (" + DataFileText.PROTOCOL_MAX_BYTES + ")"));
        }
        refuseUnprintable(fileName, text);
        try (JsonParser parser = FACTORY.parser(fileName, text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidFileException(new ValidationError(new SourceLocation(fileName, 1, 1), null, null,
                        "the file is empty; expected a YAML mapping"));
            }
            YamlNode root = read(parser, fileName, 1);
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

    private static YamlNode read(JsonParser parser, String fileName, int depth) throws IOException, InvalidFileException {
        SourceLocation location = locationOf(parser, fileName);
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && (yaml.isCurrentAlias() || yaml.getCurrentAnchor() != null)) {
            throw new InvalidFileException(new ValidationError(location, null, null, "anchors (&name) and aliases "
                    + "(*name) are not allowed in tmshost files; write each value out where it is used"));
        }
        if (depth > MAX_DEPTH && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
            throw new InvalidFileException(new ValidationError(location, null, null, "nested deeper than "
                    + MAX_DEPTH + " levels of lists and mappings; no tmshost file needs more than 4"));
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    SourceLocation keyLocation = locationOf(parser, fileName);
                    parser.nextToken();
                    YamlNode value = read(parser, fileName, depth + 1);
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
                    items.add(read(parser, fileName, depth + 1));
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

    /** YAML allows only printable characters (and tab, line breaks); name the first other one and where it is. */
    private static void refuseUnprintable(String fileName, String text) throws InvalidFileException {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                throw new InvalidFileException(new ValidationError(new SourceLocation(fileName, line, column), null, null,
                        String.format(java.util.Locale.ROOT, "holds character U+%04X, which a YAML file may not "
                                + "contain (a control character: is it a text file, saved as UTF-8?)", c)));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(c);
        }
    }

    private static SourceLocation locationOf(JsonParser parser, String fileName) {
        JsonLocation where = parser.currentTokenLocation();
        return new SourceLocation(fileName, Math.max(1, where.getLineNr()), Math.max(1, where.getColumnNr()));
    }
}
