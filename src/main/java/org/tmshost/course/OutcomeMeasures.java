package org.tmshost.course;

import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.InvalidFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The outcome measures a course may record: tmshost's own ({@code outcomes/} on the classpath) and a
 * site's ({@code $TMSHOST_HOME/outcomes/NAME.yaml}, which may add measures but not redefine one).
 */
public final class OutcomeMeasures {
    /** The measures tmshost ships, by name. */
    static final List<String> BUNDLED = List.of("pain-nrs", "pain-vas");

    private final Map<String, OutcomeMeasure> byName;

    private OutcomeMeasures(Map<String, OutcomeMeasure> byName) {
        this.byName = byName;
    }

    /** tmshost's own measures. A broken bundled file is a programming error. */
    public static OutcomeMeasures bundled() {
        var measures = new LinkedHashMap<String, OutcomeMeasure>();
        for (String name : BUNDLED) {
            String resource = "/outcomes/" + name + ".yaml";
            try (InputStream in = OutcomeMeasures.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled outcome measure " + resource + " is missing");
                }
                OutcomeMeasure measure = OutcomeMeasure.parse(resource, new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
                measures.put(measure.name(), measure);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidFileException e) {
                throw new IllegalStateException("bundled outcome measure is invalid:\n" + e.getMessage(), e);
            }
        }
        return new OutcomeMeasures(measures);
    }

    /** tmshost's measures and the site's, from {@code directory} (absent: none). */
    public static OutcomeMeasures load(Path directory) throws InvalidFileException {
        OutcomeMeasures bundled = bundled();
        var measures = new LinkedHashMap<>(bundled.byName);
        if (!Files.isDirectory(directory)) {
            return bundled;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        for (Path file : files) {
            OutcomeMeasure measure = OutcomeMeasure.parse(file.toString(),
                    DataFileText.read(file, "outcome measure", DataFileText.MAX_BYTES));
            if (measures.containsKey(measure.name())) {
                throw new InvalidFileException(new org.tmshost.yaml.ValidationError(
                        new org.tmshost.yaml.SourceLocation(file.toString(), 1, 1), "name", measure.name(),
                        "a name no other measure has (" + measure.name() + " is already defined)"));
            }
            measures.put(measure.name(), measure);
        }
        return new OutcomeMeasures(measures);
    }

    public Optional<OutcomeMeasure> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The measure, or a refusal naming the measures there are. */
    public OutcomeMeasure require(String name) throws CourseInputRefused {
        OutcomeMeasure measure = byName.get(name);
        if (measure == null) {
            throw new CourseInputRefused("unknown outcome measure '" + name + "'; the measures are: "
                    + String.join(", ", byName.keySet()) + " (a site adds its own as $TMSHOST_HOME/outcomes/NAME.yaml)");
        }
        return measure;
    }

    public List<OutcomeMeasure> all() {
        return new ArrayList<>(byName.values());
    }
}
