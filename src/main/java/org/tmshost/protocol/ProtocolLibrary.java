package org.tmshost.protocol;

import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.SourceLocation;
import org.tmshost.yaml.ValidationError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in protocol library ({@code src/main/resources/protocols/}, listed in
 * {@code library.txt}) and resolution of a command-line PROTOCOL argument: a library name or a
 * file path.
 */
public final class ProtocolLibrary {
    private static final String DIRECTORY = "/protocols/";

    /** A library entry: its short name, the parsed protocol and the file text as shipped. */
    public record Entry(String name, Protocol protocol, String text) {
    }

    private ProtocolLibrary() {
    }

    public static List<String> names() {
        String index = resource("library.txt").orElseThrow(() -> new IllegalStateException("protocols/library.txt missing"));
        return index.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    public static List<Entry> all() {
        var entries = new ArrayList<Entry>();
        for (String name : names()) {
            entries.add(builtIn(name).orElseThrow(() -> new IllegalStateException("library lists " + name + " but has no file")));
        }
        return entries;
    }

    /** A built-in protocol by name; a broken built-in file is a programming error. */
    public static Optional<Entry> builtIn(String name) {
        return resource(name + ".yaml").map(text -> {
            try {
                return new Entry(name, ProtocolFiles.parse("protocols/" + name + ".yaml", text), text);
            } catch (InvalidFileException e) {
                throw new IllegalStateException("built-in protocol " + name + " is invalid:\n" + e.getMessage(), e);
            }
        });
    }

    /**
     * Resolves PROTOCOL: an existing file path wins, then a library name.
     *
     * @throws InvalidFileException for a bad file, or an unknown name (listing the library)
     */
    public static Entry resolve(String nameOrPath) throws InvalidFileException {
        Path path = Path.of(nameOrPath);
        if (Files.exists(path) && (nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || Files.isRegularFile(path))) {
            String text = ProtocolFiles.readText(path); // once: what is checked is what the report quotes
            return new Entry(nameOrPath, ProtocolFiles.parse(nameOrPath, text), text);
        }
        Optional<Entry> builtIn = nameOrPath.contains("/") ? Optional.empty() : builtIn(nameOrPath);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        throw new InvalidFileException(new ValidationError(SourceLocation.wholeFile(nameOrPath), null, null,
                "no such file, and not a built-in protocol; built-in: " + String.join(", ", names())));
    }

    private static Optional<String> resource(String file) {
        try (InputStream in = ProtocolLibrary.class.getResourceAsStream(DIRECTORY + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
