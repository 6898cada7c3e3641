package org.tmshost.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.tmshost.record.CoilTemperatureRow;
import org.tmshost.record.PulseRow;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;

/**
 * The session report's charts, drawn by JFreeChart and rendered to inline SVG by JFreeSVG: per train
 * pulses and output, coil temperature, the lateness histogram, pulses over the session with its
 * events marked. Each chart has labelled axes with units; each is also given as a table in the report,
 * so a chart that cannot be drawn (an AWT without fonts) loses no number.
 */
final class ReportCharts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // a report is written on hosts without a display
        }
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 250;
    static final Color BLUE = new Color(0x3d6fb6);
    static final Color GREY = new Color(0xb8c2cf);
    static final Color ORANGE = new Color(0xc2571a);
    static final Color RED = new Color(0xb3261e);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ReportCharts() {
    }

    static String trains(List<SessionFacts.TrainDelivery> trains) {
        var pulses = new DefaultCategoryDataset();
        var output = new DefaultCategoryDataset();
        for (SessionFacts.TrainDelivery t : trains) {
            String key = String.valueOf(t.number());
            pulses.addValue(t.planned(), "planned", key);
            pulses.addValue(t.delivered(), "delivered", key);
            output.addValue(t.delivered() == 0 ? null : (Number) t.maxOutputPercentMso(), "output (% MSO)", key);
        }
        var bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, GREY);
        bars.setSeriesPaint(1, BLUE);
        bars.setItemMargin(0.02);
        CategoryAxis x = new CategoryAxis("train");
        if (trains.size() > 30) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        }
        var plot = new CategoryPlot(pulses, x, new NumberAxis("pulses"), bars);
        var line = new LineAndShapeRenderer(true, true);
        line.setSeriesPaint(0, ORANGE);
        plot.setDataset(1, output);
        plot.setRenderer(1, line);
        NumberAxis percent = new NumberAxis("output (% MSO)");
        percent.setRange(0, 100);
        plot.setRangeAxis(1, percent);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return svg(chart(plot), "trains");
    }

    static String temperature(List<CoilTemperatureRow> samples) {
        var series = new XYSeries("coil temperature");
        for (CoilTemperatureRow t : samples) {
            series.add(t.atMicros() / 1e6, t.celsius());
        }
        var renderer = new XYLineAndShapeRenderer(true, samples.size() <= 60);
        renderer.setSeriesPaint(0, ORANGE);
        NumberAxis y = new NumberAxis("coil temperature (°C)");
        y.setAutoRangeIncludesZero(false);
        y.setAutoRangeMinimumSize(2.0);
        var plot = new XYPlot(new XYSeriesCollection(series), new NumberAxis("time from the first pulse (s)"), y, renderer);
        return svg(chart(plot), "temperature");
    }

    static String lateness(SessionFacts.LatenessBins bins) {
        var data = new DefaultCategoryDataset();
        for (int i = 0; i < bins.counts().length; i++) {
            data.addValue(bins.counts()[i], "pulses", bins.label(i).replace(" µs", ""));
        }
        var bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, BLUE);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(SMALL);
        CategoryAxis x = new CategoryAxis("lateness: actual minus planned time (µs)");
        x.setCategoryLabelPositions(bins.counts().length > 6 ? CategoryLabelPositions.UP_45 : CategoryLabelPositions.STANDARD);
        x.setTickLabelFont(SMALL);
        NumberAxis y = new NumberAxis("pulses");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setUpperMargin(0.15);
        return svg(chart(new CategoryPlot(data, x, y, bars)), "lateness");
    }

    /**
     * Pulses on record over the session (a step as each left the host), the plan's total as a line, and
     * each event a labelled line where it happened.
     */
    static String timeline(List<PulseRow> pulses, int plannedPulses, List<SessionFacts.Event> events) {
        var delivered = new XYSeries("pulses delivered");
        delivered.add(0, 0);
        int[] n = {0};
        pulses.stream().filter(p -> !p.confirmed().equals(java.util.Optional.of(false))).mapToLong(PulseRow::actualNanos)
                .sorted().forEach(t -> delivered.add(t / 1e9, ++n[0]));
        var renderer = new XYStepRenderer();
        renderer.setSeriesPaint(0, BLUE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        NumberAxis y = new NumberAxis("pulses delivered");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setRange(0, Math.max(1, plannedPulses) * 1.3);
        NumberAxis x = new NumberAxis("time from the first pulse (s)");
        x.setAutoRangeIncludesZero(true);
        var plot = new XYPlot(new XYSeriesCollection(delivered), x, y, renderer);
        var planned = new ValueMarker(plannedPulses, GREY, new BasicStroke(1.5f));
        planned.setLabel("planned: " + plannedPulses);
        planned.setLabelFont(SMALL);
        planned.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        planned.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(planned);
        double last = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (SessionFacts.Event e : events) {
            var marker = new ValueMarker(e.atSeconds());
            boolean fault = e.what().startsWith("Fault") || e.what().startsWith("Trip") || e.what().startsWith("Interrupted");
            marker.setPaint(fault ? RED : e.what().startsWith("Stopped") ? ORANGE : Color.DARK_GRAY);
            marker.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f));
            marker.setLabel(e.what());
            marker.setLabelFont(SMALL);
            marker.setLabelPaint(marker.getPaint());
            row = e.atSeconds() - last < 0.02 * Math.max(1, x.getUpperBound()) ? row + 1 : 0; // labels close together: stacked
            marker.setLabelOffset(new RectangleInsets(4 + 13 * row, 4, 4, 4));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
            last = e.atSeconds();
        }
        return svg(chart(plot), "timeline");
    }

    static JFreeChart chart(org.jfree.chart.plot.Plot plot) {
        JFreeChart chart = new JFreeChart(null, SMALL, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GREY);
            xy.setRangeGridlinePaint(GREY);
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GREY);
        }
        return chart;
    }

    /** The chart as an inline SVG element that scales to its column (viewBox, no fixed size); ids kept apart per chart. */
    static String svg(JFreeChart chart, String id) {
        var g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement("chart-" + id, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
    }
}
