package org.trident.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.trident.render.Contrast;
import org.trident.render.TransferFunction;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Edits a volume rendering's transfer function over the volume's histogram: the opacity ramp as
 * points joined by lines (square-root scale, so the small opacities that matter are readable),
 * the colour of each value in a strip beneath. Drag a point to move it, click elsewhere to add
 * one, right-click a point to remove it. Changes are reported while dragging (final = false)
 * and on release (final = true).
 */
public final class TransferFunctionEditor extends Canvas {
    private static final double STRIP = 10, PAD = 4, PICK = 7;
    private TransferFunction tf;
    private Contrast.Histogram hist;
    private String unit = "";
    private int dragged = -1;
    private BiConsumer<TransferFunction, Boolean> onChange = (t, f) -> {};

    public TransferFunctionEditor() {
        super(420, 96);
        setOnMousePressed(e -> {
            if (tf == null) return;
            int near = pick(e.getX(), e.getY());
            if (e.getButton() == MouseButton.SECONDARY) {
                if (near >= 0) change(tf.removed(near), true);
                return;
            }
            if (near < 0) {
                tf = tf.withPoint(value(e.getX()), opacity(e.getY()));
                near = tf.nearest(value(e.getX()));
            }
            dragged = near;
            change(tf, false);
        });
        setOnMouseDragged(e -> {
            if (tf == null || dragged < 0) return;
            change(tf.moved(dragged, value(e.getX()), opacity(e.getY())), false);
        });
        setOnMouseReleased(e -> {
            if (tf != null && dragged >= 0) change(tf, true);
            dragged = -1;
        });
    }

    public void setOnChange(BiConsumer<TransferFunction, Boolean> c) { onChange = c; }
    public TransferFunction function() { return tf; }

    public void set(TransferFunction f, Contrast.Histogram h, String unit) {
        tf = f;
        hist = h;
        this.unit = unit == null ? "" : unit;
        draw();
    }

    private void change(TransferFunction f, boolean fin) {
        tf = f;
        draw();
        onChange.accept(f, fin);
    }

    private double lo() { return Math.min(hist.min(), tf.value(0)); }
    private double hi() { return Math.max(hist.max(), tf.value(tf.points() - 1)); }
    private double plotH() { return getHeight() - STRIP - 2 * PAD - 12; }
    private double x(double v) { return PAD + (v - lo()) / (hi() - lo()) * (getWidth() - 2 * PAD); }
    private double value(double x) { return lo() + (x - PAD) / (getWidth() - 2 * PAD) * (hi() - lo()); }
    private double y(double a) { return PAD + plotH() * (1 - Math.sqrt(a)); }
    private double opacity(double y) { double s = 1 - (y - PAD) / plotH(); return Math.max(0, Math.min(1, s * s)); }

    private int pick(double px, double py) {
        for (int i = 0; i < tf.points(); i++) if (Math.hypot(x(tf.value(i)) - px, y(tf.opacityAt(i)) - py) <= PICK) return i;
        return -1;
    }

    private void draw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(Color.rgb(28, 28, 32));
        g.fillRect(0, 0, w, h);
        if (tf == null || hist == null) return;
        long max = 1;
        for (long c : hist.counts()) max = Math.max(max, c);
        g.setFill(Color.gray(0.35));
        int bins = hist.counts().length;
        for (int b = 0; b < bins; b++) {
            double v0 = hist.min() + b * hist.binWidth();
            double x0 = x(v0), x1 = x(v0 + hist.binWidth());
            double bh = plotH() * Math.log1p(hist.counts()[b]) / Math.log1p(max);
            g.fillRect(x0, PAD + plotH() - bh, Math.max(1, x1 - x0), bh);
        }
        double stripY = PAD + plotH() + 2;
        for (int px = (int) PAD; px < w - PAD; px++) {
            int c = tf.argb(value(px + 0.5));
            g.setFill(Color.rgb(c >> 16 & 255, c >> 8 & 255, c & 255));
            g.fillRect(px, stripY, 1, STRIP);
        }
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.5);
        g.beginPath();
        g.moveTo(PAD, y(tf.opacityAt(0)));
        for (int i = 0; i < tf.points(); i++) g.lineTo(x(tf.value(i)), y(tf.opacityAt(i)));
        g.lineTo(w - PAD, y(tf.opacityAt(tf.points() - 1)));
        g.stroke();
        g.setFill(Color.WHITE);
        for (int i = 0; i < tf.points(); i++) g.fillOval(x(tf.value(i)) - 4, y(tf.opacityAt(i)) - 4, 8, 8);
        g.setFont(Font.font(10));
        g.fillText(String.format(Locale.ROOT, "%s  …  %s %s   opacity per voxel (√ scale, top = 1)", Quantities.format(lo()), Quantities.format(hi()), unit),
                PAD, h - 2);
    }
}
