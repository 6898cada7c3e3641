package org.tmshost.record;

import org.tmshost.yaml.PrintableText;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A subject's id as the record keys it: one subject, one id. {@code Q1}, {@code "Q1 "}, {@code " q1"}
 * and a full-width {@code Q１} once each escaped the dose ledger of subject {@code Q1}; every door
 * (command line, console, the record store itself) now reads an id through {@link #of}.
 *
 * <p>Normalised as Unicode NFKC, trimmed, then case-folded: NFKC, {@code toLowerCase(Locale.ROOT)},
 * NFKC again, an approximation of Unicode's NFKC_Casefold that agrees with it on every letter a
 * lab's id scheme uses. A control or format character anywhere, or whitespace inside, is always
 * refused; the site's pattern ({@code subjectIdPattern} in the site policy) is checked on the
 * normalised id where the policy is known ({@link #of(String, Pattern)}).
 */
public record SubjectId(String value) {

    public SubjectId {
        if (!normalise(value).equals(value)) {
            throw new IllegalArgumentException("not a normalised subject id: " + PrintableText.escaped(value));
        }
    }

    /** {@code raw} normalised, refused if it holds a control character or inner whitespace, or is blank. */
    public static SubjectId of(String raw) {
        if (raw == null) {
            throw new SubjectIdRefused("a subject id is required");
        }
        int control = PrintableText.firstControl(raw);
        if (control >= 0) {
            throw new SubjectIdRefused(String.format(Locale.ROOT, "subject id \"%s\" refused: it holds the control "
                    + "character U+%04X; an id is letters, digits and the site's separators", PrintableText.escaped(raw),
                    (int) raw.charAt(control)));
        }
        String id = normalise(raw);
        if (id.isEmpty()) {
            throw new SubjectIdRefused("a subject id cannot be blank");
        }
        if (id.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw new SubjectIdRefused("subject id \"" + raw + "\" refused: it holds a space inside; an id is one word");
        }
        return new SubjectId(id);
    }

    /** As {@link #of(String)}, and the normalised id must match the site's {@code pattern} as a whole. */
    public static SubjectId of(String raw, Pattern pattern) {
        SubjectId id = of(raw);
        if (!pattern.matcher(id.value).matches()) {
            throw new SubjectIdRefused("subject id \"" + raw + "\" (normalised \"" + id.value + "\") refused: it does "
                    + "not match the site policy's subjectIdPattern " + pattern.pattern());
        }
        return id;
    }

    /**
     * NFKC, trimmed, case-folded; nothing is refused here. The migration to schema 6 rewrites stored
     * ids with it, so it never changes once ids are stored with it: {@code normalise(normalise(x))}
     * equals {@code normalise(x)}.
     */
    static String normalise(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        return Normalizer.normalize(nfkc.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC).strip();
    }

    /**
     * The id with look-alike characters mapped together (0 o, 1 l i, 5 s, 8 b, 2 z) and the
     * separators {@code - _ .} dropped: two different ids with one skeleton are near-duplicates (a
     * typo or a misread label away from each other), while sequential ids (p001, p002) are not.
     */
    public String skeleton() {
        return skeleton(value);
    }

    static String skeleton(String id) {
        StringBuilder out = new StringBuilder(id.length());
        id.codePoints().forEach(c -> {
            switch (c) {
                case '-', '_', '.' -> { }
                case '0' -> out.append('o');
                case '1', 'i' -> out.append('l');
                case '5' -> out.append('s');
                case '8' -> out.append('b');
                case '2' -> out.append('z');
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
