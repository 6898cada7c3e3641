package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Judges a delivery-matrix cell. Acceptable are exactly two outcomes: the envelope refused the plan
 * (exit 3) with a finding that names its rule, and the device was never armed; or the session
 * completed (exit 0), every planned pulse is in the record, the record equals the device's log pulse
 * by pulse, and the device was disarmed at the end. A failed arming check on a healthy simulated
 * device is not a refusal by a rule about the plan: it is a defect ({@code NO-ARM}).
 */
final class DeliveryJudgement {
    private DeliveryJudgement() {
    }

    static CellOutcome judge(MatrixCellRun.Observation o, RecordVsDeviceLog comparison) {
        List<DeliveredPulse> device = o.deviceEvents().map(DeliveredPulse::fromDeviceLog).orElse(List.of());
        if (o.exitCode() == 3) {
            List<String> rules = CommandOutput.envelopeRules(o.output());
            List<String> checks = CommandOutput.failedArmingChecks(o.output());
            if (!rules.isEmpty()) {
                return o.deviceArmed() || !device.isEmpty()
                        ? CellOutcome.failed("ARMED-THOUGH-REFUSED " + String.join(",", rules), List.of(o.output()))
                        : CellOutcome.acceptable("REFUSED " + rules.get(0) + (rules.size() > 1
                        ? "+" + (rules.size() - 1) : ""));
            }
            if (!checks.isEmpty()) {
                return CellOutcome.failed("NO-ARM " + String.join(",", checks), lines(o.output(), "PreArm"));
            }
            return CellOutcome.failed("EXIT 3 no rule named", List.of(o.output()));
        }
        Optional<JsonNode> session = o.session();
        if (session.isEmpty()) {
            return CellOutcome.failed("EXIT " + o.exitCode() + " no session", List.of(o.output()));
        }
        JsonNode s = session.get();
        List<DeliveredPulse> record = DeliveredPulse.fromRecord(s);
        int planned = s.get("plannedPulses").asInt();
        String counts = "rec " + record.size() + " dev " + (o.deviceEvents().isPresent() ? device.size()
                : s.path("deviceReportedPulses").asText("?") + " (count)");
        if (o.exitCode() != 0) {
            return CellOutcome.failed(s.get("state").asText() + " " + s.path("cause").asText("?") + " " + counts,
                    List.of("exit " + o.exitCode() + ": " + s.path("reason").asText(), deviceFaults(o)));
        }
        if (!o.disarmedAtEnd()) {
            return CellOutcome.failed("LEFT-ARMED " + counts, List.of("the device was still armed after the run"));
        }
        List<String> differences = new ArrayList<>();
        if (record.size() != planned) {
            differences.add("record holds " + record.size() + " of " + planned + " planned pulses");
        }
        if (o.deviceEvents().isEmpty()) {
            // sim: devices write no event log; the device's own pulse count is the only ground truth
            int reported = s.path("deviceReportedPulses").asInt(-1);
            if (reported != record.size()) {
                differences.add("device counted " + reported + ", record " + record.size());
            }
            return differences.isEmpty() ? CellOutcome.acceptable("OK " + record.size() + "/" + planned + " (count)")
                    : CellOutcome.failed("MISMATCH " + counts, differences);
        }
        differences.addAll(comparison.differences(record, device));
        if (differences.isEmpty()) {
            return CellOutcome.acceptable("OK " + record.size() + "/" + planned);
        }
        differences.add(0, deviceFaults(o));
        return CellOutcome.failed(record.size() == device.size() ? "MISMATCH " + counts + ": " + firstWord(differences)
                : "MISMATCH " + counts, differences);
    }

    /** The device's own complaints (refused pulses, rejected commands), counted by code. */
    static String deviceFaults(MatrixCellRun.Observation o) {
        Map<String, Integer> codes = new TreeMap<>();
        o.deviceEvents().orElse(List.of()).stream().filter(e -> e.get("event").asText().equals("fault"))
                .forEach(e -> codes.merge(e.get("code").asText(), 1, Integer::sum));
        return o.deviceEvents().isEmpty() ? "device log: none (sim: device)"
                : "device faults: " + (codes.isEmpty() ? "none" : codes.toString());
    }

    private static String firstWord(List<String> differences) {
        String first = differences.stream().filter(d -> d.matches("(count|order|output|channel|time)\\b.*"))
                .findFirst().orElse(differences.get(0));
        return first.split("[ :]")[0];
    }

    private static List<String> lines(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
