package org.tmshost.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialMeps;
import org.tmshost.excitability.TrialPulses;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class MeasurementMepsTest {
    private static final Trial TRIAL = new Trial(4, 0, 1, TrialPulses.paired(40, 60, 2_000_000), 5_000_000_000L);

    @Test
    void theOperatorTypesEachAmplitudeAndIsAskedAgainForANonNumber() throws Exception {
        StringWriter shown = new StringWriter();
        TrialMeps meps = MeasurementMeps.operator(new BufferedReader(new StringReader("eight hundred\n-3\n812.5\n")),
                new PrintWriter(shown, true));
        assertThat(meps.microvolts(TRIAL, 0)).isEqualTo(812.5);
        assertThat(shown.toString()).contains("trial 5: MEP peak-to-peak in uV (or 'stop')?")
                .contains("a MEP amplitude is a number of uV >= 0");
    }

    @Test
    void stopOrTheEndOfInputStopsTheMeasurement() {
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThatThrownBy(() -> MeasurementMeps.operator(new BufferedReader(new StringReader("STOP\n")), out)
                .microvolts(TRIAL, 0)).isInstanceOf(MeasurementMeps.Stopped.class).hasMessageContaining("'stop' at trial 5");
        assertThatThrownBy(() -> MeasurementMeps.operator(new BufferedReader(new StringReader("")), out)
                .microvolts(TRIAL, 0)).isInstanceOf(MeasurementMeps.Stopped.class).hasMessageContaining("end of input");
    }
}
