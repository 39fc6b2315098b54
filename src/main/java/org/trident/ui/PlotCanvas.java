package org.trident.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.trident.render.Ticks;

import java.util.ArrayList;
import java.util.List;

/**
 * A small line-plot canvas for spectra and depth profiles: several series, each optionally with
 * a ± band (mean ± std), shaded x windows (energy windows), axis ticks and labels with units.
 */
public class PlotCanvas extends Region {
    /**
     * One curve: its line (dashed or solid), an optional ± band, and, with {@code markers}, a dot at
     * every point (the shell fit: one fitted value per shell, so the dots mark what was fitted).
     */
    public record Series(String name, double[] x, double[] y, double[] band, Color color, boolean dashed, boolean markers) {
        public Series(String name, double[] x, double[] y, double[] band, Color color, boolean dashed) {
            this(name, x, y, band, color, dashed, false);
        }
    }

    /** Radius of a series' point markers, px. */
    static final double MARKER_RADIUS = 3.0;

    /** A shaded x window; one with a {@code key} can be resized by dragging its edges. */
    public record Window(double from, double to, Color color, String label, String key) {
        public Window(double from, double to, Color color, String label) { this(from, to, color, label, null); }
    }

    /** Called when the user has dragged an edge of window {@code key}: its old and new [from, to]. */
    public interface WindowEdit { void edited(String key, double oldFrom, double oldTo, double from, double to); }

    private final Canvas canvas = new Canvas();
    private final List<Series> series = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();
    private String xLabel = "", yLabel = "", title = "";
    // last drawn x mapping (plot left/right in pixels, data range) for hit-testing window edges
    private double mapL, mapR, mapX0, mapX1 = 1;
    private WindowEdit onWindowEdit;
    private int dragIndex = -1, dragEdge;
    private Window dragStart;
    static final double GRAB_PX = 4;

    public PlotCanvas() {
        getChildren().add(canvas);
        setMinSize(120, 100);
        setPrefSize(400, 220);
        canvas.setOnMouseMoved(e -> {
            int[] hit = hit(e.getX());
            canvas.setCursor(hit != null ? javafx.scene.Cursor.H_RESIZE : javafx.scene.Cursor.DEFAULT);
        });
        canvas.setOnMousePressed(e -> {
            int[] hit = hit(e.getX());
            dragIndex = hit == null ? -1 : hit[0];
            dragEdge = hit == null ? 0 : hit[1];
            dragStart = hit == null ? null : windows.get(dragIndex);
        });
        canvas.setOnMouseDragged(e -> {
            if (dragIndex < 0 || dragIndex >= windows.size()) return;
            double v = toX(e.getX());
            Window w = windows.get(dragIndex);
            windows.set(dragIndex, new Window(dragEdge == 0 ? v : w.from(), dragEdge == 1 ? v : w.to(), w.color(), w.label(), w.key()));
            paint();
        });
        canvas.setOnMouseReleased(e -> {
            if (dragIndex < 0 || dragIndex >= windows.size() || dragStart == null) return;
            Window w = windows.get(dragIndex);
            dragIndex = -1;
            if (onWindowEdit != null && (w.from() != dragStart.from() || w.to() != dragStart.to()))
                onWindowEdit.edited(w.key(), dragStart.from(), dragStart.to(), w.from(), w.to());
        });
    }

    /** Makes keyed windows resizable by dragging their edges. */
    public void setOnWindowEdit(WindowEdit e) { onWindowEdit = e; }

    public List<Window> windows() { return List.copyOf(windows); }

    private double toX(double px) { return mapX0 + (px - mapL) / (mapR - mapL) * (mapX1 - mapX0); }

    /** Canvas x pixel of data value x, as last drawn. */
    double toPx(double x) { return mapL + (x - mapX0) / (mapX1 - mapX0) * (mapR - mapL); }

    /** The keyed window edge within a few pixels of {@code px}: {index, 0 = from / 1 = to}, or null. */
    int[] hit(double px) {
        if (onWindowEdit == null || !(mapR > mapL)) return null;
        int[] best = null;
        double bestD = GRAB_PX;
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            if (w.key() == null) continue;
            for (int edge = 0; edge < 2; edge++) {
                double d = Math.abs(toPx(edge == 0 ? w.from() : w.to()) - px);
                if (d <= bestD) { bestD = d; best = new int[]{i, edge}; }
            }
        }
        return best;
    }

    public void set(String title, String xLabel, String yLabel, List<Series> s, List<Window> w) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        series.clear();
        series.addAll(s);
        windows.clear();
        windows.addAll(w);
        paint();
    }

    public List<Series> series() { return List.copyOf(series); }

    /** The chart's title as set. */
    public String title() { return title; }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(snapSizeX(getWidth()));
        canvas.setHeight(snapSizeY(getHeight()));
        paint();
    }

    public void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double W = canvas.getWidth(), H = canvas.getHeight();
        g.setFill(Color.rgb(250, 250, 250));
        g.fillRect(0, 0, W, H);
        g.setFont(Font.font(11));
        g.setFill(Color.BLACK);
        g.fillText(title, 8, 14);
        if (series.isEmpty()) return;
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) continue;
                double b = s.band() == null || !Double.isFinite(s.band()[i]) ? 0 : s.band()[i];
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i] - b);
                y1 = Math.max(y1, s.y()[i] + b);
            }
        }
        if (!(x1 > x0)) { x1 = x0 + 1; }
        if (!(y1 > y0)) { y1 = y0 + 1; }
        double pad = (y1 - y0) * 0.05;
        y0 -= pad;
        y1 += pad;
        // the legend has its own column right of the plot, so it never hides a curve
        double legendW = 0;
        javafx.scene.text.Text m = new javafx.scene.text.Text();
        m.setFont(g.getFont());
        for (Series s : series) {
            if (s.name() == null || s.name().isEmpty()) continue;
            m.setText(s.name());
            legendW = Math.max(legendW, m.getLayoutBounds().getWidth() + 40);
        }
        legendW = Math.min(legendW, W * 0.35);
        double L = 74, R = W - 12 - legendW, T = 22, B = H - 34;
        if (R - L < 20 || B - T < 20) return;
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        mapL = L; mapR = R; mapX0 = x0; mapX1 = x1;
        java.util.function.DoubleUnaryOperator sx = v -> L + (v - fx0) / (fx1 - fx0) * (R - L);
        java.util.function.DoubleUnaryOperator sy = v -> B - (v - fy0) / (fy1 - fy0) * (B - T);
        List<Double> labelX = new ArrayList<>();
        List<String> labelText = new ArrayList<>();
        for (Window w : windows) {
            double a = sx.applyAsDouble(Math.max(x0, w.from())), b = sx.applyAsDouble(Math.min(x1, w.to()));
            if (b - a > 0.4 * (R - L)) {
                // a wide range (e.g. the fit range) is marked by its edges, not shaded
                g.setStroke(w.color().deriveColor(0, 1, 0.7, 3));
                g.setLineDashes(2, 3);
                g.strokeLine(a, T, a, B);
                g.strokeLine(b, T, b, B);
                g.setLineDashes((double[]) null);
                continue;
            }
            g.setFill(w.color());
            if (b > a) g.fillRect(a, T, b - a, B - T);
            if (w.label() != null) { labelX.add(a + 2); labelText.add(w.label()); }
        }
        // labels of neighbouring windows go on separate lines so that none overprints another
        double[] lx = labelX.stream().mapToDouble(Double::doubleValue).toArray(), lw = new double[lx.length];
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(g.getFont());
        for (int i = 0; i < lx.length; i++) { measure.setText(labelText.get(i)); lw[i] = measure.getLayoutBounds().getWidth(); }
        int[] rows = labelRows(lx, lw);
        g.setFill(Color.rgb(60, 60, 60));
        for (int i = 0; i < lx.length; i++) g.fillText(labelText.get(i), lx[i], T + 12 + 12 * rows[i]);
        g.setStroke(Color.rgb(120, 120, 120));
        g.setLineWidth(1);
        g.strokeRect(L, T, R - L, B - T);
        g.setFill(Color.BLACK);
        var xt = Ticks.ticks(x0, x1, 6);
        double xs = xt.size() > 1 ? xt.get(1) - xt.get(0) : 1;
        for (double v : xt) {
            double px = sx.applyAsDouble(v);
            g.strokeLine(px, B, px, B + 4);
            g.fillText(Ticks.label(v, xs), px - 12, B + 16);
        }
        var yt = Ticks.ticks(y0, y1, 4);
        double ys = yt.size() > 1 ? yt.get(1) - yt.get(0) : 1;
        for (double v : yt) {
            double py = sy.applyAsDouble(v);
            g.strokeLine(L - 4, py, L, py);
            g.fillText(Ticks.label(v, ys), 20, py + 4);
        }
        g.fillText(xLabel, (L + R) / 2 - xLabel.length() * 3, H - 4);
        g.save();
        g.translate(13, (T + B) / 2 + yLabel.length() * 3);
        g.rotate(-90);
        g.fillText(yLabel, 0, 0);
        g.restore();
        double ly = T + 10;
        for (Series s : series) {
            int n = s.x().length;
            if (s.band() != null) {
                g.setFill(s.color().deriveColor(0, 1, 1, 0.18));
                for (int i = 0; i + 1 < n; i++) {
                    if (!Double.isFinite(s.y()[i]) || !Double.isFinite(s.y()[i + 1])) continue;
                    double[] xs4 = {sx.applyAsDouble(s.x()[i]), sx.applyAsDouble(s.x()[i + 1]), sx.applyAsDouble(s.x()[i + 1]), sx.applyAsDouble(s.x()[i])};
                    double[] ys4 = {sy.applyAsDouble(s.y()[i] + s.band()[i]), sy.applyAsDouble(s.y()[i + 1] + s.band()[i + 1]),
                            sy.applyAsDouble(s.y()[i + 1] - s.band()[i + 1]), sy.applyAsDouble(s.y()[i] - s.band()[i])};
                    g.fillPolygon(xs4, ys4, 4);
                }
            }
            g.setStroke(s.color());
            g.setLineWidth(1.6);
            g.setLineDashes(s.dashed() ? new double[]{6, 4} : null);
            g.beginPath();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(s.y()[i])) { pen = false; continue; }
                double px = sx.applyAsDouble(s.x()[i]), py = sy.applyAsDouble(s.y()[i]);
                if (pen) g.lineTo(px, py); else g.moveTo(px, py);
                pen = true;
            }
            g.stroke();
            g.setLineDashes((double[]) null);
            if (s.markers()) {
                g.setFill(s.color());
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(s.y()[i])) continue;
                    double px = sx.applyAsDouble(s.x()[i]), py = sy.applyAsDouble(s.y()[i]);
                    g.fillOval(px - MARKER_RADIUS, py - MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS);
                }
            }
            if (s.name() != null && !s.name().isEmpty()) {
                g.setLineDashes(s.dashed() ? new double[]{6, 4} : null);
                g.strokeLine(R + 8, ly - 4, R + 28, ly - 4);
                g.setLineDashes((double[]) null);
                if (s.markers()) {
                    g.setFill(s.color());
                    g.fillOval(R + 18 - MARKER_RADIUS, ly - 4 - MARKER_RADIUS, 2 * MARKER_RADIUS, 2 * MARKER_RADIUS);
                }
                g.setFill(Color.BLACK);
                g.fillText(s.name(), R + 32, ly);
                ly += 14;
            }
        }
    }

    /** Line (0, 1, ...) for each label starting at x[i] with width w[i], so that labels on one line keep 4 px apart. */
    static int[] labelRows(double[] x, double[] w) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (p, q) -> Double.compare(x[p], x[q]));
        java.util.List<Double> ends = new java.util.ArrayList<>();
        int[] rows = new int[x.length];
        for (int i : order) {
            int r = 0;
            while (r < ends.size() && ends.get(r) + 4 > x[i]) r++;
            if (r == ends.size()) ends.add(0.0);
            ends.set(r, x[i] + w[i]);
            rows[i] = r;
        }
        return rows;
    }
}
