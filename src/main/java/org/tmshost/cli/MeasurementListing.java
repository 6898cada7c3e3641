package org.tmshost.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tmshost.console.ExitCode;
import org.tmshost.console.LocalTimes;
import org.tmshost.record.CourseRow;
import org.tmshost.record.MeasurementRow;
import org.tmshost.record.MeasurementTrialRow;
import org.tmshost.record.NewMeasurement;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordVerification;
import org.tmshost.report.StoredResults;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import static org.tmshost.yaml.TerminalText.of;

/**
 * {@code excitability show}: a subject's measurements, newest first, or one in full, as text or JSON.
 * The results are those the record kept at completion ({@link StoredResults}), not a re-analysis;
 * record text (names, the device, a condition) is shown escaped, as {@code sessions} shows it.
 */
final class MeasurementListing {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RecordStore store;
    private final LocalTimes times;
    private final LongFunction<String> courseNames;

    MeasurementListing(RecordStore store, LocalTimes times) {
        this.store = store;
        this.times = times;
        Map<Long, String> names = store.courses().stream().collect(Collectors.toMap(CourseRow::id, CourseRow::name));
        this.courseNames = id -> names.getOrDefault(id, String.valueOf(id));
    }

    /** The subject's measurements, newest first; none: says so, exit 0 (JSON: an empty array). */
    int list(String subject, boolean json, PrintWriter out) {
        List<MeasurementRow> rows = store.measurements(subject);
        if (json) {
            ArrayNode array = JSON.createArrayNode();
            rows.forEach(r -> array.add(summary(r)));
            out.println(text(array));
            return ExitCode.OK;
        }
        if (rows.isEmpty()) {
            out.println("no measurements for " + of(subject));
            return ExitCode.OK;
        }
        out.printf("%-5s %-23s %-12s %7s  %-11s %s%n", "ID", "STARTED", "KIND", "TRIALS", "OUTCOME", "DEVICE");
        for (MeasurementRow r : rows) {
            headline(r, out);
            out.println("      " + conditions(r.measurement()));
            out.println("      " + keyResults(r));
        }
        return ExitCode.OK;
    }

    /** One measurement in full: what it was, its results table, every trial, whether its record verifies. */
    int show(MeasurementRow r, boolean json, PrintWriter out) {
        StoredResults results = StoredResults.of(r);
        Set<Integer> outliers = new HashSet<>(results.outlierTrials());
        RecordVerification record = store.verifyMeasurement(r.id());
        if (json) {
            ObjectNode node = summary(r);
            node.put("operator", r.measurement().operatorId());
            node.put("mep", r.measurement().mepDescription());
            node.put("host", r.measurement().host());
            node.put("endedAt", r.endedAt().map(Object::toString).orElse(null));
            ArrayNode trials = node.putArray("trials");
            for (MeasurementTrialRow t : r.trials()) {
                ObjectNode n = trials.addObject();
                n.put("trial", t.trialIndex() + 1);
                n.put("block", t.block() + 1);
                n.put("condition", t.condition());
                n.put("conditioningPercentMso", t.conditioningPercentMso());
                n.put("testPercentMso", t.testPercentMso());
                n.put("isiMs", t.isiNanos() / 1e6);
                t.amplitudeMicrovolts().ifPresentOrElse(v -> n.put("microvolts", v), () -> n.putNull("microvolts"));
                n.put("testGiven", t.testGiven());
                n.put("outlier", outliers.contains(t.trialIndex() + 1));
                n.put("firedAt", t.firedAt().toString());
            }
            node.put("record", record.said());
            node.put("recordVerifies", !record.fails());
            out.println(text(node));
            return ExitCode.OK;
        }
        NewMeasurement m = r.measurement();
        out.println("measurement " + r.id() + "  " + m.kind() + (m.simulated() ? "  SIMULATION" : ""));
        out.printf("  %-14s %s%n", "subject", of(m.subjectId()));
        out.printf("  %-14s %s%n", "operator", of(m.operatorId()));
        out.printf("  %-14s %s%n", "started", times.of(r.startedAt()));
        out.printf("  %-14s %s%n", "ended", times.of(r.endedAt()));
        out.printf("  %-14s %s%n", "outcome", of(r.outcome().orElse("(not ended)")));
        out.printf("  %-14s %d / %d%n", "trials", r.trials().size(), m.plannedTrials());
        out.printf("  %-14s %s%n", "plan", conditions(m));
        out.printf(Locale.ROOT, "  %-14s every %s s + up to %s s jitter, seed %d%n", "intervals",
                plain(m.interTrialSeconds()), plain(m.jitterSeconds()), m.seed());
        out.printf("  %-14s %s%n", "MEPs from", of(m.mepDescription()));
        out.printf("  %-14s %s  %s  host %s%n", "device", of(m.profileName()), of(m.deviceUri()), of(m.host()));
        out.printf("  %-14s %s%n", "course", course(m).orElse("-"));
        out.printf("  %-14s %s%n", "record", record.said());
        out.println("results (as recorded at completion):");
        results(r, results, out);
        out.println("trials (in the order given):");
        out.printf("  %5s %5s  %-10s %6s %5s %6s %9s  %s%n", "trial", "block", "condition", "cond%", "test%", "ISI ms",
                "uV", "outlier");
        for (MeasurementTrialRow t : r.trials()) {
            out.println(String.format(Locale.ROOT, "  %5d %5d  %-10s %6s %5d %6s %9s  %s", t.trialIndex() + 1, t.block() + 1,
                    of(t.condition()), t.conditioningPercentMso() == 0 ? "-" : String.valueOf(t.conditioningPercentMso()),
                    t.testPercentMso(), t.isiNanos() == 0 ? "-" : plain(t.isiNanos() / 1e6),
                    t.amplitudeMicrovolts().map(v -> String.format(Locale.ROOT, "%.1f", v))
                            .orElse(t.testGiven() ? "(none)" : "void"),
                    outliers.contains(t.trialIndex() + 1) ? "outlier" : "").stripTrailing());
        }
        if (r.trials().isEmpty()) {
            out.println("  none recorded");
        }
        return ExitCode.OK;
    }

    private void headline(MeasurementRow r, PrintWriter out) {
        NewMeasurement m = r.measurement();
        String line = String.format(Locale.ROOT, "%-5d %-23s %-12s %7s  %-11s %s %s%s%s", r.id(), times.of(r.startedAt()),
                m.kind(), r.trials().size() + "/" + m.plannedTrials(), of(r.outcome().orElse("(running)")),
                of(m.profileName()), of(m.deviceUri()), course(m).map(c -> "  " + c).orElse(""),
                m.simulated() ? "  SIMULATION" : "");
        out.println(line.stripTrailing());
    }

    /** {@code test,sici-2,...; 15 per condition; RMT 50% MSO, conditioning 80% RMT, test 120% RMT}. */
    private static String conditions(NewMeasurement m) {
        String intensities = m.kind().equals(NewMeasurement.PAIRED_PULSE)
                ? ", conditioning " + plain(m.conditioningPercentRmt()) + "% RMT, test " + plain(m.testPercentRmt()) + "% RMT"
                : "";
        return of(String.join(",", m.conditions())) + "; " + m.trialsPerCondition() + " per condition; RMT "
                + plain(m.rmtPercentMso()) + "% MSO" + intensities;
    }

    /** {@code course pain-2026-07 session 3}, when the measurement belongs to a course. */
    private java.util.Optional<String> course(NewMeasurement m) {
        return m.courseId().map(id -> "course " + of(courseNames.apply(id))
                + m.courseSession().map(n -> " session " + n).orElse(""));
    }

    /** The line a listing gives a measurement's results: the test MEP and each ratio, or the fit. */
    static String keyResults(MeasurementRow r) {
        StoredResults results = StoredResults.of(r);
        if (results.unreadable().isPresent()) {
            return "results unreadable: " + of(results.unreadable().get());
        }
        if (!results.present()) {
            return r.outcome().isEmpty() ? "no results yet (running, or its host died)"
                    : "no results (ended " + of(r.outcome().get()) + ")";
        }
        if (results.fit().isPresent()) {
            StoredResults.Fit f = results.fit().get();
            return f.refused().map(reason -> "no Boltzmann fit: " + of(reason)).orElseGet(() -> String.format(Locale.ROOT,
                    "Boltzmann fit: MEPmax %s uV %s, S50 %s %%MSO %s, slope %s /%%MSO %s (95%% intervals)",
                    fixed(f.mepMaxMicrovolts(), 0), interval(f.mepMaxCi95(), 0), fixed(f.s50PercentMso(), 1),
                    interval(f.s50Ci95(), 1), fixed(f.slope(), 3), interval(f.slopeCi95(), 3)));
        }
        return "test " + fixed(results.testMeanMicrovolts(), 0) + " uV" + results.ratios().stream()
                .map(x -> "; " + of(x.condition()) + " " + fixed(x.ratio(), 2) + " " + interval(x))
                .collect(Collectors.joining());
    }

    /** The results table, as {@code MeasurementText} printed it at the end of the measurement, from the JSON. */
    private static void results(MeasurementRow r, StoredResults results, PrintWriter out) {
        if (!results.present()) {
            out.println("  " + keyResults(r));
            return;
        }
        boolean paired = r.measurement().kind().equals(NewMeasurement.PAIRED_PULSE);
        out.printf(Locale.ROOT, "  %-10s %6s %5s %4s %9s %9s %7s  %-15s %s%n", "condition", paired ? "ISI ms" : "", "%MSO",
                "n", "mean uV", "median uV", paired ? "ratio" : "", paired ? "95% CI" : "", "outliers (trial)");
        for (var c : results.json().get().path("conditions")) {
            String outliers = c.path("outlierTrials").isEmpty() ? "-" : java.util.stream.StreamSupport
                    .stream(c.path("outlierTrials").spliterator(), false).map(t -> t.asText()).collect(Collectors.joining(", "));
            boolean conditioned = c.path("isiMs").isNumber();
            out.printf(Locale.ROOT, "  %-10s %6s %5s %4s %9s %9s %7s  %-15s %s%n", of(c.path("name").asText()),
                    conditioned ? plain(c.path("isiMs").asDouble()) : paired ? "-" : "",
                    c.path("testPercentMso").asText("-"), c.path("n").asText("-"),
                    fixed(number(c.path("meanMicrovolts")), 0), fixed(number(c.path("medianMicrovolts")), 0),
                    conditioned ? fixed(number(c.path("ratio")), 2) : paired ? "-" : "",
                    conditioned ? interval(number(c.path("ci95").path(0)), number(c.path("ci95").path(1)))
                            : paired ? "-" : "", outliers);
        }
        results.fit().ifPresent(f -> out.println("  " + keyResults(r)));
    }

    /** What a listing's JSON gives a measurement (docs/excitability.md, "Tracking"). */
    private ObjectNode summary(MeasurementRow r) {
        NewMeasurement m = r.measurement();
        StoredResults results = StoredResults.of(r);
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("subject", m.subjectId());
        n.put("startedAt", r.startedAt().toString());
        n.put("startedAtLocal", times.of(r.startedAt()));
        n.put("kind", m.kind());
        ArrayNode conditions = n.putArray("conditions");
        m.conditions().forEach(conditions::add);
        n.put("trialsPerCondition", m.trialsPerCondition());
        n.put("rmtPercentMso", m.rmtPercentMso());
        n.put("trialsGiven", r.trials().size());
        n.put("trialsPlanned", m.plannedTrials());
        n.put("outcome", r.outcome().orElse(null));
        n.put("simulated", m.simulated());
        n.put("profile", m.profileName());
        n.put("device", m.deviceUri());
        m.courseId().ifPresentOrElse(id -> n.put("courseId", id), () -> n.putNull("courseId"));
        n.put("course", m.courseId().map(courseNames::apply).orElse(null));
        m.courseSession().ifPresentOrElse(s -> n.put("courseSession", s), () -> n.putNull("courseSession"));
        put(n, "testMeanMicrovolts", results.testMeanMicrovolts());
        ArrayNode ratios = n.putArray("ratios");
        for (StoredResults.Ratio x : results.ratios()) {
            ObjectNode o = ratios.addObject();
            o.put("condition", x.condition());
            put(o, "ratio", x.ratio());
            bounds(o, "ci95", new StoredResults.Bounds(x.lower(), x.upper()));
        }
        results.fit().ifPresentOrElse(f -> {
            ObjectNode fit = n.putObject("fit");
            put(fit, "mepMaxMicrovolts", f.mepMaxMicrovolts());
            put(fit, "s50PercentMso", f.s50PercentMso());
            put(fit, "slope", f.slope());
            bounds(fit, "mepMaxCi95", f.mepMaxCi95());
            bounds(fit, "s50Ci95", f.s50Ci95());
            bounds(fit, "slopeCi95", f.slopeCi95());
            fit.put("refused", f.refused().orElse(null));
        }, () -> n.putNull("fit"));
        if (results.json().isPresent()) {
            n.set("results", results.json().get());
        } else {
            n.putNull("results");
        }
        return n;
    }

    private static void put(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }

    private static void bounds(ObjectNode node, String field, StoredResults.Bounds ci) {
        ArrayNode pair = node.putArray(field);
        ci.lower().ifPresentOrElse(pair::add, pair::addNull);
        ci.upper().ifPresentOrElse(pair::add, pair::addNull);
    }

    private static String interval(StoredResults.Ratio x) {
        return interval(x.lower(), x.upper());
    }

    private static String interval(OptionalDouble lower, OptionalDouble upper) {
        return interval(new StoredResults.Bounds(lower, upper), 2);
    }

    private static String interval(StoredResults.Bounds ci, int decimals) {
        return ci.lower().isEmpty() && ci.upper().isEmpty() ? "-"
                : "[" + fixed(ci.lower(), decimals) + ", " + fixed(ci.upper(), decimals) + "]";
    }

    private static OptionalDouble number(com.fasterxml.jackson.databind.JsonNode node) {
        return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
    }

    private static String fixed(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : "-";
    }

    /** 52.5, 80, 1.5: no trailing zeros. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String text(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
