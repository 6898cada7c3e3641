package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.FaultScenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a fault-matrix cell: a shipped fault scenario played by the simulator during a session. The
 * session must end with the scenario's cause and the exit code contracts.md §2 gives it (4 device or
 * link fault, 5 interlock abort), the device must be disarmed at the end (its event log), and the
 * record must equal the device's log pulse by pulse. A scenario that strikes at a pulse the run never
 * reaches is judged as a delivery (and shown as such).
 */
final class FaultJudgement {
    /** The cause and exit code a scenario must end a session with. */
    record Expected(String cause, int exitCode) {
        /**
         * A MagPro's protocol carries no error report: a device fault reaches the host as the device
         * disabling itself, so it ends as UNEXPECTED_DISARM there (docs/wire-protocols.md).
         */
        static Expected of(FaultScenario.Kind kind, HardwareProfile profile) {
            boolean reportsErrors = !profile.wireProtocol().equals("magventure-magpro");
            return switch (kind) {
                case LINK_DROP, GARBLE, REPLY_STALL -> new Expected("LINK_LOSS", 4);
                case DEVICE_FAULT -> reportsErrors ? new Expected("DEVICE_ERROR", 4) : new Expected("UNEXPECTED_DISARM", 4);
                case SPONTANEOUS_DISARM -> new Expected("UNEXPECTED_DISARM", 4);
                case COIL_OVER_TEMPERATURE -> new Expected("COIL_OVER_TEMPERATURE", 5);
            };
        }

        @Override
        public String toString() {
            return exitCode + " " + cause;
        }
    }

    private FaultJudgement() {
    }

    /** The pulse the scenario's first pulse-counted fault strikes at, if it has one. */
    static Optional<Integer> strikesAtPulse(FaultScenario scenario) {
        return scenario.faults().stream().flatMap(f -> f.atPulse().stream()).findFirst();
    }

    private static final java.util.regex.Pattern MAY_DELIVER =
            java.util.regex.Pattern.compile("may (?:deliver|have delivered) up to (\\d+) more pulse");

    /**
     * With the link lost the host cannot know whether its disarm arrived, and a train the device times
     * runs on past the last reply that showed it armed: the record must be what the device delivered
     * up to where the host stopped knowing, and whatever the device delivered after that no more than
     * the outcome said it might.
     */
    static List<String> ranOnWithinWhatWasSaid(List<DeliveredPulse> record, List<DeliveredPulse> device, String reason,
                                                RecordVsDeviceLog comparison) {
        java.util.regex.Matcher said = MAY_DELIVER.matcher(reason);
        int mayRunOn = said.find() ? Integer.parseInt(said.group(1)) : 0;
        int after = device.size() - record.size();
        if (after < 0 || after > mayRunOn) {
            return List.of("count: record " + record.size() + ", device " + device.size() + "; the outcome said the "
                    + "device may deliver up to " + mayRunOn + " more");
        }
        return comparison.differences(record, device.subList(0, record.size()));
    }

    static CellOutcome judge(MatrixCellRun.Observation o, FaultScenario scenario, HardwareProfile profile,
                             RecordVsDeviceLog comparison) {
        FaultScenario.Kind kind = scenario.faults().get(0).kind();
        Expected expected = Expected.of(kind, profile);
        if (o.exitCode() == 3) {
            List<String> ids = new ArrayList<>(CommandOutput.envelopeRules(o.output()));
            ids.addAll(CommandOutput.failedArmingChecks(o.output()));
            return CellOutcome.failed((CommandOutput.envelopeRules(o.output()).isEmpty() ? "NO-ARM " : "REFUSED ")
                    + String.join(",", ids), o.output().lines().filter(l -> l.startsWith("PreArm")
                    || l.contains("BLOCKED ")).toList());
        }
        if (o.session().isEmpty()) {
            return CellOutcome.failed("EXIT " + o.exitCode() + " no session", List.of(o.output()));
        }
        JsonNode s = o.session().get();
        int planned = s.get("plannedPulses").asInt();
        Optional<Integer> atPulse = strikesAtPulse(scenario);
        if (atPulse.isPresent() && atPulse.get() >= planned) {
            CellOutcome delivered = DeliveryJudgement.judge(o, comparison);
            String text = "n/a (fault at pulse " + atPulse.get() + " > " + planned + "): " + delivered.text();
            return delivered.acceptable() ? CellOutcome.acceptable(text) : CellOutcome.failed(text, delivered.details());
        }
        List<DeliveredPulse> record = DeliveredPulse.fromRecord(s);
        List<DeliveredPulse> device = o.deviceEvents().map(DeliveredPulse::fromDeviceLog).orElse(List.of());
        String cause = s.path("cause").asText("none");
        List<String> problems = new ArrayList<>();
        if (o.exitCode() != expected.exitCode() || !cause.equals(expected.cause())) {
            problems.add("ended with exit " + o.exitCode() + " " + cause + ", expected " + expected + ": "
                    + s.path("reason").asText());
        }
        // a device without a keep-alive lease (MagPro) cannot be reached to disarm once its link is
        // cut: it stays armed (docs/safety-case.md says what protects the subject); any other must not
        boolean unreachable = kind == FaultScenario.Kind.LINK_DROP && !profile.capabilities().keepAliveLease();
        if (!o.disarmedAtEnd() && !unreachable) {
            problems.add("the device was still armed after the session ended (event log)");
        }
        // a train the device times and does not report pulse by pulse: what the host knows is on record, the
        // rest is said (a Magstim's pulses are known once a later reply shows it still armed)
        boolean deviceTimed = s.path("delivery").path("strategy").asText().equals("device-timed-trains");
        List<String> differences = kind == FaultScenario.Kind.LINK_DROP || cause.equals("LINK_LOSS") || deviceTimed
                ? ranOnWithinWhatWasSaid(record, device, s.path("reason").asText(), comparison)
                : comparison.differences(record, device);
        problems.addAll(differences);
        String counts = "rec " + record.size() + " dev " + device.size();
        if (problems.isEmpty()) {
            return CellOutcome.acceptable("OK " + expected + " " + counts);
        }
        problems.add(DeliveryJudgement.deviceFaults(o));
        String text = o.exitCode() + " " + cause + " " + counts + (o.disarmedAtEnd() ? "" : " ARMED")
                + (differences.isEmpty() ? "" : " MISMATCH");
        return CellOutcome.failed(text, problems);
    }
}
