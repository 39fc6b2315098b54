package org.trident.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A dark, resizable view of one ARGB image, enlarged by nearest neighbour with its aspect kept
 * (pixels may be non-square: {@code pixelAspect} = height/width of one pixel on screen), with an
 * optional crosshair, a selection rectangle and a caption. Reports mouse positions in image
 * pixel coordinates (fractional, column and row).
 */
public class ImageCanvas extends Region {
    public interface PixelHandler {
        void at(double col, double row, boolean dragging, boolean released);
    }

    static final Color BACKGROUND = Color.rgb(24, 24, 28);

    private final Canvas canvas = new Canvas();
    private WritableImage image;
    private int w, h;
    private double pixelAspect = 1;
    private double crossCol = Double.NaN, crossRow = Double.NaN;
    private double[] rect;
    private String caption = "";
    private String overlay = "";
    private PixelHandler onPixel;
    private PixelHandler onHover;
    private Runnable extraPaint;

    public ImageCanvas() {
        getChildren().add(canvas);
        setMinSize(80, 80);
        setPrefSize(300, 300);
        canvas.setOnMousePressed(e -> fire(onPixel, e.getX(), e.getY(), false, false));
        canvas.setOnMouseDragged(e -> fire(onPixel, e.getX(), e.getY(), true, false));
        canvas.setOnMouseReleased(e -> fire(onPixel, e.getX(), e.getY(), true, true));
        canvas.setOnMouseMoved(e -> fire(onHover, e.getX(), e.getY(), false, false));
    }

    public void setOnPixel(PixelHandler h) { onPixel = h; }
    public void setOnHover(PixelHandler h) { onHover = h; }
    public void setCaption(String c) { caption = c == null ? "" : c; paint(); }
    /** A second line at the bottom, e.g. the tilt-axis note. */
    public void setOverlay(String o) { overlay = o == null ? "" : o; paint(); }
    public void setExtraPaint(Runnable r) { extraPaint = r; }

    public void setImage(int[] argb, int width, int height, double aspect) {
        if (argb == null || width <= 0 || height <= 0 || argb.length != width * height) {
            image = null;
        } else {
            if (image == null || w != width || h != height) image = new WritableImage(width, height);
            image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        }
        w = width;
        h = height;
        pixelAspect = aspect > 0 ? aspect : 1;
        paint();
    }

    public void setCrosshair(double col, double row) {
        crossCol = col;
        crossRow = row;
        paint();
    }

    /** A selection in image pixels {c0, r0, c1, r1}, or null. */
    public void setRect(double[] r) {
        rect = r;
        paint();
    }

    public boolean hasImage() { return image != null; }

    /** Screen rectangle of the image: {x, y, scale (screen px per image column)}. */
    double[] placement() {
        double cw = canvas.getWidth(), ch = canvas.getHeight() - 18;
        if (w == 0 || h == 0) return new double[]{0, 0, 1};
        double s = Math.min(cw / w, ch / (h * pixelAspect));
        double x = (cw - s * w) / 2, y = 18 + (ch - s * h * pixelAspect) / 2;
        return new double[]{x, y, s};
    }

    /** Converts a screen point to image (col, row). */
    public double[] toImage(double sx, double sy) {
        double[] p = placement();
        return new double[]{(sx - p[0]) / p[2] - 0.5, (sy - p[1]) / (p[2] * pixelAspect) - 0.5};
    }

    /** Converts image (col, row) (pixel centres at integers) to a screen point. */
    public double[] toScreen(double col, double row) {
        double[] p = placement();
        return new double[]{p[0] + (col + 0.5) * p[2], p[1] + (row + 0.5) * p[2] * pixelAspect};
    }

    public GraphicsContext graphics() { return canvas.getGraphicsContext2D(); }

    private void fire(PixelHandler hnd, double sx, double sy, boolean drag, boolean rel) {
        if (hnd == null || image == null) return;
        double[] q = toImage(sx, sy);
        if (!drag && (q[0] < -0.5 || q[1] < -0.5 || q[0] > w - 0.5 || q[1] > h - 0.5)) return;
        hnd.at(Math.max(0, Math.min(w - 1, q[0])), Math.max(0, Math.min(h - 1, q[1])), drag, rel);
    }

    @Override
    protected void layoutChildren() {
        double cw = snapSizeX(getWidth()), ch = snapSizeY(getHeight());
        if (canvas.getWidth() != cw || canvas.getHeight() != ch) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            paint();
        }
    }

    public void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double cw = canvas.getWidth(), ch = canvas.getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, cw, ch);
        g.setFill(Color.rgb(210, 210, 215));
        g.setFont(Font.font(12));
        g.fillText(caption, 6, 13);
        if (image == null) return;
        double[] p = placement();
        g.setFill(Color.rgb(48, 48, 54)); // "no data" shows as this grey, never as a colour of the map
        g.fillRect(p[0], p[1], p[2] * w, p[2] * h * pixelAspect);
        g.setImageSmoothing(false);
        g.drawImage(image, p[0], p[1], p[2] * w, p[2] * h * pixelAspect);
        if (Double.isFinite(crossCol)) {
            double[] s = toScreen(crossCol, crossRow);
            g.setStroke(Color.rgb(255, 255, 255, 0.55));
            g.setLineWidth(1);
            g.strokeLine(p[0], s[1], p[0] + p[2] * w, s[1]);
            g.strokeLine(s[0], p[1], s[0], p[1] + p[2] * h * pixelAspect);
        }
        if (rect != null) {
            double[] a = toScreen(Math.min(rect[0], rect[2]) - 0.5, Math.min(rect[1], rect[3]) - 0.5);
            double[] b = toScreen(Math.max(rect[0], rect[2]) + 0.5, Math.max(rect[1], rect[3]) + 0.5);
            g.setStroke(Color.rgb(255, 200, 60));
            g.setLineWidth(1.5);
            g.strokeRect(a[0], a[1], b[0] - a[0], b[1] - a[1]);
        }
        if (extraPaint != null) extraPaint.run();
        if (!overlay.isEmpty()) {
            g.setFill(Color.rgb(210, 210, 215));
            g.fillText(overlay, 6, ch - 6);
        }
    }
}
