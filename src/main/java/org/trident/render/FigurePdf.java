package org.trident.render;

import org.trident.io.AtomicFiles;

import java.nio.file.Path;

/**
 * A composed figure as one PDF page exactly {@code widthMm} wide: the slice panels, letters, titles
 * and colour bars as one lossless image at the figure's dpi, and every profile panel drawn over its
 * cell as vectors (lines and embedded DejaVu Sans text) by the same {@link ProfileChart} code as
 * the stand-alone profile figures.
 */
public final class FigurePdf {
    private FigurePdf() {}

    public static void write(Path file, Figure.Composition c, Figure.Options o) {
        double wPt = o.widthMm() / 25.4 * 72, hPt = c.image().getHeight() * wPt / c.image().getWidth();
        double s = wPt / c.image().getWidth(); // pt per figure pixel, = 72/dpi up to the pixel rounding of the width
        AtomicFiles.write(file, out -> {
            PdfPen pen = new PdfPen(wPt, hPt);
            pen.image(c.image(), 0, 0, wPt, hPt);
            for (Figure.ChartCell cell : c.charts()) {
                int cw = Figure.chartPt(cell.w(), o.dpi()), ch = Figure.chartPt(cell.h(), o.dpi());
                pen.place(cell.x() * s, cell.y() * s, cell.w() * s / cw);
                cell.chart().draw(pen, cw, ch);
                pen.endPlace();
            }
            pen.finish(out);
        });
    }
}
