package org.trident.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.trident.render.CategoricalColors;

import java.util.Locale;
import java.util.Map;

/**
 * The cost of each term per iteration of a low-dose run (data, HAADF link, TV), each curve
 * scaled to its own largest value so that terms of very different size can be read together;
 * the legend gives each term's latest value.
 */
final class CostChart extends Canvas {
    private Map<String, double[]> curves = Map.of();
    private int iterations;

    CostChart() {
        super(300, 170);
        setId("recon-cost-chart");
        draw();
    }

    Map<String, double[]> curves() { return curves; }

    void show(Map<String, double[]> c, int planned) {
        curves = c;
        iterations = planned;
        draw();
    }

    private void draw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), h = getHeight(), left = 8, top = 8, plotH = 80, plotW = w - 16;
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setStroke(Color.GREY);
        g.strokeRect(left, top, plotW, plotH);
        g.setFont(Font.font(10));
        g.setFill(Color.BLACK);
        if (curves.isEmpty()) {
            g.fillText("Cost per term appears here during a low-dose run", left + 4, top + plotH / 2);
            return;
        }
        int n = Math.max(2, iterations);
        int k = 0;
        double ly = top + plotH + 12;
        for (var e : curves.entrySet()) {
            double[] v = e.getValue();
            double max = 0;
            for (double x : v) if (Double.isFinite(x)) max = Math.max(max, Math.abs(x));
            Color c = colour(k++);
            g.setStroke(c);
            g.setLineWidth(1.5);
            g.beginPath();
            for (int i = 0; i < v.length; i++) {
                double y = max > 0 && Double.isFinite(v[i]) ? v[i] / max : 0;
                double px = left + plotW * i / (n - 1.0), py = top + plotH * (1 - y);
                if (i == 0) g.moveTo(px, py); else g.lineTo(px, py);
            }
            g.stroke();
            if (ly < h - 2) {
                g.setFill(c);
                g.fillRect(left, ly - 7, 8, 8);
                g.setFill(Color.BLACK);
                g.fillText(String.format(Locale.ROOT, "%s  %.4g (it. %d)", e.getKey(), v.length == 0 ? Double.NaN : v[v.length - 1], v.length), left + 12, ly);
                ly += 12;
            }
        }
    }

    private static Color colour(int i) {
        java.awt.Color c = CategoricalColors.get(i);
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }
}
