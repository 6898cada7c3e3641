package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One pulse as a side of the delivery matrix sees it: the host's record ({@code sessions show --json},
 * time from the session's t0) or the simulator's event log (time on the simulator's clock). The two
 * clocks have different origins, so only times relative to the first pulse are compared.
 */
record DeliveredPulse(int index, long atNanos, int outputPercentMso, int channel) {

    /**
     * The delivered {@code pulses} of {@code sessions show ID --json}, in record order: a pulse the
     * record marks {@code "confirmed": false} (refused by the device, or never reported by a device
     * that reports every pulse) is a deviation the record shows, not a delivered pulse.
     */
    static List<DeliveredPulse> fromRecord(JsonNode session) {
        List<DeliveredPulse> pulses = new ArrayList<>();
        for (JsonNode p : session.path("pulses")) {
            if (p.path("confirmed").isBoolean() && !p.get("confirmed").asBoolean()) {
                continue;
            }
            pulses.add(new DeliveredPulse(p.get("index").asInt(), p.get("fired").asLong(),
                    p.get("outputPercentMso").asInt(), p.get("channel").asInt()));
        }
        return pulses;
    }

    /** The {@code pulse} events of {@code simulate --log}, in log order. */
    static List<DeliveredPulse> fromDeviceLog(List<JsonNode> events) {
        List<DeliveredPulse> pulses = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.get("event").asText().equals("pulse")) {
                pulses.add(new DeliveredPulse(e.get("index").asInt(), e.get("atNanos").asLong(),
                        e.get("outputPercentMso").asInt(), e.get("channel").asInt()));
            }
        }
        return pulses;
    }
}
