package org.tmshost.simulator;

import org.tmshost.yaml.DataFileText;
import org.tmshost.yaml.FieldReader;
import org.tmshost.yaml.FieldReader.Range;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.LocatedYaml;
import org.tmshost.yaml.YamlNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fault scenario for the simulator ({@code simulator/scenarios/*.yaml}, docs/simulator.md): faults
 * that happen at a time since the device was opened, or when it has delivered a number of pulses.
 */
public record FaultScenario(String name, String description, List<Fault> faults) {

    public enum Kind {
        /** The link goes dead: the device stops answering and the connection closes. */
        LINK_DROP("link-drop"),
        /** Replies are corrupted: each byte is flipped with probability {@code rate}. */
        GARBLE("garble"),
        /** The device stops replying for {@code durationSeconds}, then answers again. */
        REPLY_STALL("reply-stall"),
        /** The coil jumps to {@code celsius}. */
        COIL_OVER_TEMPERATURE("coil-over-temperature"),
        /** The device reports an error ({@code code}) and disarms. */
        DEVICE_FAULT("device-fault"),
        /** The device disarms by itself, without an error. */
        SPONTANEOUS_DISARM("spontaneous-disarm");

        private final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        public boolean linkLevel() {
            return this == LINK_DROP || this == GARBLE || this == REPLY_STALL;
        }

        static Kind fromFileName(String text) {
            for (Kind kind : values()) {
                if (kind.fileName.equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("one of " + Arrays.stream(values()).map(Kind::fileName)
                    .collect(Collectors.joining(", ")));
        }
    }

    /**
     * One fault. Exactly one of {@code atSeconds} and {@code atPulse} is set.
     *
     * @param atPulse the fault happens once the device has delivered this many pulses
     */
    public record Fault(Kind kind, Optional<BigDecimal> atSeconds, Optional<Integer> atPulse,
                        BigDecimal durationSeconds, double rate, double celsius, String code) {
        public long atNanos() {
            return atSeconds.map(s -> s.movePointRight(9).longValue()).orElse(Long.MAX_VALUE);
        }

        public long durationNanos() {
            return durationSeconds.movePointRight(9).longValue();
        }
    }

    public static FaultScenario read(Path file) throws InvalidFileException {
        return parse(file.toString(), DataFileText.read(file, "fault scenario", DataFileText.MAX_BYTES));
    }

    public static FaultScenario parse(String fileName, String text) throws InvalidFileException {
        FieldReader fields = FieldReader.of(LocatedYaml.parse(fileName, text));
        String name = fields.requireText("name", "the scenario's name");
        String description = fields.optionalText("description", "free text").orElse("");
        List<YamlNode> items = fields.requireList("faults", "a list of faults");
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < items.size(); i++) {
            FieldReader fault = fields.nested("faults[" + i + "]", items.get(i));
            Optional<Kind> kind = fault.parsedText("kind", "a fault kind", Kind::fromFileName, true);
            Optional<BigDecimal> atSeconds = fault.optionalDecimal("atSeconds", Range.between("0", "86400"));
            Optional<Integer> atPulse = fault.optionalInt("atPulse", 0, 1_000_000);
            if (fault.has("atSeconds") == fault.has("atPulse")) {
                fault.errorAt("atSeconds", "exactly one of atSeconds or atPulse");
            }
            BigDecimal duration = fault.optionalDecimal("durationSeconds", Range.between("0", "86400")).orElse(BigDecimal.ZERO);
            double rate = fault.optionalDecimal("rate", Range.between("0", "1")).map(BigDecimal::doubleValue).orElse(0.0);
            double celsius = fault.optionalDecimal("celsius", Range.between("0", "100")).map(BigDecimal::doubleValue).orElse(0.0);
            String code = fault.optionalText("code", "a device error code").orElse("simulated-fault");
            if (kind.isPresent()) {
                requireFor(fault, kind.get(), Kind.GARBLE, "rate", "the probability (0..1) that a reply byte is corrupted");
                requireFor(fault, kind.get(), Kind.REPLY_STALL, "durationSeconds", "how long the device stays silent");
                requireFor(fault, kind.get(), Kind.COIL_OVER_TEMPERATURE, "celsius", "the coil temperature to jump to");
                faults.add(new Fault(kind.get(), atSeconds, atPulse, duration, rate, celsius, code));
            }
            fault.checkUnknown();
        }
        fields.finish();
        return new FaultScenario(name, description, List.copyOf(faults));
    }

    private static void requireFor(FieldReader fault, Kind kind, Kind needing, String field, String expected) {
        if (kind == needing && !fault.has(field)) {
            fault.missing(field, expected + " for a " + kind.fileName() + " fault");
        }
    }
}
