package org.tmshost.console;

import org.tmshost.yaml.Durations;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tmshost.delivery.Delivery;
import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Verdict;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.tmshost.yaml.TerminalText.of;

/** The output of {@code check} and {@code dry-run}: contracts.md §3 JSON, or text for people. */
public final class CheckOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckOutput() {
    }

    /** The contract's JSON object; {@code plan} is the timeline, with outputs only when they could be resolved. */
    public static Map<String, Object> json(String protocol, HardwareProfile profile, Protocol definition, Verdict verdict) {
        PulsePlan timeline = definition.timeline();
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("pulses", timeline.pulseCount());
        plan.put("trains", timeline.trainCount());
        plan.put("durationSeconds", timeline.durationNanos() / 1e9);
        plan.put("peakFrequencyHz", round(timeline.peakFrequencyHz(), 6));
        plan.put("maxOutputPercentMso", verdict.plan().map(PulsePlan::maxOutputPercentMso).orElse(null));
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding finding : verdict.findings()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rule", finding.ruleId());
            f.put("severity", finding.severity().name());
            f.put("message", finding.message());
            f.put("citation", finding.citation());
            findings.add(f);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("protocol", protocol);
        root.put("profile", profile.name());
        root.put("plan", plan);
        delivery(profile, definition, verdict).ifPresent(d -> {
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("strategy", d.strategy().jsonName());
            delivery.put("hostStarts", d.hostStarts());
            d.train().ifPresent(t -> {
                delivery.put("pulsesPerTrain", t.pulses());
                delivery.put("trainFrequencyHz", round(1e9 / t.intervalNanos(), 6));
            });
            root.put("delivery", delivery);
        });
        root.put("verdict", verdict.name());
        root.put("findings", findings);
        return root;
    }

    public static void printJson(PrintWriter out, Map<String, Object> root) {
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How the plan reaches the device; empty when it cannot ({@code delivery.path} then says why). */
    static Optional<Delivery> delivery(HardwareProfile profile, Protocol definition, Verdict verdict) {
        return DeliveryPlanner.choose(verdict.plan().orElseGet(definition::timeline), definition.kind(), profile)
                instanceof DeliveryChoice.Chosen chosen ? Optional.of(chosen.delivery()) : Optional.empty();
    }

    public static void printText(PrintWriter out, String protocolName, HardwareProfile profile, Protocol definition,
                          Verdict verdict) {
        PulsePlan timeline = definition.timeline();
        out.printf(Locale.ROOT, "%s (%s) on %s%n", of(definition.name()), of(protocolName), of(profile.name()));
        out.printf(Locale.ROOT, "  plan: %d pulses in %d train(s), %s, peak %.4g Hz, max output %s%n",
                timeline.pulseCount(), timeline.trainCount(), Durations.human(timeline.durationNanos()),
                timeline.peakFrequencyHz(),
                verdict.plan().map(p -> p.maxOutputPercentMso() + "% MSO").orElse("unknown"));
        delivery(profile, definition, verdict).ifPresent(d -> out.printf(Locale.ROOT, "  delivery: %s%n", d.describe()));
        out.printf(Locale.ROOT, "  verdict: %s%n", verdict.name());
        for (Finding finding : verdict.findings()) {
            out.printf(Locale.ROOT, "  %-14s %s: %s%n      source: %s%n", finding.severity().name(), finding.ruleId(),
                    finding.message(), finding.citation());
        }
        switch (verdict.level()) {
            case BLOCKED -> out.println("  This plan cannot be delivered. Change the protocol or the intensity.");
            case NEEDS_OVERRIDE -> out.println("  Beyond published guidance: a supervisor must approve each "
                    + "NEEDS_OVERRIDE finding, with a reason, before a session can arm.");
            default -> out.println("  Within the safety envelope.");
        }
    }

    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
