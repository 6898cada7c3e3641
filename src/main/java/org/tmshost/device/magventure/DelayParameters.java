package org.tmshost.device.magventure;

import java.util.ArrayList;
import java.util.List;

/**
 * Trigger and charge delays (command 0x0A in pytms, 0x08 in MAGIC).
 *
 * @param inputTriggerTenthsMs  delay from an external trigger to the pulse, x10: 0..65000 (0..6500 ms)
 * @param outputTriggerTenthsMs delay from the pulse to the trigger output, x10, signed: -1000..1000
 * @param chargeDelayMs         wait before recharging: 0..12000 ms
 */
public record DelayParameters(int inputTriggerTenthsMs, int outputTriggerTenthsMs, int chargeDelayMs) {
    public List<String> problems() {
        var problems = new ArrayList<String>();
        if (inputTriggerTenthsMs < 0 || inputTriggerTenthsMs > 65000) {
            problems.add("input trigger delay " + inputTriggerTenthsMs / 10.0 + " ms: expected 0..6500 ms");
        }
        if (outputTriggerTenthsMs < -1000 || outputTriggerTenthsMs > 1000) {
            problems.add("output trigger delay " + outputTriggerTenthsMs / 10.0 + " ms: expected -100..100 ms");
        }
        if (chargeDelayMs < 0 || chargeDelayMs > 12000) {
            problems.add("charge delay " + chargeDelayMs + " ms: expected 0..12000 ms");
        }
        return problems;
    }
}
