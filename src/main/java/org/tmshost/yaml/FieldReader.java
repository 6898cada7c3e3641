package org.tmshost.yaml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one YAML mapping with strict validation. Every problem is collected (not just
 * the first) with its location, field, value and what was expected; {@link #finish()} adds unknown
 * fields and throws if anything was wrong. Getters return a placeholder after an error so that
 * reading can go on and report the rest.
 */
public final class FieldReader {
    private final YamlNode.Mapping mapping;
    private final String path;
    private final List<ValidationError> errors;
    private final Set<String> known = new LinkedHashSet<>();

    private FieldReader(YamlNode.Mapping mapping, String path, List<ValidationError> errors) {
        this.mapping = mapping;
        this.path = path;
        this.errors = errors;
    }

    /** A reader for a document's top-level mapping; a non-mapping root is an error right away. */
    public static FieldReader of(YamlNode root) throws InvalidFileException {
        if (!(root instanceof YamlNode.Mapping mapping)) {
            throw new InvalidFileException(new ValidationError(root.location(), null, null,
                    "expected a mapping of 'field: value' lines, found " + root.shape()));
        }
        return new FieldReader(mapping, "", new ArrayList<>());
    }

    /** A reader for a nested mapping that reports into the same error list. */
    public FieldReader nested(String field, YamlNode node) {
        if (node instanceof YamlNode.Mapping nestedMapping) {
            return new FieldReader(nestedMapping, qualified(field) + ".", errors);
        }
        error(node, field, "a mapping");
        return new FieldReader(new YamlNode.Mapping(java.util.Map.of(), node.location()), qualified(field) + ".", errors);
    }

    public SourceLocation location() {
        return mapping.location();
    }

    public boolean has(String field) {
        known.add(field);
        return mapping.entries().containsKey(field);
    }

    public Optional<YamlNode> node(String field) {
        known.add(field);
        YamlNode.Entry entry = mapping.entries().get(field);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    public YamlNode requireNode(String field, String expected) {
        Optional<YamlNode> node = node(field);
        if (node.isEmpty()) {
            missing(field, expected);
            return new YamlNode.Scalar("null", YamlNode.ScalarType.NULL, mapping.location());
        }
        return node.get();
    }

    public String requireText(String field, String expected) {
        return optionalText(field, expected).orElseGet(() -> {
            if (!mapping.entries().containsKey(field)) {
                missing(field, expected);
            }
            return "";
        });
    }

    public Optional<String> optionalText(String field, String expected) {
        Optional<YamlNode> node = node(field);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Scalar scalar && scalar.type() == YamlNode.ScalarType.STRING
                && !scalar.text().isBlank()) {
            String text = scalar.text().trim();
            int control = PrintableText.firstControl(text);
            if (control >= 0) {
                error(node.get(), field, String.format(Locale.ROOT, "%s on one line of printable text; it holds "
                        + "control character U+%04X (a line break or terminal escape would change what a screen "
                        + "shows)", expected, (int) text.charAt(control)));
                return Optional.empty();
            }
            return Optional.of(text);
        }
        error(node.get(), field, expected);
        return Optional.empty();
    }

    /** A decimal number in [min, max] (inclusive unless {@code minExclusive}). */
    public BigDecimal requireDecimal(String field, Range range) {
        Optional<BigDecimal> value = optionalDecimal(field, range);
        if (value.isEmpty() && !mapping.entries().containsKey(field)) {
            missing(field, range.describe("a number"));
        }
        return value.orElse(range.placeholder());
    }

    public Optional<BigDecimal> optionalDecimal(String field, Range range) {
        return node(field).flatMap(node -> decimal(node, field, range));
    }

    /** Parses a number node (not a quoted string) and checks its range. */
    public Optional<BigDecimal> decimal(YamlNode node, String field, Range range) {
        if (!(node instanceof YamlNode.Scalar scalar)
                || (scalar.type() != YamlNode.ScalarType.INTEGER && scalar.type() != YamlNode.ScalarType.DECIMAL)) {
            error(node, field, range.describe("a number"));
            return Optional.empty();
        }
        if (leadingZero(node, field, scalar, range.describe("a number"))) {
            return Optional.empty();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(scalar.text().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            error(node, field, range.describe("a finite decimal number"));
            return Optional.empty();
        }
        if (!range.contains(value)) {
            error(node, field, range.describe("a number"));
            return Optional.empty();
        }
        if (value.stripTrailingZeros().scale() > range.maxDecimals()) {
            error(node, field, range.describe("a number") + ", with at most " + range.maxDecimals()
                    + " decimal places (finer than a nanosecond is a typo)");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public int requireInt(String field, long min, long max) {
        Optional<Integer> value = optionalInt(field, min, max);
        if (value.isEmpty() && !mapping.entries().containsKey(field)) {
            missing(field, "a whole number from " + min + " to " + max);
        }
        return value.orElse((int) Math.max(min, 1));
    }

    public Optional<Integer> optionalInt(String field, long min, long max) {
        Optional<YamlNode> node = node(field);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String expected = "a whole number from " + min + " to " + max;
        if (!(node.get() instanceof YamlNode.Scalar scalar) || scalar.type() != YamlNode.ScalarType.INTEGER) {
            error(node.get(), field, expected);
            return Optional.empty();
        }
        if (leadingZero(node.get(), field, scalar, expected)) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(scalar.text().trim().replace("_", ""));
            if (value < min || value > max) {
                error(node.get(), field, expected);
                return Optional.empty();
            }
            return Optional.of((int) value);
        } catch (NumberFormatException e) {
            error(node.get(), field, expected);
            return Optional.empty();
        }
    }

    public Optional<Boolean> optionalBoolean(String field) {
        Optional<YamlNode> node = node(field);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Scalar scalar && scalar.type() == YamlNode.ScalarType.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(scalar.text().trim().toLowerCase(java.util.Locale.ROOT)));
        }
        error(node.get(), field, "true or false");
        return Optional.empty();
    }

    public boolean requireBoolean(String field) {
        Optional<Boolean> value = optionalBoolean(field);
        if (value.isEmpty() && !mapping.entries().containsKey(field)) {
            missing(field, "true or false");
        }
        return value.orElse(false);
    }

    /** Reads a text field through a parser that throws {@link IllegalArgumentException} with what it expected. */
    public <T> Optional<T> parsedText(String field, String expected, Function<String, T> parse, boolean required) {
        Optional<YamlNode> node = node(field);
        if (node.isEmpty()) {
            if (required) {
                missing(field, expected);
            }
            return Optional.empty();
        }
        return parsed(node.get(), field, expected, parse);
    }

    public <T> Optional<T> parsed(YamlNode node, String field, String expected, Function<String, T> parse) {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.type() == YamlNode.ScalarType.NULL
                || scalar.type() == YamlNode.ScalarType.BOOLEAN) {
            error(node, field, expected);
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(scalar.text().trim()));
        } catch (IllegalArgumentException e) {
            error(node, field, e.getMessage() == null ? expected : e.getMessage());
            return Optional.empty();
        }
    }

    public List<YamlNode> requireList(String field, String expected) {
        Optional<YamlNode> node = node(field);
        if (node.isEmpty()) {
            missing(field, expected);
            return List.of();
        }
        if (node.get() instanceof YamlNode.Sequence sequence) {
            return sequence.items();
        }
        error(node.get(), field, expected);
        return List.of();
    }

    /**
     * Refuses {@code 012}: YAML 1.1 reads it as octal 10, YAML 1.2 and people as 12; what was meant is
     * unknowable, so neither is guessed.
     */
    private boolean leadingZero(YamlNode node, String field, YamlNode.Scalar scalar, String expected) {
        String text = scalar.text().trim();
        int digits = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.length() > digits + 1 && text.charAt(digits) == '0'
                && (Character.isDigit(text.charAt(digits + 1)) || text.charAt(digits + 1) == '_')) {
            error(node, field, expected + ", written without leading zeros (012 is octal 10 to some YAML readers, "
                    + "12 to others)");
            return true;
        }
        return false;
    }

    /** Records a problem found by the caller's own rule (a relation between fields, say). */
    public void error(YamlNode node, String field, String expected) {
        errors.add(new ValidationError(node.location(), qualified(field), display(node), expected));
    }

    public void errorAt(String field, String expected) {
        YamlNode.Entry entry = mapping.entries().get(field);
        if (entry != null) {
            error(entry.value(), field, expected);
        } else {
            errors.add(new ValidationError(mapping.location(), qualified(field), null, expected));
        }
    }

    public void missing(String field, String expected) {
        errors.add(new ValidationError(mapping.location(), qualified(field), null,
                "is missing; expected " + expected));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Reports fields nobody asked for (typos), then throws if any error was collected. */
    public void finish() throws InvalidFileException {
        checkUnknown();
        if (!errors.isEmpty()) {
            throw new InvalidFileException(errors);
        }
    }

    /** Reports unknown fields of this (nested) mapping without throwing. */
    public void checkUnknown() {
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                errors.add(new ValidationError(entry.keyLocation(), qualified(entry.key()), null,
                        "is not a known field; expected one of " + String.join(", ", known)));
            }
        }
    }

    private String qualified(String field) {
        return path + field;
    }

    private static String display(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.type() == YamlNode.ScalarType.STRING ? "\"" + PrintableText.escaped(scalar.text()) + "\""
                    : PrintableText.escaped(scalar.text());
        }
        return node.shape();
    }

    /**
     * An allowed numeric range with inclusive or exclusive ends, and the most decimal places a value
     * may have (9 by default: a nanosecond in seconds; 1.0e-400 is a typo, and its reciprocal overflows).
     */
    public record Range(BigDecimal min, boolean minExclusive, BigDecimal max, boolean maxExclusive, int maxDecimals) {
        public static final int DEFAULT_DECIMALS = 9;

        public Range(BigDecimal min, boolean minExclusive, BigDecimal max, boolean maxExclusive) {
            this(min, minExclusive, max, maxExclusive, DEFAULT_DECIMALS);
        }

        public static Range positiveUpTo(String max) {
            return new Range(BigDecimal.ZERO, true, new BigDecimal(max), false);
        }

        public static Range between(String min, String max) {
            return new Range(new BigDecimal(min), false, new BigDecimal(max), false);
        }

        /** This range with at most {@code places} decimal places (6 for milliseconds: a nanosecond). */
        public Range decimals(int places) {
            return new Range(min, minExclusive, max, maxExclusive, places);
        }

        boolean contains(BigDecimal value) {
            int low = value.compareTo(min);
            int high = value.compareTo(max);
            return (minExclusive ? low > 0 : low >= 0) && (maxExclusive ? high < 0 : high <= 0);
        }

        String describe(String what) {
            return what + (minExclusive ? " greater than " : " from ") + min.toPlainString()
                    + (minExclusive ? " and at most " : " to ") + max.toPlainString();
        }

        BigDecimal placeholder() {
            return max;
        }
    }
}
