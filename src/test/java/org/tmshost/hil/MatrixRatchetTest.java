package org.tmshost.hil;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The matrices' ratchet: it holds today's failures and tightens as fixes land, never the other way. */
@Tag("unit")
class MatrixRatchetTest {
    private static final CellOutcome OK = CellOutcome.acceptable("OK 2/2");
    private static final CellOutcome BROKEN = CellOutcome.failed("MISMATCH rec 2 dev 1", List.of("count"));

    private static MatrixRatchet.Cell runs(CellOutcome... outcomes) {
        Iterator<CellOutcome> next = List.of(outcomes).iterator();
        return next::next;
    }

    @Test
    void anUnlistedCellThatFailsFailsTheBuild() throws Exception {
        MatrixRatchet ratchet = new MatrixRatchet(Map.of());
        ratchet.run("p / x", runs(BROKEN));
        assertThat(ratchet.violations()).singleElement().asString().startsWith("p / x: MISMATCH");
    }

    @Test
    void aListedCellThatStillFailsIsShownAndMarked() throws Exception {
        MatrixRatchet ratchet = new MatrixRatchet(Map.of("p / x", "issue 11: why"));
        assertThat(ratchet.run("p / x", runs(BROKEN))).isEqualTo("MISMATCH rec 2 dev 1 *");
        assertThat(ratchet.violations()).isEmpty();
    }

    @Test
    void aListedCellThatPassesEveryRunMustLeaveTheList() throws Exception {
        MatrixRatchet ratchet = new MatrixRatchet(Map.of("p / x", "issue 11: why"));
        ratchet.run("p / x", runs(OK, OK, OK, OK, OK));
        assertThat(ratchet.violations()).singleElement().asString().contains("remove it from KNOWN_OPEN");
    }

    @Test
    void aListedCellThatPassesOnlySometimesStaysOpen() throws Exception {
        MatrixRatchet ratchet = new MatrixRatchet(Map.of("p / x", "issue 11: why"));
        assertThat(ratchet.run("p / x", runs(OK, OK, BROKEN))).isEqualTo("MISMATCH rec 2 dev 1 (passed 2x first) *");
        assertThat(ratchet.violations()).isEmpty();
    }

    @Test
    void aListedCellThatIsNotInTheMatrixIsStale() {
        assertThat(new MatrixRatchet(Map.of("gone / x", "issue 11: why")).violations())
                .containsExactly("KNOWN_OPEN names no cell of the matrix: gone / x");
    }

    @Test
    void anIntermittentCellIsShownEitherWayAndNeverFailsTheBuild() throws Exception {
        MatrixRatchet ratchet = new MatrixRatchet(Map.of(), Map.of("p / x", "issue 11: link jitter"));
        assertThat(ratchet.run("p / x", runs(BROKEN))).isEqualTo("MISMATCH rec 2 dev 1 ~");
        assertThat(ratchet.run("p / x", runs(OK))).endsWith(" ~");
        assertThat(ratchet.violations()).isEmpty();
        assertThat(ratchet.details()).singleElement().asString().contains("intermittent: issue 11: link jitter");
    }
}
