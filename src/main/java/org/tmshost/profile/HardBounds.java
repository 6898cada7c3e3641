package org.tmshost.profile;

import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bounds no profile or site policy may go beyond, whoever installed it
 * ({@code safety/hard-bounds.yaml}, shipped in the jar, each with its source). A file beyond them is
 * refused when it is loaded: a bound is what keeps a file from switching a limit off.
 */
public final class HardBounds {
    public static final String FILE = "safety/hard-bounds.yaml";
    private static final HardBounds SHIPPED = load();

    /** The bounds of one kind of device (a profile's {@code wireProtocol}, or {@code simulation}). */
    public record DeviceBounds(String key, int maxOutputPercentMso, BigDecimal maxCoilStopCelsius,
                               BigDecimal minInterPulseIntervalMs, Optional<BigDecimal> maxHostTimedSinglePulseRateHz,
                               BigDecimal maxRateHz, String source) {
        /** How a refusal names the bound: {@code hard-bounds.magstim-rapid.maxCoilStopCelsius (source)}. */
        public String rule(String field) {
            return "hard bound " + key + "." + field + " of " + FILE + " (" + source + ")";
        }
    }

    /** A bound on one site-policy field: at most {@code max} or at least {@code min}. */
    public record PolicyBound(String field, Optional<BigDecimal> min, Optional<BigDecimal> max, String source) {
        public String rule() {
            return "hard bound policy." + field + " of " + FILE + " (" + source + ")";
        }

        /** Empty when {@code value} is within the bound, else what is expected. */
        public Optional<String> refusal(BigDecimal value) {
            if (max.isPresent() && value.compareTo(max.get()) > 0) {
                return Optional.of("at most " + max.get().toPlainString() + ": " + rule());
            }
            if (min.isPresent() && value.compareTo(min.get()) < 0) {
                return Optional.of("at least " + min.get().toPlainString() + ": " + rule());
            }
            return Optional.empty();
        }
    }

    private final Map<String, DeviceBounds> devices;
    private final Map<String, PolicyBound> policy;

    private HardBounds(Map<String, DeviceBounds> devices, Map<String, PolicyBound> policy) {
        this.devices = Map.copyOf(devices);
        this.policy = Map.copyOf(policy);
    }

    /** The shipped bounds. */
    public static HardBounds shipped() {
        return SHIPPED;
    }

    /** The bounds of a profile: by its wire protocol, or the simulator's when it is a simulation. */
    public DeviceBounds forDevice(boolean simulation, String wireProtocol) {
        DeviceBounds bounds = devices.get(simulation ? "simulation" : wireProtocol);
        if (bounds == null) {
            throw new IllegalStateException(FILE + " has no bounds for " + wireProtocol);
        }
        return bounds;
    }

    /** The bound on a site-policy field, if it has one. */
    public Optional<PolicyBound> policy(String field) {
        return Optional.ofNullable(policy.get(field));
    }

    static HardBounds parse(String fileName, String text) throws InvalidFileException {
        FieldReader root = FieldReader.of(LocatedYaml.parse(fileName, text));
        var devices = new LinkedHashMap<String, DeviceBounds>();
        FieldReader profiles = root.nested("profiles", root.requireNode("profiles", "bounds by wire protocol"));
        for (String key : new String[]{"magstim-200", "magstim-bistim", "magstim-rapid", "magventure-magpro", "ttl",
                "simulation"}) {
            FieldReader b = profiles.nested(key, profiles.requireNode(key, "the bounds of " + key + " profiles"));
            devices.put(key, new DeviceBounds(key, b.requireInt("maxOutputPercentMso", 1, 110),
                    b.requireDecimal("maxCoilStopCelsius", Range.between("20", "60")),
                    b.requireDecimal("minInterPulseIntervalMs", Range.positiveUpTo("60000")),
                    b.optionalDecimal("maxHostTimedSinglePulseRateHz", Range.positiveUpTo("1000")),
                    b.requireDecimal("maxRateHz", Range.positiveUpTo("1000")),
                    b.requireText("source", "where the bounds come from")));
            b.checkUnknown();
        }
        profiles.checkUnknown();
        var policy = new LinkedHashMap<String, PolicyBound>();
        FieldReader policies = root.nested("policy", root.requireNode("policy", "bounds by policy field"));
        for (String field : new String[]{"maxSessionPulses", "maxDailyPulses", "minIntersessionMinutes",
                "patternedMaxPercentRmt", "rtmsMaxPercentRmt", "visualThresholdMarginPercent"}) {
            FieldReader b = policies.nested(field, policies.requireNode(field, "min or max, and source"));
            policy.put(field, new PolicyBound(field, b.optionalDecimal("min", Range.between("0", "10000000")),
                    b.optionalDecimal("max", Range.between("0", "10000000")),
                    b.requireText("source", "where the bound comes from")));
            b.checkUnknown();
        }
        policies.checkUnknown();
        root.finish();
        return new HardBounds(devices, policy);
    }

    private static HardBounds load() {
        try (InputStream in = HardBounds.class.getResourceAsStream("/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the classpath");
            }
            return parse(FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidFileException e) {
            throw new IllegalStateException("the shipped hard bounds are invalid:\n" + e.getMessage(), e);
        }
    }
}
