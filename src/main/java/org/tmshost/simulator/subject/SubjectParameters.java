package org.tmshost.simulator.subject;

import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;
import org.tmshost.yaml.SourceLocation;
import org.tmshost.yaml.ValidationError;
import org.tmshost.yaml.YamlNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A virtual subject's parameters ({@code simulator/subjects/*.yaml}, docs/motor-threshold.md).
 *
 * @param restingThresholdPercentMso the true RMT: P(MEP >= 50 µV) = 0.5 here
 * @param maxAmplitudeMicrovolts     the plateau of the recruitment curve (MEP max)
 * @param slopePercentMso            the logistic scale k of the recruitment curve, %MSO (smaller is steeper)
 * @param thresholdJitterFraction    trial-to-trial excitability: SD of the curve's position, as a fraction of the RMT
 * @param backgroundNoiseMicrovolts  median peak-to-peak of the background EMG in the MEP window
 * @param backgroundNoiseLogSd       SD of the natural log of that peak-to-peak (log-normal)
 * @param pairedPulse                what a conditioning pulse does to the test MEP ({@link PairedPulseModel#NONE}: nothing)
 */
public record SubjectParameters(String name, String description, double restingThresholdPercentMso,
                                double maxAmplitudeMicrovolts, double slopePercentMso, double thresholdJitterFraction,
                                double backgroundNoiseMicrovolts, double backgroundNoiseLogSd,
                                PairedPulseModel pairedPulse) {

    public SubjectParameters {
        java.util.Objects.requireNonNull(pairedPulse, "pairedPulse");
        require(restingThresholdPercentMso >= 5 && restingThresholdPercentMso <= 100, "restingThresholdPercentMso in 5..100");
        require(maxAmplitudeMicrovolts > 100 && maxAmplitudeMicrovolts <= 20000, "maxAmplitudeMicrovolts in (100, 20000]");
        require(slopePercentMso > 0 && slopePercentMso <= 30, "slopePercentMso in (0, 30]");
        require(thresholdJitterFraction > 0 && thresholdJitterFraction <= 0.5, "thresholdJitterFraction in (0, 0.5]");
        require(backgroundNoiseMicrovolts > 0 && backgroundNoiseMicrovolts < 50, "backgroundNoiseMicrovolts in (0, 50)");
        require(backgroundNoiseLogSd >= 0 && backgroundNoiseLogSd <= 2, "backgroundNoiseLogSd in [0, 2]");
    }

    /** A subject without a paired-pulse model: a conditioning pulse changes nothing. */
    public SubjectParameters(String name, String description, double restingThresholdPercentMso,
                             double maxAmplitudeMicrovolts, double slopePercentMso, double thresholdJitterFraction,
                             double backgroundNoiseMicrovolts, double backgroundNoiseLogSd) {
        this(name, description, restingThresholdPercentMso, maxAmplitudeMicrovolts, slopePercentMso,
                thresholdJitterFraction, backgroundNoiseMicrovolts, backgroundNoiseLogSd, PairedPulseModel.NONE);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("subject parameter out of range: " + what);
        }
    }

    /** The same subject with another true RMT (the bench spreads thresholds over a range). */
    public SubjectParameters withRestingThreshold(double percentMso) {
        return new SubjectParameters(name, description, percentMso, maxAmplitudeMicrovolts, slopePercentMso,
                thresholdJitterFraction, backgroundNoiseMicrovolts, backgroundNoiseLogSd, pairedPulse);
    }

    /** Where the jar keeps the shipped subjects (the repository's {@code simulator/subjects}). */
    public static final String BUNDLED = "simulator/subjects/";

    public static SubjectParameters read(Path file) throws InvalidFileException {
        return parse(file.toString(), DataFileText.read(file, "virtual subject", DataFileText.MAX_BYTES));
    }

    /**
     * A subject shipped in the jar ({@code simulator/subjects/NAME.yaml}), if there is one by that
     * name.
     */
    public static Optional<SubjectParameters> bundled(String name) throws InvalidFileException {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        Optional<String> text = bundledText(name + ".yaml");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(BUNDLED + name + ".yaml", text.get()));
    }

    /** Every subject shipped in the jar, in the order of its index (sorted by name). */
    public static List<SubjectParameters> bundledAll() throws InvalidFileException {
        var subjects = new java.util.ArrayList<SubjectParameters>();
        for (String name : bundledNames()) {
            subjects.add(bundled(name).orElseThrow(() -> new IllegalStateException(
                    "simulator/subjects/index.txt names " + name + ", which is not in the jar")));
        }
        return List.copyOf(subjects);
    }

    /** Names of the shipped subjects ({@code simulator/subjects/index.txt}). */
    public static List<String> bundledNames() {
        return bundledText("index.txt").map(index -> index.lines().map(String::strip).filter(line -> !line.isEmpty())
                .toList()).orElse(List.of());
    }

    private static Optional<String> bundledText(String file) {
        try (InputStream in = SubjectParameters.class.getResourceAsStream("/" + BUNDLED + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code *.yaml} files of a directory, sorted by file name. */
    public static List<SubjectParameters> readDirectory(Path directory) throws InvalidFileException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidFileException(new ValidationError(SourceLocation.wholeFile(directory.toString()), null, null,
                    "cannot list the subject directory: " + e.getMessage()));
        }
        var subjects = new java.util.ArrayList<SubjectParameters>();
        for (Path file : files) {
            subjects.add(read(file));
        }
        return List.copyOf(subjects);
    }

    public static SubjectParameters parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String name = fields.requireText("name", "the subject's name");
        String description = fields.optionalText("description", "free text").orElse("");
        double rmt = fields.requireDecimal("restingThresholdPercentMso", Range.between("5", "100")).doubleValue();
        double max = fields.requireDecimal("maxAmplitudeMicrovolts", Range.between("101", "20000")).doubleValue();
        double slope = fields.requireDecimal("slopePercentMso", Range.positiveUpTo("30")).doubleValue();
        double jitter = fields.requireDecimal("thresholdJitterFraction", Range.positiveUpTo("0.5")).doubleValue();
        double noise = fields.requireDecimal("backgroundNoiseMicrovolts",
                new Range(java.math.BigDecimal.ZERO, true, java.math.BigDecimal.valueOf(50), true)).doubleValue();
        double noiseSd = fields.requireDecimal("backgroundNoiseLogSd", Range.between("0", "2")).doubleValue();
        PairedPulseModel pairedPulse = fields.node("pairedPulse").map(node -> pairedPulse(fields.nested("pairedPulse", node)))
                .orElse(PairedPulseModel.NONE);
        fields.finish();
        return new SubjectParameters(name, description, rmt, max, slope, jitter, noise, noiseSd, pairedPulse);
    }

    private static final Range CONDITIONING_PERCENT_RMT = Range.between("0", "200");
    private static final Range ISI_MS = Range.positiveUpTo("1000");
    private static final Range RATIO = Range.between("0", "5");

    /**
     * {@code pairedPulse:} with {@code ratios:} a list of {@code {isiMs, ratio}} in increasing isiMs,
     * and optionally {@code referenceConditioningPercentRmt} (80), {@code onsetConditioningPercentRmt}
     * (60) and {@code conditionedVariabilityLogSd} (0). Errors go to the file's list, with line and field.
     */
    private static PairedPulseModel pairedPulse(FieldReader fields) {
        double reference = fields.optionalDecimal("referenceConditioningPercentRmt", CONDITIONING_PERCENT_RMT)
                .map(java.math.BigDecimal::doubleValue).orElse(PairedPulseModel.DEFAULT_REFERENCE_PERCENT_RMT);
        double onset = fields.optionalDecimal("onsetConditioningPercentRmt", CONDITIONING_PERCENT_RMT)
                .map(java.math.BigDecimal::doubleValue).orElse(PairedPulseModel.DEFAULT_ONSET_PERCENT_RMT);
        if (!(onset < reference)) {
            fields.errorAt("onsetConditioningPercentRmt", "below referenceConditioningPercentRmt (" + reference + ")");
        }
        double logSd = fields.optionalDecimal("conditionedVariabilityLogSd", Range.between("0", "1.5"))
                .map(java.math.BigDecimal::doubleValue).orElse(0.0);
        List<YamlNode> items = fields.requireList("ratios", "a list of {isiMs, ratio} points, isiMs increasing");
        if (items.isEmpty() && fields.has("ratios")) {
            fields.errorAt("ratios", "at least one {isiMs, ratio} point");
        }
        if (items.size() > PairedPulseModel.MAX_POINTS) {
            fields.errorAt("ratios", "at most " + PairedPulseModel.MAX_POINTS + " points");
            items = List.of();
        }
        var points = new java.util.ArrayList<PairedPulseModel.Point>();
        Double previous = null;
        for (int i = 0; i < items.size(); i++) {
            FieldReader point = fields.nested("ratios[" + i + "]", items.get(i));
            java.util.Optional<java.math.BigDecimal> isi = point.optionalDecimal("isiMs", ISI_MS);
            java.util.Optional<java.math.BigDecimal> ratio = point.optionalDecimal("ratio", RATIO);
            if (!point.has("isiMs")) {
                point.missing("isiMs", "an interval in ms, greater than 0 and at most 1000");
            }
            if (!point.has("ratio")) {
                point.missing("ratio", "the conditioned/test ratio, from 0 to 5");
            }
            point.checkUnknown();
            if (isi.isPresent() && ratio.isPresent()) {
                if (previous != null && isi.get().doubleValue() <= previous) {
                    point.errorAt("isiMs", "longer than the previous point's (" + previous + " ms)");
                } else {
                    points.add(new PairedPulseModel.Point(isi.get().doubleValue(), ratio.get().doubleValue()));
                }
                previous = isi.get().doubleValue();
            }
        }
        fields.checkUnknown();
        if (fields.hasErrors()) {
            return PairedPulseModel.NONE;
        }
        return new PairedPulseModel(reference, onset, points, logSd);
    }
}
