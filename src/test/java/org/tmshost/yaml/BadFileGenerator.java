package org.tmshost.yaml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bad (and some good) data files made from a valid one, from a fixed seed: wrong types, out-of-range
 * and oddly written numbers, leading zeros, odd encodings, YAML bombs, deep nesting and random edits.
 * What each one holds is in its name, so that a failure says which file broke what.
 */
final class BadFileGenerator {
    /** Numbers as a typo or a malicious file writes them. */
    static final List<String> ODD_NUMBERS = List.of("012", "00", "-07", "0_9", "1.0e-400", "1e400", "-1e400", ".nan",
            ".NaN", ".inf", "-.inf", "-1", "0", "99999999999999999999", "9223372036854775808", "0x1F", "0o17", "0b101",
            "1_000", "0.0000000001", "1e-9", "3.5", "2147483648", "1e2147483648", "+12", "1:30", "12.", "true", "~",
            "\"10\"", "[1, 2]", "{a: 1}", "null", "''", "1e-10", "0.1234567891", "123456789012345678901234567890");

    record BadFile(String name, byte[] bytes) {
    }

    private final Random random;

    BadFileGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} random edits of {@code base} (one each): a number replaced, a line lost, bytes inserted... */
    List<BadFile> mutations(String label, String base, int count) {
        var files = new ArrayList<BadFile>();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(8);
            String text = switch (kind) {
                case 0, 1 -> replaceValue(base, ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size())));
                case 2 -> dropLine(base);
                case 3 -> duplicateLine(base);
                case 4 -> base.substring(0, random.nextInt(base.length()));
                case 5 -> insert(base, List.of("\t", ": ", "- ", "{", "[", "\"", "'", "&a ", "*a", "!!binary ",
                        "? ", "|\n", ">\n", "#", "%YAML 1.1\n", "---\n", "...\n").get(random.nextInt(17)));
                case 6 -> reindent(base);
                default -> replaceValue(base, "\"" + "x".repeat(random.nextInt(300)) + "\"");
            };
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (kind == 4 && random.nextBoolean() && bytes.length > 0) { // a random byte, often not UTF-8
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            files.add(new BadFile(label + "-mutation-" + i + ".yaml", bytes));
        }
        return files;
    }

    /** Every scalar value in turn replaced by a wrong type or an odd number (at most {@code count}). */
    List<BadFile> wrongValues(String label, String base, int count) {
        var files = new ArrayList<BadFile>();
        List<String> lines = base.lines().toList();
        int made = 0;
        for (int line = 0; line < lines.size() && made < count; line++) {
            String current = lines.get(line);
            int colon = current.indexOf(": ");
            if (colon < 0 || current.trim().startsWith("#")) {
                continue;
            }
            String value = ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size()));
            var edited = new ArrayList<>(lines);
            edited.set(line, current.substring(0, colon + 2) + value);
            files.add(new BadFile(label + "-line" + (line + 1) + "-value.yaml",
                    (String.join("\n", edited) + "\n").getBytes(StandardCharsets.UTF_8)));
            made++;
        }
        return files;
    }

    /** The same text in encodings other than UTF-8, with marks, invalid and control bytes. */
    static List<BadFile> encodings(String label, String base) {
        String accented = base.replaceFirst("name: ", "name: Müller ");
        byte[] utf8 = accented.getBytes(StandardCharsets.UTF_8);
        var files = new ArrayList<BadFile>();
        files.add(new BadFile(label + "-latin1.yaml", accented.getBytes(StandardCharsets.ISO_8859_1)));
        files.add(new BadFile(label + "-utf16-bom.yaml", accented.getBytes(StandardCharsets.UTF_16)));
        files.add(new BadFile(label + "-utf16le.yaml", accented.getBytes(StandardCharsets.UTF_16LE)));
        files.add(new BadFile(label + "-utf16be.yaml", accented.getBytes(StandardCharsets.UTF_16BE)));
        files.add(new BadFile(label + "-utf8-bom.yaml", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8)));
        files.add(new BadFile(label + "-invalid-bytes.yaml", concat(utf8, new byte[]{'#', ' ', (byte) 0xC3, 0x28, '\n'})));
        files.add(new BadFile(label + "-truncated-utf8.yaml", concat(utf8, new byte[]{'#', (byte) 0xE2, (byte) 0x82})));
        files.add(new BadFile(label + "-nul.yaml", concat(utf8, new byte[]{0, '\n'})));
        files.add(new BadFile(label + "-bell.yaml", accented.replaceFirst("name: ", "name: \u0007").getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-escape.yaml", accented.replaceFirst("name: ", "name: \u001b[2J").getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    /** Billion laughs, anchors, merge keys, recursion and nesting far past anything tmshost reads. */
    static List<BadFile> bombs(String label, String base) {
        var laughs = new StringBuilder(base).append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char previous = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(previous).append(",*").append(previous)
                    .append(",*").append(previous).append(",*").append(previous).append("]\n");
        }
        var files = new ArrayList<BadFile>();
        files.add(new BadFile(label + "-billion-laughs.yaml", laughs.toString().getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-anchor-alias.yaml", (base.replaceFirst("name: ", "name: &n ") + "citation2: *n\n")
                .getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-merge-key.yaml", ("base: &b {x: 1}\n" + base + "<<: *b\n").getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-recursive.yaml", (base + "loop: &l [*l]\n").getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-deep-flow.yaml", (base + "deep: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-deep-flow-maps.yaml", (base + "deep: " + "{a: ".repeat(20_000) + "1" + "}".repeat(20_000) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        var block = new StringBuilder(base);
        for (int depth = 0; depth < 2_000; depth++) {
            block.append(" ".repeat(depth)).append("k").append(depth).append(":\n");
        }
        block.append(" ".repeat(2_000)).append("v: 1\n");
        files.add(new BadFile(label + "-deep-block.yaml", block.toString().getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-two-documents.yaml", (base + "---\n" + base).getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-empty.yaml", new byte[0]));
        files.add(new BadFile(label + "-list-root.yaml", "- a\n- b\n".getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-long-line.yaml", (base + "# " + "x".repeat(900_000) + "\n").getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-long-scalar.yaml", base.replaceFirst("name: ", "name: " + "y".repeat(900_000))
                .getBytes(StandardCharsets.UTF_8)));
        files.add(new BadFile(label + "-many-keys.yaml", (base + "extra:\n" + manyKeys(30_000)).getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    private static String manyKeys(int count) {
        var keys = new StringBuilder();
        for (int i = 0; i < count; i++) {
            keys.append("  k").append(i).append(": ").append(i).append('\n');
        }
        return keys.toString();
    }

    private String replaceValue(String base, String value) {
        List<String> lines = base.lines().toList();
        var candidates = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(": ") && !lines.get(i).trim().startsWith("#")) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return base + value;
        }
        int line = candidates.get(random.nextInt(candidates.size()));
        var edited = new ArrayList<>(lines);
        String current = edited.get(line);
        edited.set(line, current.substring(0, current.indexOf(": ") + 2) + value);
        return String.join("\n", edited) + "\n";
    }

    private String dropLine(String base) {
        var lines = new ArrayList<>(base.lines().toList());
        lines.remove(random.nextInt(lines.size()));
        return String.join("\n", lines) + "\n";
    }

    private String duplicateLine(String base) {
        var lines = new ArrayList<>(base.lines().toList());
        int line = random.nextInt(lines.size());
        lines.add(line, lines.get(line));
        return String.join("\n", lines) + "\n";
    }

    private String insert(String base, String what) {
        int at = random.nextInt(base.length() + 1);
        return base.substring(0, at) + what + base.substring(at);
    }

    private String reindent(String base) {
        var lines = new ArrayList<>(base.lines().toList());
        int line = random.nextInt(lines.size());
        lines.set(line, " ".repeat(1 + random.nextInt(6)) + lines.get(line));
        return String.join("\n", lines) + "\n";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
