package org.tmshost.protocol;

import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;
import org.tmshost.yaml.YamlNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads protocol files (contracts.md §1) with strict validation: unknown fields, wrong types,
 * missing fields, out-of-range and inconsistent values are all reported with file, line, column,
 * field, value and what was expected. The ranges are plausibility limits for catching typos; the
 * safety envelope, not this parser, decides what may be delivered.
 */
public final class ProtocolFiles {
    /** More pulses than any published protocol by far (SAINT's day is 18,000): a typo, not a plan. */
    public static final int MAX_PULSES = 100_000;

    private static final Range FREQUENCY_HZ = Range.positiveUpTo("100");
    private static final Range INTRA_BURST_HZ = Range.positiveUpTo("1000");
    private static final Range SECONDS_OFF = Range.between("0", "3600");
    private static final Range PERIOD_SECONDS = Range.positiveUpTo("3600");
    private static final Range ISI_MS = Range.positiveUpTo("1000").decimals(6);
    private static final Range QPS_IPI_MS = Range.positiveUpTo("1250").decimals(6);
    private static final Range AT_SECONDS = Range.between("0", "86400");
    private static final int MAX_COUNT = 10_000;
    /**
     * A day: no session lasts longer, and it keeps every planned time far inside the nanosecond
     * arithmetic (a 1e-9 Hz train once overflowed it into an internal error).
     */
    public static final BigDecimal MAX_DURATION_SECONDS = new BigDecimal("86400");

    private ProtocolFiles() {
    }

    public static Protocol read(Path file) throws InvalidFileException {
        return parse(file.toString(), readText(file));
    }

    /** A protocol file's text, at most {@link DataFileText#PROTOCOL_MAX_BYTES}, strictly UTF-8. */
    public static String readText(Path file) throws InvalidFileException {
        return DataFileText.read(file, "protocol", DataFileText.PROTOCOL_MAX_BYTES);
    }

    public static Protocol parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String name = fields.requireText("name", "a protocol name (free text)");
        Optional<ProtocolKind> kind = fields.parsedText("kind", ProtocolKind.allFileNames(),
                ProtocolKind::fromFileName, true);
        String citation = fields.optionalText("citation", "free text naming the source").orElse("");
        fields.optionalText("description", "free text");
        if (kind.isEmpty()) {
            fields.finish();
            throw new IllegalStateException("unreachable: a missing kind is an error");
        }
        Protocol protocol = switch (kind.get()) {
            case RTMS -> rtms(fields, name, citation);
            case THETA_BURST -> thetaBurst(fields, name, citation);
            case PAIRED_PULSE -> pairedPulse(fields, name, citation);
            case QUADRIPULSE -> quadripulse(fields, name, citation);
            case SEQUENCE -> sequence(fields, name, citation);
        };
        fields.finish();
        return protocol;
    }

    private static Rtms rtms(FieldReader fields, String name, String citation) {
        BigDecimal frequency = fields.requireDecimal("frequencyHz", FREQUENCY_HZ);
        int pulsesPerTrain = fields.requireInt("pulsesPerTrain", 1, MAX_COUNT);
        int trains = fields.requireInt("trains", 1, MAX_COUNT);
        BigDecimal offTime = interTrainInterval(fields, trains);
        Intensity intensity = intensity(fields, "intensity");
        checkTotal(fields, "trains", (long) pulsesPerTrain * trains);
        if (!fields.hasErrors()) {
            checkDuration(fields, "frequencyHz", PlanBuilder.seconds(pulsesPerTrain, frequency), trains, offTime);
        }
        return new Rtms(name, citation, frequency, pulsesPerTrain, trains, offTime, intensity);
    }

    private static ThetaBurst thetaBurst(FieldReader fields, String name, String citation) {
        int pulsesPerBurst = fields.requireInt("pulsesPerBurst", 1, 10);
        BigDecimal intraHz = fields.requireDecimal("intraBurstFrequencyHz", INTRA_BURST_HZ);
        BigDecimal burstHz = fields.requireDecimal("burstFrequencyHz", FREQUENCY_HZ);
        int burstsPerTrain = fields.requireInt("burstsPerTrain", 1, MAX_COUNT);
        int trains = fields.requireInt("trains", 1, MAX_COUNT);
        BigDecimal offTime = interTrainInterval(fields, trains);
        Intensity intensity = intensity(fields, "intensity");
        if (!fields.hasErrors()) {
            // the last pulse of a burst must come before the next burst starts
            BigDecimal burstSpan = PlanBuilder.seconds(pulsesPerBurst - 1, intraHz);
            BigDecimal burstPeriod = PlanBuilder.seconds(1, burstHz);
            if (burstSpan.compareTo(burstPeriod) >= 0) {
                fields.errorAt("intraBurstFrequencyHz", "fast enough that " + pulsesPerBurst
                        + " pulses fit inside one burst period of " + burstPeriod.stripTrailingZeros().toPlainString()
                        + " s (bursts would overlap)");
            }
        }
        checkTotal(fields, "trains", (long) pulsesPerBurst * burstsPerTrain * trains);
        if (!fields.hasErrors()) {
            checkDuration(fields, "burstFrequencyHz", PlanBuilder.seconds(burstsPerTrain, burstHz), trains, offTime);
        }
        return new ThetaBurst(name, citation, pulsesPerBurst, intraHz, burstHz, burstsPerTrain, trains, offTime,
                intensity);
    }

    private static PairedPulse pairedPulse(FieldReader fields, String name, String citation) {
        BigDecimal isiMs = fields.requireDecimal("interStimulusIntervalMs", ISI_MS);
        Intensity conditioning = intensity(fields, "conditioningIntensity");
        Intensity test = intensity(fields, "testIntensity");
        int pairs = fields.requireInt("pairs", 1, MAX_COUNT);
        BigDecimal period = pairs > 1 || fields.has("interPairIntervalSeconds")
                ? fields.requireDecimal("interPairIntervalSeconds", PERIOD_SECONDS) : BigDecimal.ONE;
        if (!fields.hasErrors() && isiMs.movePointLeft(3).compareTo(period) >= 0) {
            fields.errorAt("interPairIntervalSeconds", "longer than the inter-stimulus interval ("
                    + isiMs.stripTrailingZeros().toPlainString() + " ms); it is measured onset to onset");
        }
        if (!fields.hasErrors()) {
            checkDuration(fields, "interPairIntervalSeconds", period.multiply(BigDecimal.valueOf(pairs)), 1, BigDecimal.ZERO);
        }
        return new PairedPulse(name, citation, isiMs, conditioning, test, pairs, period);
    }

    private static Quadripulse quadripulse(FieldReader fields, String name, String citation) {
        int pulsesPerBurst = fields.requireInt("pulsesPerBurst", 2, 4);
        BigDecimal ipiMs = fields.requireDecimal("interPulseIntervalMs", QPS_IPI_MS);
        BigDecimal period = fields.requireDecimal("burstPeriodSeconds", PERIOD_SECONDS);
        int bursts = fields.requireInt("bursts", 1, MAX_COUNT);
        Intensity intensity = intensity(fields, "intensity");
        if (!fields.hasErrors()
                && ipiMs.movePointLeft(3).multiply(BigDecimal.valueOf(pulsesPerBurst - 1L)).compareTo(period) >= 0) {
            fields.errorAt("burstPeriodSeconds", "longer than one burst (" + (pulsesPerBurst - 1) + " x "
                    + ipiMs.stripTrailingZeros().toPlainString() + " ms)");
        }
        if (!fields.hasErrors()) {
            checkDuration(fields, "burstPeriodSeconds", period.multiply(BigDecimal.valueOf(bursts)), 1, BigDecimal.ZERO);
        }
        return new Quadripulse(name, citation, pulsesPerBurst, ipiMs, period, bursts, intensity);
    }

    private static PulseSequence sequence(FieldReader fields, String name, String citation) {
        List<YamlNode> items = fields.requireList("pulses", "a list of pulses, each {atSeconds, intensity}");
        if (items.isEmpty() && fields.has("pulses")) {
            fields.errorAt("pulses", "at least one pulse");
        }
        if (items.size() > MAX_PULSES) {
            fields.errorAt("pulses", "at most " + MAX_PULSES + " pulses");
            return new PulseSequence(name, citation, List.of());
        }
        var pulses = new ArrayList<PulseSequence.SequencePulse>();
        BigDecimal previous = null;
        for (int i = 0; i < items.size(); i++) {
            FieldReader pulse = fields.nested("pulses[" + i + "]", items.get(i));
            Optional<BigDecimal> at = pulse.node("atSeconds").flatMap(node -> pulse.decimal(node, "atSeconds", AT_SECONDS));
            if (!pulse.has("atSeconds")) {
                pulse.missing("atSeconds", "seconds from the first pulse");
            }
            Intensity intensity = intensity(pulse, "intensity");
            pulse.checkUnknown();
            if (at.isPresent()) {
                if (previous != null && at.get().compareTo(previous) <= 0) {
                    pulse.errorAt("atSeconds", "later than the previous pulse (" + previous.toPlainString() + " s)");
                }
                previous = at.get();
                pulses.add(new PulseSequence.SequencePulse(at.get(), intensity));
            }
        }
        return new PulseSequence(name, citation, pulses);
    }

    private static BigDecimal interTrainInterval(FieldReader fields, int trains) {
        if (trains > 1 || fields.has("interTrainIntervalSeconds")) {
            return fields.requireDecimal("interTrainIntervalSeconds", SECONDS_OFF);
        }
        return BigDecimal.ZERO;
    }

    private static Intensity intensity(FieldReader fields, String field) {
        return fields.parsedText(field, Intensity.EXPECTED, Intensity::parse, true)
                .orElse(new Intensity.Absolute(BigDecimal.ONE));
    }

    /** {@code trains} trains of {@code trainSeconds}, {@code offSeconds} apart, last at most a day. */
    private static void checkDuration(FieldReader fields, String field, BigDecimal trainSeconds, int trains,
                                      BigDecimal offSeconds) {
        BigDecimal total = trainSeconds.multiply(BigDecimal.valueOf(trains))
                .add(offSeconds.multiply(BigDecimal.valueOf(trains - 1L)));
        if (total.compareTo(MAX_DURATION_SECONDS) > 0) {
            fields.errorAt(field, "a value that makes the protocol last at most " + MAX_DURATION_SECONDS
                    + " s (a day); with it the protocol lasts " + total.round(new java.math.MathContext(4))
                    .toPlainString() + " s");
        }
    }

    private static void checkTotal(FieldReader fields, String field, long pulses) {
        if (!fields.hasErrors() && pulses > MAX_PULSES) {
            fields.errorAt(field, "a protocol of at most " + MAX_PULSES + " pulses (this one has " + pulses + ")");
        }
    }
}
