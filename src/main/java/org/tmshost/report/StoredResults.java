package org.tmshost.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tmshost.record.MeasurementRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A measurement's results as the record keeps them (the JSON written at completion,
 * {@code excitability.MeasurementJson}), read back for {@code excitability show} and the course
 * report: they print what was recorded, never a re-analysis of the trials. A measurement that did not
 * complete has none; text the record holds that is not JSON reads as {@link #unreadable}.
 *
 * @param json the parsed results, empty when the measurement has none (or they do not parse)
 */
public record StoredResults(Optional<JsonNode> json, Optional<String> unreadable) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A conditioned condition's ratio to the test pulse alone, with its 95% interval (null bounds: none). */
    public record Ratio(String condition, Optional<Double> isiMs, OptionalDouble ratio, OptionalDouble lower,
                        OptionalDouble upper) {
    }

    /** A recruitment curve's Boltzmann fit with its 95% intervals, or the reason there is none. */
    public record Fit(OptionalDouble mepMaxMicrovolts, Bounds mepMaxCi95, OptionalDouble s50PercentMso, Bounds s50Ci95,
                      OptionalDouble slope, Bounds slopeCi95, Optional<String> refused) {
    }

    /** A 95% interval as recorded; a bound the analysis could not give is empty. */
    public record Bounds(OptionalDouble lower, OptionalDouble upper) {
        static Bounds of(JsonNode pair) {
            return new Bounds(number(pair.path(0)), number(pair.path(1)));
        }
    }

    public static StoredResults of(MeasurementRow row) {
        if (row.resultsJson().isEmpty()) {
            return new StoredResults(Optional.empty(), Optional.empty());
        }
        try {
            return new StoredResults(Optional.of(JSON.readTree(row.resultsJson().get())), Optional.empty());
        } catch (JsonProcessingException e) {
            return new StoredResults(Optional.empty(), Optional.of(e.getOriginalMessage()));
        }
    }

    public boolean present() {
        return json.isPresent();
    }

    /** The mean MEP of the test pulse alone ({@code test}), in µV. */
    public OptionalDouble testMeanMicrovolts() {
        return json.flatMap(j -> conditions(j).stream().filter(c -> c.path("name").asText().equals("test")).findFirst())
                .map(c -> number(c.path("meanMicrovolts"))).orElse(OptionalDouble.empty());
    }

    /** Each condition that has an interval (every conditioned one), in the plan's order. */
    public List<Ratio> ratios() {
        var ratios = new ArrayList<Ratio>();
        json.ifPresent(j -> {
            for (JsonNode c : conditions(j)) {
                if (c.path("isiMs").isNumber()) {
                    JsonNode ci = c.path("ci95");
                    ratios.add(new Ratio(c.path("name").asText(), Optional.of(c.path("isiMs").asDouble()),
                            number(c.path("ratio")), number(ci.path(0)), number(ci.path(1))));
                }
            }
        });
        return ratios;
    }

    /** A recruitment curve's fit, or its refusal; empty for a paired-pulse measurement. */
    public Optional<Fit> fit() {
        return json.filter(j -> j.has("fit") || j.has("fitRefused")).map(j -> {
            JsonNode f = j.path("fit");
            return new Fit(number(f.path("mepMaxMicrovolts")), Bounds.of(f.path("mepMaxCi95")),
                    number(f.path("s50PercentMso")), Bounds.of(f.path("s50Ci95")), number(f.path("slope")),
                    Bounds.of(f.path("slopeCi95")), j.path("fitRefused").isTextual() ? Optional.of(j.path("fitRefused").asText()) : Optional.empty());
        });
    }

    /** The 1-based trial numbers the analysis flagged as outliers, over every condition. */
    public List<Integer> outlierTrials() {
        var trials = new ArrayList<Integer>();
        json.ifPresent(j -> conditions(j).forEach(c -> c.path("outlierTrials").forEach(t -> trials.add(t.asInt()))));
        return trials;
    }

    private static List<JsonNode> conditions(JsonNode results) {
        var list = new ArrayList<JsonNode>();
        results.path("conditions").forEach(list::add);
        return list;
    }

    private static OptionalDouble number(JsonNode node) {
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }
}
