package org.tmshost.excitability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A measurement's results as JSON (contracts.md §7): per condition {@code n}, {@code meanMicrovolts},
 * {@code medianMicrovolts}, {@code ratio} (conditioned / test alone), {@code ci95} {@code [lo, hi]};
 * for a recruitment curve the Boltzmann fit's {@code mepMaxMicrovolts}, {@code s50PercentMso} and
 * {@code slope} with their intervals, or {@code fitRefused}; and every trial as given. The record
 * keeps this text, so what {@code excitability show} and the course report read is what was printed.
 */
public final class MeasurementJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MeasurementJson() {
    }

    public static ObjectNode of(MeasurementResult result) {
        MeasurementPlan plan = result.plan();
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", plan.kind().label());
        root.put("trialsPerCondition", plan.trialsPerCondition());
        root.put("rmtPercentMso", plan.rmtPercentMso());
        if (plan.kind() == MeasurementKind.PAIRED_PULSE) {
            root.put("conditioningPercentRmt", plan.conditioningPercentRmt());
            root.put("testPercentRmt", plan.testPercentRmt());
        }
        root.put("seed", plan.seed());
        root.put("trialsGiven", result.readings().size());
        ArrayNode conditions = root.putArray("conditions");
        for (ConditionSummary c : result.conditions()) {
            ObjectNode n = conditions.addObject();
            n.put("name", c.condition().name());
            c.condition().isiMs().ifPresentOrElse(isi -> n.put("isiMs", isi), () -> n.putNull("isiMs"));
            c.condition().intensityPercentRmt().ifPresent(p -> n.put("intensityPercentRmt", p));
            n.put("testPercentMso", c.outputPercentMso());
            n.put("n", c.n());
            number(n, "meanMicrovolts", c.meanMicrovolts());
            number(n, "medianMicrovolts", c.medianMicrovolts());
            c.ratio().ifPresentOrElse(r -> number(n, "ratio", r), () -> n.putNull("ratio"));
            c.ci95().ifPresentOrElse(ci -> interval(n, "ci95", ci), () -> n.putNull("ci95"));
            ArrayNode outliers = n.putArray("outlierTrials");
            c.outlierTrials().forEach(outliers::add);
        }
        result.fit().ifPresent(outcome -> {
            if (outcome instanceof BoltzmannFit.Fitted fitted) {
                BoltzmannFit f = fitted.fit();
                ObjectNode fit = root.putObject("fit");
                number(fit, "mepMaxMicrovolts", f.mepMaxMicrovolts());
                interval(fit, "mepMaxCi95", f.mepMaxCi95());
                number(fit, "s50PercentMso", f.s50PercentMso());
                interval(fit, "s50Ci95", f.s50Ci95());
                number(fit, "slope", f.slope());
                interval(fit, "slopeCi95", f.slopeCi95());
                number(fit, "residualSdMicrovolts", f.residualSdMicrovolts());
            } else {
                root.putNull("fit");
                root.put("fitRefused", ((BoltzmannFit.Refused) outcome).reason());
            }
        });
        ArrayNode trials = root.putArray("trials");
        for (TrialReading r : result.readings()) {
            ObjectNode t = trials.addObject();
            t.put("trial", r.trial().index() + 1);
            t.put("block", r.trial().block() + 1);
            t.put("condition", plan.conditions().get(r.trial().condition()).name());
            t.put("conditioningPercentMso", r.trial().pulses().conditioningPercentMso());
            t.put("testPercentMso", r.trial().pulses().testPercentMso());
            t.put("isiMs", r.trial().pulses().isiNanos() / 1e6);
            number(t, "microvolts", r.microvolts());
        }
        return root;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, Math.round(value * 1e4) / 1e4);
        } else {
            node.putNull(field);
        }
    }

    private static void interval(ObjectNode node, String field, Interval ci) {
        ArrayNode pair = node.putArray(field);
        if (Double.isFinite(ci.lower())) {
            pair.add(Math.round(ci.lower() * 1e4) / 1e4);
        } else {
            pair.addNull();
        }
        if (Double.isFinite(ci.upper())) {
            pair.add(Math.round(ci.upper() * 1e4) / 1e4);
        } else {
            pair.addNull();
        }
    }
}
