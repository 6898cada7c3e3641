package org.tmshost.report;

import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.record.AdverseEventRow;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The course report's charts, drawn as the session report's are ({@link ReportCharts}: JFreeChart to
 * inline SVG): a measure before and after each session with the responder lines, pulses and output per
 * session, the motor thresholds over the course's days, and adverse events on the same days. Each is
 * also a table in the report.
 */
final class CourseCharts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // a report is written on hosts without a display
        }
    }

    private static final long DAY_MILLIS = 86_400_000L;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC"); // days are drawn as UTC midnights: no zone shifts them
    /** Severities as the adverse event chart's rows, mildest lowest; row 0 holds the sessions. */
    static final List<String> SEVERITIES = List.of("mild", "moderate", "severe");

    private CourseCharts() {
    }

    /**
     * {@code measure} before and after each session (x = session number), with a dashed line at the
     * baseline and one at each responder threshold, labelled with its percentage.
     */
    static String scores(OutcomeMeasure measure, List<CourseFacts.Scores> scores, Optional<Double> baseline,
                         List<CourseFacts.ResponderLine> lines) {
        XYSeriesCollection data = scoreData(scores);
        int sessions = scores.stream().flatMap(s -> s.session().stream()).mapToInt(Integer::intValue).max().orElse(0);
        var renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ReportCharts.GREY.darker());
        renderer.setSeriesPaint(1, ReportCharts.BLUE);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Rectangle2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        int last = Math.max(1, sessions);
        NumberAxis x = new NumberAxis("session");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        // room on the right for the lines' labels, clear of the last sessions' points; no tick past the last session
        x.setRange(0.5, last + 0.5 + Math.max(1.2, 0.14 * last));
        x.setNumberFormatOverride(new SessionNumbers(last));
        NumberAxis y = new NumberAxis(measure.name() + " (" + measure.unit() + ", "
                + (measure.better() == OutcomeMeasure.Better.LOWER ? "lower" : "higher") + " is better)");
        y.setRange(measure.min().doubleValue(), measure.max().doubleValue() + (measure.max().doubleValue()
                - measure.min().doubleValue()) * 0.05);
        var plot = new XYPlot(data, x, y, renderer);
        baseline.ifPresent(b -> plot.addRangeMarker(line(b, "baseline " + CourseFacts.score(b), Color.DARK_GRAY)));
        for (CourseFacts.ResponderLine l : lines) {
            plot.addRangeMarker(line(l.value(), String.format(Locale.ROOT, "%.0f%% (%s)", l.percent(),
                    CourseFacts.score(Math.round(l.value() * 100) / 100.0)), ReportCharts.ORANGE));
        }
        return ReportCharts.svg(ReportCharts.chart(plot), "scores");
    }

    /** The scores chart's points: series 0 before each session, series 1 after, x = session number. */
    static XYSeriesCollection scoreData(List<CourseFacts.Scores> scores) {
        var before = new XYSeries("before the session");
        var after = new XYSeries("after the session");
        for (CourseFacts.Scores s : scores) {
            s.session().ifPresent(n -> {
                s.before().ifPresent(v -> before.add(n, v));
                s.after().ifPresent(v -> after.add(n, v));
            });
        }
        var data = new XYSeriesCollection();
        data.addSeries(before);
        data.addSeries(after);
        return data;
    }

    private static ValueMarker line(double value, String label, Color colour) {
        var marker = new ValueMarker(value);
        marker.setPaint(colour);
        marker.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f));
        marker.setLabel(label);
        marker.setLabelFont(ReportCharts.SMALL);
        marker.setLabelPaint(colour);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 210));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        marker.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
        return marker;
    }

    /** Per session: pulses planned and delivered (bars), and the highest output delivered (line, right axis). */
    static String deliveries(List<CourseFacts.Delivery> deliveries) {
        var pulses = new DefaultCategoryDataset();
        var output = new DefaultCategoryDataset();
        for (CourseFacts.Delivery d : deliveries) {
            String key = String.valueOf(d.number());
            pulses.addValue(d.planned(), "planned", key);
            pulses.addValue(d.delivered(), "delivered", key);
            output.addValue(d.maxOutputPercentMso().orElse(null), "highest output (% MSO)", key);
        }
        var bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ReportCharts.GREY);
        bars.setSeriesPaint(1, ReportCharts.BLUE);
        bars.setItemMargin(0.02);
        CategoryAxis x = new CategoryAxis("session");
        if (deliveries.size() > 30) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        NumberAxis count = new NumberAxis("pulses");
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        var plot = new CategoryPlot(pulses, x, count, bars);
        var line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, ReportCharts.ORANGE);
        line.setSeriesStroke(0, new BasicStroke(2f));
        plot.setDataset(1, output);
        plot.setRenderer(1, line);
        NumberAxis percent = new NumberAxis("output (% MSO)");
        percent.setRange(0, 100);
        plot.setRangeAxis(1, percent);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return ReportCharts.svg(ReportCharts.chart(plot), "deliveries");
    }

    /** The resting and active motor thresholds each session ran on, by day. */
    static String thresholds(List<CourseFacts.Delivery> deliveries, CourseFacts.Span span) {
        var rmt = new XYSeries("resting motor threshold (RMT)");
        var amt = new XYSeries("active motor threshold (AMT)");
        for (CourseFacts.Delivery d : deliveries) {
            d.rmtPercentMso().ifPresent(v -> rmt.add(millis(d.day()), v));
            d.amtPercentMso().ifPresent(v -> amt.add(millis(d.day()), v));
        }
        var data = new XYSeriesCollection();
        var renderer = new XYLineAndShapeRenderer(true, true);
        for (XYSeries series : List.of(rmt, amt)) {
            if (series.getItemCount() > 0) { // a threshold no session ran on is not drawn, nor in the legend
                renderer.setSeriesPaint(data.getSeriesCount(), series == rmt ? ReportCharts.BLUE : new Color(0x2f8f5b));
                renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(2f));
                data.addSeries(series);
            }
        }
        NumberAxis y = new NumberAxis("threshold (% MSO)");
        y.setAutoRangeIncludesZero(false);
        y.setAutoRangeMinimumSize(10);
        return ReportCharts.svg(ReportCharts.chart(new XYPlot(data, days(span), y, renderer)), "thresholds");
    }

    /**
     * Adverse events by day and severity, each labelled with its kind and severity (a seizure in red),
     * over the days sessions were held and the days missed (the bottom row), on the thresholds chart's days.
     */
    static String events(List<AdverseEventRow> events, List<CourseFacts.Delivery> deliveries, List<LocalDate> missed,
                         CourseFacts.Span span) {
        var held = new XYSeries("session held");
        deliveries.stream().map(CourseFacts.Delivery::day).distinct().forEach(d -> held.add(millis(d), 0));
        var skipped = new XYSeries("missed day");
        missed.stream().filter(d -> !d.isBefore(span.from()) && !d.isAfter(span.to()))
                .forEach(d -> skipped.add(millis(d), 0));
        var seizures = new XYSeries("seizure");
        var others = new XYSeries("other adverse event");
        for (AdverseEventRow e : events) {
            (e.kind().equals("seizure") ? seizures : others).add(millis(e.day()), row(e));
        }
        var data = new XYSeriesCollection();
        data.addSeries(held);
        data.addSeries(seizures);
        data.addSeries(others);
        data.addSeries(skipped);
        var renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(3, ReportCharts.RED);
        renderer.setSeriesShapesFilled(3, false);
        renderer.setSeriesShape(3, new Rectangle2D.Double(-3, -6, 6, 12));
        renderer.setSeriesPaint(0, ReportCharts.GREY.darker());
        renderer.setSeriesPaint(1, ReportCharts.RED);
        renderer.setSeriesPaint(2, ReportCharts.ORANGE);
        renderer.setSeriesShape(0, new Rectangle2D.Double(-3, -6, 6, 12));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-6, -6, 12, 12));
        renderer.setSeriesShape(2, new Ellipse2D.Double(-5, -5, 10, 10));
        var y = new SymbolAxis("severity", new String[]{"session", "mild", "moderate", "severe"});
        y.setRange(-0.6, SEVERITIES.size() + 0.9); // room above the top row for its labels
        y.setGridBandsVisible(false);
        var plot = new XYPlot(data, days(span), y, renderer);
        Map<String, Integer> stacked = new HashMap<>();
        for (AdverseEventRow e : events) {
            // events on one day at one severity: labels stacked upward, not drawn over each other
            int above = stacked.merge(e.day() + "/" + row(e), 1, Integer::sum) - 1;
            var label = new XYTextAnnotation(e.kind() + " (" + e.severity() + ")", millis(e.day()),
                    row(e) + 0.28 + 0.24 * above);
            label.setFont(ReportCharts.SMALL);
            label.setPaint(e.kind().equals("seizure") ? ReportCharts.RED : Color.DARK_GRAY);
            label.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            plot.addAnnotation(label);
        }
        return ReportCharts.svg(ReportCharts.chart(plot), "events");
    }

    /** Colours of the conditions in the excitability chart, in the order they first appear. */
    private static final List<Color> CONDITION_COLOURS = List.of(ReportCharts.BLUE, new Color(0x1b3f73),
            ReportCharts.ORANGE, new Color(0x2f8f5b), new Color(0x6b3fa0), new Color(0x8a6d1e));

    /**
     * Each conditioned condition's ratio to the test pulse alone per measurement, with its 95% interval as
     * an error bar, on the thresholds chart's days, and a dashed line at 1 (no effect: below it inhibition,
     * above it facilitation). A condition's points sit a little apart from the others' on the same day
     * ({@link #excitabilityX}) so their bars do not hide each other; a ratio the record lacks is not drawn.
     */
    static String ratios(List<CourseFacts.Excitability> measurements, CourseFacts.Span span) {
        YIntervalSeriesCollection data = ratioData(measurements, span);
        var renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setCapLength(6);
        renderer.setErrorStroke(new BasicStroke(1.4f));
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, CONDITION_COLOURS.get(i % CONDITION_COLOURS.size()));
            renderer.setSeriesStroke(i, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{2f, 3f}, 0f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        NumberAxis y = new NumberAxis("ratio to test alone");
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12);
        var plot = new XYPlot(data, days(span), y, renderer);
        plot.addRangeMarker(line(1, "1: no effect", Color.DARK_GRAY));
        return ReportCharts.svg(ReportCharts.chart(plot), "excitability-ratios");
    }

    /** The ratio chart's points: a series per condition in the order they first appear, y its ratio and interval. */
    static YIntervalSeriesCollection ratioData(List<CourseFacts.Excitability> measurements, CourseFacts.Span span) {
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        measurements.forEach(m -> m.ratios().forEach(r -> series.computeIfAbsent(r.condition(), YIntervalSeries::new)));
        List<String> names = List.copyOf(series.keySet());
        for (CourseFacts.Excitability m : measurements) {
            for (StoredResults.Ratio r : m.ratios()) {
                if (r.ratio().isPresent()) {
                    double ratio = r.ratio().getAsDouble();
                    series.get(r.condition()).add(excitabilityX(m, measurements, names.indexOf(r.condition()),
                            names.size(), span), ratio, r.lower().orElse(ratio), r.upper().orElse(ratio));
                }
            }
        }
        var data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        return data;
    }

    /** The mean MEP of the test pulse alone per measurement, in µV, on the same days. */
    static String testMeps(List<CourseFacts.Excitability> measurements, CourseFacts.Span span) {
        var series = new XYSeries("test pulse alone: mean MEP");
        for (CourseFacts.Excitability m : measurements) {
            m.testMeanMicrovolts().ifPresent(v -> series.add(excitabilityX(m, measurements, 0, 1, span), v));
        }
        var renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, ReportCharts.BLUE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new Rectangle2D.Double(-4, -4, 8, 8));
        NumberAxis y = new NumberAxis("mean MEP, peak to peak (µV)");
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12);
        return ReportCharts.svg(ReportCharts.chart(new XYPlot(new XYSeriesCollection(series), days(span), y, renderer)),
                "excitability-test");
    }

    /**
     * Where a measurement's point for condition {@code k} of {@code conditions} sits: on its day, spread
     * over the day when the day has more than one measurement (in the order taken), and the conditions
     * a little apart, wider on a longer span so they stay apart when drawn.
     */
    static double excitabilityX(CourseFacts.Excitability m, List<CourseFacts.Excitability> all, int k, int conditions,
                                CourseFacts.Span span) {
        List<CourseFacts.Excitability> sameDay = all.stream().filter(o -> o.day().equals(m.day())).toList();
        double dayShare = sameDay.size() == 1 ? 0 : (sameDay.indexOf(m) - (sameDay.size() - 1) / 2.0) * 0.8 / sameDay.size();
        long days = span.to().toEpochDay() - span.from().toEpochDay();
        double step = Math.max(0.1, 0.012 * days) / Math.max(1, sameDay.size());
        return millis(m.day()) + (dayShare + (k - (conditions - 1) / 2.0) * step) * DAY_MILLIS;
    }

    /** An event's row: 1 mild, 2 moderate, 3 severe (an unknown severity drawn as severe: never understated). */
    static int row(AdverseEventRow e) {
        int i = SEVERITIES.indexOf(e.severity());
        return i < 0 ? SEVERITIES.size() : i + 1;
    }

    private static DateAxis days(CourseFacts.Span span) {
        var x = new DateAxis("day");
        x.setTimeZone(UTC);
        x.setRange(millis(span.from()) - DAY_MILLIS / 2.0, millis(span.to()) + DAY_MILLIS / 2.0);
        long days = span.to().toEpochDay() - span.from().toEpochDay();
        int step = days <= 16 ? 1 : days <= 35 ? 2 : days <= 80 ? 7 : days <= 200 ? 14 : 30;
        var format = new SimpleDateFormat(days > 200 ? "yyyy-MM" : "MM-dd", Locale.ROOT);
        format.setTimeZone(UTC);
        x.setTickUnit(new DateTickUnit(DateTickUnitType.DAY, step, format));
        return x;
    }

    /** Session numbers as the x axis labels them: whole numbers up to the last session, nothing past it. */
    private static final class SessionNumbers extends NumberFormat {
        private final int last;

        SessionNumbers(int last) {
            this.last = last;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition position) {
            return number >= 1 && number <= last && number == Math.rint(number) ? to.append((long) number) : to;
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition position) {
            return format((double) number, to, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("session numbers are only drawn");
        }
    }

    private static double millis(LocalDate day) {
        return day.toEpochDay() * (double) DAY_MILLIS;
    }
}
