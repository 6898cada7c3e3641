package org.tmshost.hil;

import java.util.List;

/**
 * What one matrix cell came to: the short text shown in the table, whether the cell is acceptable
 * (refused by a named rule before arming, or delivered with the record equal to the device log),
 * and the details printed under the table when it is not.
 */
record CellOutcome(String text, boolean acceptable, List<String> details) {
    static CellOutcome acceptable(String text) {
        return new CellOutcome(text, true, List.of());
    }

    static CellOutcome failed(String text, List<String> details) {
        return new CellOutcome(text, false, List.copyOf(details));
    }
}
