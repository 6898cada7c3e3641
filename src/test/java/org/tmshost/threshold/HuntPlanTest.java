package org.tmshost.threshold;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceUri;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class HuntPlanTest {
    private static final HuntPlan.MepInputs SUBJECT_AT_50 = new HuntPlan.MepInputs() {
        @Override
        public MepSource operator(MepCriterion criterion, ThresholdMethod evidence) {
            return MepSource.ofAmplitudes(i -> 0);
        }

        @Override
        public HuntPlan.VirtualSubject virtual(String name, long seed) {
            return new HuntPlan.VirtualSubject("flat", "flat subject", MepSource.ofAmplitudes(i -> 0), uv -> 50);
        }
    };

    private static HuntPlan plan(String device, String method, String mep, Double start) throws Exception {
        HardwareProfile simulator = HardwareProfiles.load("simulator");
        return HuntPlan.of(new HuntPlan.Request("rmt", method, null, start, null, mep, null, null, false),
                DeviceUri.parse(device), simulator, SUBJECT_AT_50);
    }

    @Test
    void theMethodsAreTheEnumsKeywordsInTheOrderOffered() {
        assertThat(HuntMethod.keywords()).containsExactly("mlpest", "rossini", "two-threshold", "samt");
        assertThat(HuntMethod.ofKeyword("MLPEST")).contains(HuntMethod.ML_PEST);
        assertThat(HuntMethod.ofKeyword("pest")).isEmpty();
    }

    @Test
    void aVirtualSubjectStartsAt120PercentOfItsThresholdWithTheDefaults() throws Exception {
        try (HuntPlan plan = plan("sim:simulator", "mlpest", "virtual", null)) {
            assertThat(plan.kind()).isEqualTo(ThresholdKind.RMT);
            assertThat(plan.criterion()).isEqualTo(MepCriterion.RMT_50_UV);
            assertThat(plan.start()).isEqualTo(60);
            assertThat(plan.cap()).isEqualTo(HuntPlan.DEFAULT_CAP);
            assertThat(plan.hunt().method()).isEqualTo(HuntMethod.ML_PEST);
            assertThat(plan.mepDescription()).isEqualTo("flat subject");
        }
    }

    @Test
    void refusesWhatAHuntCannotBe() {
        assertThatThrownBy(() -> plan("sim:simulator", "samt", "operator", 60.0))
                .isInstanceOf(HuntPlan.Refused.class)
                .hasMessageContaining("another method (mlpest, rossini, two-threshold)");
        assertThatThrownBy(() -> plan("tcp://127.0.0.1:9?profile=simulator", "mlpest", "virtual", null))
                .isInstanceOf(HuntPlan.Refused.class).hasMessageStartingWith("--mep virtual is a simulated subject");
        assertThatThrownBy(() -> plan("sim:simulator", "pest", "operator", 60.0))
                .isInstanceOf(HuntPlan.Refused.class)
                .hasMessage("threshold hunt needs --algorithm mlpest|rossini|two-threshold|samt, not 'pest'");
    }
}
