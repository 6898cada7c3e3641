package org.tmshost.record;

/**
 * Text from the record as a CSV cell a spreadsheet opens safely. A cell that begins with
 * {@code = + - @}, a tab or a carriage return is a formula to Excel and LibreOffice (a subject id
 * {@code =HYPERLINK(...)} written with sqlite3 would run when a lab opens the export): such a cell
 * gets a leading apostrophe, which a spreadsheet shows as text. A cell that already begins with an
 * apostrophe gets one more, so the guard is undone exactly by dropping one leading apostrophe where
 * there is one followed by one of these characters or another apostrophe. Numbers are never text
 * cells and never guarded (a negative lateness stays {@code -12.5}).
 */
public final class SpreadsheetText {
    private SpreadsheetText() {
    }

    public static String guarded(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + text;
            default -> text;
        };
    }
}
