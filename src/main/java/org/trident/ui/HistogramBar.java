package org.trident.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.trident.render.ColorMap;
import org.trident.render.Contrast;

import java.util.function.BiConsumer;

/**
 * The histogram of the shown volume (log counts) with the colour map drawn under it between the
 * contrast limits: it is the on-screen colour bar, and dragging in it sets the limits (left button
 * the low one, right button the high one).
 */
public final class HistogramBar extends Canvas {
    private Contrast.Histogram hist;
    private ColorMap map = ColorMap.VIRIDIS;
    private double lo, hi;
    private String unit = "";
    private BiConsumer<Double, Double> onLimits = (a, b) -> {};

    public HistogramBar() {
        super(230, 34);
        setOnMousePressed(e -> drag(e.getX(), e.getButton()));
        setOnMouseDragged(e -> drag(e.getX(), e.getButton()));
    }

    public void setOnLimits(BiConsumer<Double, Double> c) { onLimits = c; }

    public void set(Contrast.Histogram h, ColorMap m, double lo, double hi, String unit) {
        this.hist = h;
        this.map = m;
        this.lo = lo;
        this.hi = hi;
        this.unit = unit == null ? "" : unit;
        paint();
    }

    private double valueAt(double x) {
        return hist.min() + x / getWidth() * (hist.max() - hist.min());
    }

    private void drag(double x, MouseButton b) {
        if (hist == null) return;
        double v = valueAt(Math.max(0, Math.min(getWidth(), x)));
        if (b == MouseButton.SECONDARY) onLimits.accept(lo, Math.max(v, lo));
        else onLimits.accept(Math.min(v, hi), hi);
    }

    private void paint() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(Color.rgb(30, 30, 34));
        g.fillRect(0, 0, w, h);
        if (hist == null || hist.finite() == 0) return;
        double span = hist.max() - hist.min();
        // colour strip: each x gets the colour its value has with the current limits
        for (int x = 0; x < w; x++) {
            double v = hist.min() + (x + 0.5) / w * span;
            int c = map.argb((v - lo) / (hi - lo));
            g.setFill(Color.rgb(c >> 16 & 255, c >> 8 & 255, c & 255));
            g.fillRect(x, h - 8, 1, 8);
        }
        long max = 1;
        for (long c : hist.counts()) max = Math.max(max, c);
        double lmax = Math.log1p(max);
        int n = hist.counts().length;
        g.setFill(Color.rgb(190, 190, 196));
        for (int i = 0; i < n; i++) {
            double bh = Math.log1p(hist.counts()[i]) / lmax * (h - 12);
            g.fillRect(i * w / n, h - 9 - bh, Math.max(1, w / n), bh);
        }
        g.setStroke(Color.rgb(255, 200, 60));
        for (double v : new double[]{lo, hi}) {
            double x = (v - hist.min()) / span * w;
            if (x >= 0 && x <= w) g.strokeLine(x, 0, x, h);
        }
        g.setFill(Color.rgb(220, 220, 225));
        g.setFont(Font.font(9));
        g.fillText(Quantities.format(hist.min()), 2, 9);
        String r = Quantities.format(hist.max()) + (unit.isEmpty() ? "" : " " + unit);
        g.fillText(r, w - 6 * r.length() - 2, 9);
    }
}
