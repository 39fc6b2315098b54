package org.trident.render;

import org.trident.io.AtomicFiles;
import org.trident.model.TridentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one builder of depth-profile figures, shared by {@code compare}, {@code pipeline --figures}
 * and the GUI's Export: journal sizes in millimetres, text 8 pt (ticks 7 pt) at that size, PNG and
 * TIFF at ≥ 300 dpi with the resolution stored, PDF and SVG as vectors with the physical size,
 * DejaVu Sans embedded in PDFs, a true minus sign, line styles and markers as well as colours, and
 * error bands from the half-set error (else the s.e.m.) unless the voxel spread is asked for.
 */
public final class ProfileFigure {
    private ProfileFigure() {}

    /** What the shaded band around each mean shows. */
    public enum Band {
        /** ± the half-set error of the shell mean; the s.e.m. where a profile has no half sets. */
        HALFSET,
        /** ± std / sqrt(voxels), which treats voxels as independent (an underestimate). */
        SEM,
        /** ± the std of the voxel values in the shell: the spread, not an error of the mean. */
        SPREAD,
        NONE
    }

    /**
     * One dataset's profile; {@code sem}, {@code halfsetErr} may be null (not known). A shell fit's
     * profile ({@code fitted}) has no voxel spread or s.e.m.; its 1 σ fit error stands in
     * {@code halfsetErr} (both are errors of the shell's value) and the band's note says so.
     */
    public record Profile(String label, double[] depthNm, double[] mean, double[] std, double[] sem, double[] halfsetErr, boolean fitted) {
        public Profile(String label, double[] depthNm, double[] mean, double[] std, double[] sem, double[] halfsetErr) {
            this(label, depthNm, mean, std, sem, halfsetErr, false);
        }
    }

    /**
     * Size and content. Single column is 85 mm wide, double 175 mm; height 0 = 0.68 × width.
     * {@code dpi} applies to PNG and TIFF (at least 300); {@code title} may be null.
     */
    public record Options(double widthMm, double heightMm, double dpi, double fontPt, Band band, String title) {
        public static final double SINGLE_COLUMN_MM = 85, DOUBLE_COLUMN_MM = 175, DEFAULT_DPI = 600, DEFAULT_FONT_PT = 8;
        public static final Options DEFAULT = new Options(SINGLE_COLUMN_MM, 0, DEFAULT_DPI, DEFAULT_FONT_PT, Band.HALFSET, null);

        public Options {
            if (!(widthMm >= 30 && widthMm <= 500)) throw new TridentException("figure width must be 30–500 mm, got " + widthMm);
            if (heightMm == 0) heightMm = Math.round(widthMm * 0.68);
            if (!(heightMm >= 20 && heightMm <= 500)) throw new TridentException("figure height must be 20–500 mm, got " + heightMm);
            if (!(dpi >= 300 && dpi <= 2400)) throw new TridentException("figure resolution must be 300–2400 dpi, got " + dpi);
            if (!(fontPt >= 5 && fontPt <= 14)) throw new TridentException("figure text must be 5–14 pt, got " + fontPt);
            if (band == null) band = Band.HALFSET;
        }

        public Options withBand(Band b) { return new Options(widthMm, heightMm, dpi, fontPt, b, title); }
        public Options withTitle(String t) { return new Options(widthMm, heightMm, dpi, fontPt, band, t); }
        public Options withWidth(double mm) { return new Options(mm, 0, dpi, fontPt, band, title); }

        int widthPt() { return (int) Math.round(widthMm / 25.4 * 72); }
        int heightPt() { return (int) Math.round(heightMm / 25.4 * 72); }
    }

    /** The chart of {@code profiles} with bands as {@code o.band()} says. */
    public static ProfileChart chart(List<Profile> profiles, String xLabel, String yLabel, Options o) {
        List<ProfileChart.Series> series = new ArrayList<>();
        boolean semFallback = false, anyFit = false, allFit = !profiles.isEmpty();
        for (Profile p : profiles) {
            int n = p.mean().length;
            anyFit |= p.fitted();
            allFit &= p.fitted();
            double[] err = switch (o.band()) {
                case NONE -> null;
                case SPREAD -> p.std();
                case SEM -> semOf(p);
                case HALFSET -> anyFinite(p.halfsetErr()) ? p.halfsetErr() : null;
            };
            if (o.band() == Band.HALFSET && err == null) {
                err = semOf(p);
                semFallback = true;
            }
            double[] lo = null, hi = null;
            if (err != null) {
                lo = new double[n];
                hi = new double[n];
                for (int i = 0; i < n; i++) {
                    lo[i] = p.mean()[i] - err[i];
                    hi[i] = p.mean()[i] + err[i];
                }
            }
            series.add(new ProfileChart.Series(p.label(), p.depthNm(), p.mean(), lo, hi));
        }
        String note = switch (o.band()) {
            case NONE -> null;
            case SPREAD -> "band: \u00b1 std of voxel values (spread)";
            case SEM -> "band: \u00b1 s.e.m. (voxels as independent)";
            case HALFSET -> allFit ? "band: \u00b1 1\u03c3 of the shell fit"
                    : (semFallback ? "band: \u00b1 half-set error (s.e.m. where no half sets)" : "band: \u00b1 half-set error")
                    + (anyFit ? "; shell fit: \u00b1 1\u03c3" : "");
        };
        return new ProfileChart(o.title(), xLabel, yLabel, series).print(o.fontPt(), note);
    }

    private static double[] semOf(Profile p) {
        if (p.sem() != null && anyFinite(p.sem())) return p.sem();
        return null;
    }

    private static boolean anyFinite(double[] v) {
        if (v == null) return false;
        for (double x : v) if (Double.isFinite(x)) return true;
        return false;
    }

    /** Writes the chart by the file's extension: .pdf, .svg (vector, physical size), .png, .tif/.tiff (at o.dpi()). */
    public static void write(Path file, ProfileChart chart, Options o) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int w = o.widthPt(), h = o.heightPt();
        if (n.endsWith(".pdf")) {
            chart.writePdf(file, w, h);
        } else if (n.endsWith(".svg")) {
            String svg = chart.toSvg(w, h).replaceFirst("width=\"" + w + "\" height=\"" + h + "\"",
                    String.format(Locale.ROOT, "width=\"%.1fmm\" height=\"%.1fmm\"", w * 25.4 / 72, h * 25.4 / 72));
            AtomicFiles.write(file, svg.getBytes(StandardCharsets.UTF_8));
        } else if (n.endsWith(".png") || n.endsWith(".tif") || n.endsWith(".tiff")) {
            ImageExport.write(file, chart.toImage(w, h, o.dpi() / 72.0), o.dpi());
        } else {
            throw TridentException.file(file, "figures are written as .pdf, .svg, .png or .tif");
        }
    }
}
