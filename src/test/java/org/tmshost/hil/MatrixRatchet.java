package org.tmshost.hil;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ratchet over a matrix's cells: a cell outside the known-open list must be acceptable; a
 * known-open cell must still fail (else the list is stale and must shrink); every known-open key
 * must name a cell that ran. A known-open cell leaves the list only by passing
 * {@value #RUNS_TO_LEAVE} runs in a row: some open cells fail intermittently, and one lucky pass
 * must not fail the build nor take a cell off the list.
 */
final class MatrixRatchet {
    static final int RUNS_TO_LEAVE = 5;

    /** One run of a cell. */
    interface Cell {
        CellOutcome run() throws Exception;
    }

    private final Map<String, String> knownOpen;
    private final Map<String, String> intermittent;
    private final List<String> seen = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    MatrixRatchet(Map<String, String> knownOpen) {
        this(knownOpen, Map.of());
    }

    /**
     * @param intermittent cells whose outcome depends on this machine's scheduling (each with why):
     *                     run once and shown (marked {@code ~}), their failure details printed, never a
     *                     violation either way; a cell is not in both maps
     */
    MatrixRatchet(Map<String, String> knownOpen, Map<String, String> intermittent) {
        this.knownOpen = knownOpen;
        this.intermittent = intermittent;
        intermittent.keySet().stream().filter(knownOpen::containsKey).findFirst().ifPresent(cell -> {
            throw new IllegalArgumentException(cell + " is both known open and intermittent");
        });
    }

    /** Runs the cell (again, while a known-open cell keeps passing); returns its table text. */
    String run(String name, Cell cell) throws Exception {
        CellOutcome outcome = cell.run();
        for (int passes = 1; knownOpen.containsKey(name) && outcome.acceptable() && passes < RUNS_TO_LEAVE; passes++) {
            CellOutcome again = cell.run();
            if (!again.acceptable()) {
                outcome = CellOutcome.failed(again.text() + " (passed " + passes + "x first)", again.details());
            }
        }
        return mark(name, outcome);
    }

    /** Records the cell's outcome; returns its table text ({@code *} marks a known-open cell). */
    private String mark(String cell, CellOutcome outcome) {
        seen.add(cell);
        System.out.println("matrix cell " + cell + ": " + outcome.text());
        if (intermittent.containsKey(cell)) {
            if (!outcome.acceptable()) {
                details.add("  " + cell + ": " + outcome.text() + " [intermittent: " + intermittent.get(cell) + "]"
                        + (outcome.details().isEmpty() ? "" : "\n      " + String.join("\n      ",
                        outcome.details().stream().limit(4).toList())));
            }
            return outcome.text() + " ~";
        }
        boolean known = knownOpen.containsKey(cell);
        if (known && outcome.acceptable()) {
            violations.add(cell + " now passes (" + outcome.text() + ", " + RUNS_TO_LEAVE
                    + " runs in a row): remove it from KNOWN_OPEN");
        } else if (!known && !outcome.acceptable()) {
            violations.add(cell + ": " + outcome.text() + " " + outcome.details());
        }
        if (!outcome.acceptable()) {
            details.add("  " + cell + ": " + outcome.text() + (known ? " [known open: " + knownOpen.get(cell) + "]" : "")
                    + (outcome.details().isEmpty() ? "" : "\n      " + String.join("\n      ",
                    outcome.details().stream().limit(4).toList())));
        }
        return known ? outcome.text() + " *" : outcome.text();
    }

    List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        knownOpen.keySet().stream().filter(k -> !seen.contains(k))
                .forEach(k -> all.add("KNOWN_OPEN names no cell of the matrix: " + k));
        intermittent.keySet().stream().filter(k -> !seen.contains(k))
                .forEach(k -> all.add("INTERMITTENT names no cell of the matrix: " + k));
        return all;
    }

    List<String> details() {
        return details;
    }
}
