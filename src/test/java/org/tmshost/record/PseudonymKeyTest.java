package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a study key derives: pseudonyms, date shifts (never 0), record ids and its check value. */
@Tag("unit")
class PseudonymKeyTest {
    private static final String HEX = "3f1c9a0b7e5d4c2a1908f6e7d5c4b3a29180f7e6d5c4b3a2f1e0d9c8b7a69584";
    private final PseudonymKey key = PseudonymKey.of(HEX, "test");

    @Test
    void shiftsAreWholeDaysInTheWindowNeverZeroAndSpanIt() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            int shift = key.shiftDays("p" + i);
            assertThat(shift).isBetween(-180, 180).isNotZero();
            seen.add(shift);
        }
        assertThat(seen).hasSize(360).contains(-180, -1, 1, 180);
    }

    @Test
    void oneIdOneKeyOnePseudonymAndTheShiftIsNotDerivableFromIt() {
        assertThat(key.pseudonym("p7")).matches("s-[0-9a-f]{16}").isEqualTo(PseudonymKey.of(HEX.toUpperCase(), "t")
                .pseudonym("p7")).isNotEqualTo(key.pseudonym("p8"));
        assertThat(key.shiftDays("p7")).isEqualTo(PseudonymKey.of(HEX, "again").shiftDays("p7"));
        String other = "0011223344556677889900aabbccddeeff00112233445566778899aabbccddee";
        assertThat(PseudonymKey.of(other, "t").pseudonym("p7")).isNotEqualTo(key.pseudonym("p7"));
        assertThat(key.recordId("ses-", "store-a", "session", 1)).matches("ses-[0-9a-f]{12}")
                .isNotEqualTo(key.recordId("ses-", "store-b", "session", 1))
                .isNotEqualTo(key.recordId("ses-", "store-a", "session", 2));
        assertThat(key.check()).hasSize(16).isNotEqualTo(HEX.substring(0, 16));
        assertThat(key.toString()).doesNotContain(HEX.substring(0, 8));
    }

    @Test
    void aKeyIsAtLeast32BytesOfHex() {
        assertThatThrownBy(() -> PseudonymKey.of(HEX.substring(0, 62), "k"))
                .hasMessage("k: the key is 31 bytes; at least 32 bytes (64 hex digits) are needed");
        assertThatThrownBy(() -> PseudonymKey.of(HEX.substring(1), "k")).hasMessageContaining("not a key");
        assertThatThrownBy(() -> PseudonymKey.of("", "k")).hasMessageContaining("the key is 0 bytes");
        assertThat(PseudonymKey.of(HEX + HEX, "k").pseudonym("p7")).isNotEqualTo(key.pseudonym("p7"));
    }
}
