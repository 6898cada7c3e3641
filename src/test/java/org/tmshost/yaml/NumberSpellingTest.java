package org.tmshost.yaml;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.yaml.FieldReader.Range;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers are read as written or refused: no octal guess, no value finer than a nanosecond. */
@Tag("unit")
class NumberSpellingTest {
    private static FieldReader reader(String value) throws InvalidFileException {
        return FieldReader.of(LocatedYaml.parse("f.yaml", "x: " + value + "\n"));
    }

    private static String error(FieldReader fields) {
        InvalidFileException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidFileException.class,
                fields::finish);
        return e == null ? "" : e.getMessage();
    }

    @Test
    void leadingZerosAreRefusedNotReadAsTwelveOrOctalTen() throws InvalidFileException {
        for (String value : new String[]{"012", "-012", "0_12", "00.5"}) {
            FieldReader decimal = reader(value);
            assertThat(decimal.optionalDecimal("x", Range.between("-100", "100"))).as(value).isEmpty();
            assertThat(error(decimal)).as(value).startsWith("f.yaml:1:4: field 'x' = " + value + ":")
                    .contains("without leading zeros");
        }
        FieldReader whole = reader("010");
        assertThat(whole.optionalInt("x", 0, 100)).isEmpty();
        assertThat(error(whole)).contains("field 'x' = 010: a whole number from 0 to 100, written without leading zeros");
    }

    @Test
    void zeroAndDecimalsBelowOneAreStillNumbers() throws InvalidFileException {
        for (String value : new String[]{"0", "0.5", "-0.5", "10", "1_000"}) {
            FieldReader fields = reader(value);
            assertThat(fields.optionalDecimal("x", Range.between("-1000", "1000"))).as(value).isPresent();
            assertThat(error(fields)).as(value).isEmpty();
        }
    }

    @Test
    void moreThanNineDecimalPlacesIsRefusedWithTheRule() throws InvalidFileException {
        FieldReader underflow = reader("1.0e-400");
        assertThat(underflow.optionalDecimal("x", Range.positiveUpTo("100"))).isEmpty();
        assertThat(error(underflow)).isEqualTo("f.yaml:1:4: field 'x' = 1.0e-400: a number greater than 0 and at most "
                + "100, with at most 9 decimal places (finer than a nanosecond is a typo)");
        assertThat(reader("0.000000001").optionalDecimal("x", Range.positiveUpTo("1"))).contains(new BigDecimal("0.000000001"));
        FieldReader ms = reader("0.0000001");
        assertThat(ms.optionalDecimal("x", Range.positiveUpTo("1").decimals(6))).isEqualTo(Optional.empty());
        assertThat(error(ms)).contains("with at most 6 decimal places");
    }
}
