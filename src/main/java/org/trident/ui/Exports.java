package org.trident.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.AtomicFiles;
import org.trident.io.Json;
import org.trident.io.Mrc;
import org.trident.model.TridentException;
import org.trident.model.Volume;
import org.trident.export.ImodExport;
import org.trident.export.VolumeExport;
import org.trident.align.Alignment;
import org.trident.render.ExportRecord;
import org.trident.render.Figure;
import org.trident.render.ImageExport;
import org.trident.render.ProfileFigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every export of the workstation, toolkit-free; each writes its file atomically and a
 * provenance JSON beside it ({@link ExportRecord}).
 */
public final class Exports {
    private Exports() {}

    /**
     * A volume as MRC (float32, voxel size in the header), or through the same engine entry as
     * {@code trident export --to hspy|emd|imagej} ({@link VolumeExport#write}): HyperSpy .hspy, EMD
     * .emd, or a calibrated ImageJ float stack .tif. Returns the file written.
     */
    public static Path volume(Path file, Dataset d, Dataset.VolumeItem item) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Volume v = item.volume();
        List<Path> sources = item.file() == null ? List.of() : List.of(item.file());
        VolumeExport.Format f = n.endsWith(".hspy") ? VolumeExport.Format.HSPY : n.endsWith(".emd") ? VolumeExport.Format.EMD
                : n.endsWith(".tif") || n.endsWith(".tiff") ? VolumeExport.Format.IMAGEJ : null;
        if (f != null) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            Path dir = file.toAbsolutePath().getParent();
            return VolumeExport.write(f, v, new VolumeExport.Quantity(item.name(), item.unit()), dir, stem, sources);
        }
        if (!n.endsWith(".mrc")) throw TridentException.file(file, "volumes are exported as .mrc, .hspy, .emd or .tif (ImageJ)");
        Mrc.write(file, v);
        ObjectNode view = Json.object().put("dataset", d.label()).put("quantity", item.name()).put("unit", item.unit())
                .put("voxelSizeNm", v.voxelSizeNm()).put("coordinates", "contract section 1: centred, x fastest");
        return ExportRecord.write(file, "volume", sources, view);
    }

    /**
     * The dataset's tilt series as IMOD takes it, into the new or empty folder {@code dir}, through
     * the entry of {@code trident export --to imod} ({@link ImodExport#export}: the same output-folder
     * rule, stem and provenance). Aligned here: the series before alignment with the alignment's
     * transforms in the .xf (as {@code export RAW --to imod --alignment RESULTS/aligned/alignment.json});
     * otherwise the series as opened with identity transforms (an aligned pipeline output as it is).
     * Returns the stack, .tlt and .xf.
     */
    public static List<Path> imod(Path dir, Dataset d) {
        if (d.series() == null) throw new TridentException(d.label() + " has no tilt series to export for IMOD");
        try {
            return imodUnchecked(dir, d);
        } catch (org.trident.io.OutputDirs.NotEmpty e) {
            // the engine's refusal names --force, which the GUI does not offer
            throw new TridentException(dir + ": the folder is not empty; choose a new or empty folder for the IMOD export");
        }
    }

    private static List<Path> imodUnchecked(Path dir, Dataset d) {
        if (d.alignedHere()) {
            Path a = d.resultsDir() == null ? null : d.resultsDir().resolve("aligned").resolve(Alignment.FILE);
            if (a == null || !java.nio.file.Files.isRegularFile(a))
                throw new TridentException("the alignment of " + d.label() + " is still being written to the results folder; export again in a moment");
            // the raw series is the quantified one when quantified here (its copy is in the results folder), else the one opened
            boolean quantifiedHere = d.rawSeries() != d.openedSeries();
            Path raw = quantifiedHere ? d.resultsDir().resolve("quantified") : d.seriesPath();
            return ImodExport.export(d.rawSeries(), raw, null, Alignment.read(a), a, dir, false);
        }
        return ImodExport.export(d.series(), d.seriesPath(), null, null, null, dir, false);
    }

    /** Profiles of {@code quantity} for every dataset that has it: dataset,quantity,depth_nm,mean,std,voxels. */
    public static Path profilesCsv(Path file, List<Dataset> datasets, String quantity) {
        StringBuilder b = new StringBuilder("dataset,quantity,depth_nm,mean,std,voxels\n");
        for (Dataset d : datasets) {
            if (d.profiles() == null) continue;
            for (var s : d.profiles().get(quantity)) {
                b.append(csv(d.label())).append(',').append(csv(quantity)).append(String.format(Locale.ROOT, ",%s,%s,%s,%d%n",
                        num(s.depthNm()), num(s.mean()), num(s.std()), s.voxels()));
            }
        }
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return ExportRecord.write(file, "depth-profiles", sources(datasets), Json.object().put("quantity", quantity));
    }

    /** The profile chart (datasets overlaid; render.ProfileFigure, as compare) as SVG, PDF or PNG/TIFF at {@code dpi} (≥ 300). */
    public static Path profileChart(Path file, List<Dataset> datasets, String quantity, double dpi) {
        List<ProfileFigure.Profile> profiles = new ArrayList<>();
        for (Dataset d : datasets) {
            if (d.profiles() == null || d.profiles().get(quantity).isEmpty()) continue;
            var sh = d.profiles().get(quantity);
            int n = sh.size();
            double[] x = new double[n], y = new double[n], sd = new double[n], sem = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = sh.get(i).depthNm();
                y[i] = sh.get(i).mean();
                sd[i] = sh.get(i).std();
                sem[i] = sh.get(i).voxels() > 0 ? sd[i] / Math.sqrt(sh.get(i).voxels()) : Double.NaN;
            }
            profiles.add(new ProfileFigure.Profile(d.label(), x, y, sd, sem, null));
        }
        if (profiles.isEmpty()) throw new TridentException("no dataset has a depth profile of " + quantity + " to chart");
        var o = new ProfileFigure.Options(ProfileFigure.Options.SINGLE_COLUMN_MM, 0, Math.max(300, dpi), ProfileFigure.Options.DEFAULT_FONT_PT,
                ProfileFigure.Band.HALFSET, null);
        ProfileFigure.write(file, ProfileFigure.chart(profiles, "depth below the surface (nm)", Quantities.label(quantity), o), o);
        return ExportRecord.write(file, "profile-chart", sources(datasets), Json.object().put("quantity", quantity).put("dpi", o.dpi())
                .put("widthMm", o.widthMm()).put("band", o.band().name()));
    }

    /** The comparison figure (datasets × quantities) as PNG or TIFF. */
    public static Path figure(Path file, FigureModel m, Figure.Options o) {
        return m.export(file, o);
    }

    /** One orthoslice of the viewer as a single-panel figure with scale bar and colour bar. */
    public static Path slice(Path file, OrthoViewModel vm, org.trident.render.Slices.Plane plane, Figure.Options o) {
        if (vm.item() == null) throw new TridentException("choose a volume in Volumes to export its slice");
        var im = org.trident.render.Slices.toImage(vm.render(plane), vm.width(plane), vm.height(plane));
        String title = vm.dataset().label() + " · " + vm.item().name() + " · " + plane + " slice " + (vm.sliceIndex(plane) + 1);
        var scale = vm.rgb() ? null : new Figure.ColourScale(vm.map(), vm.lo(), vm.hi(), Quantities.label(vm.item().baseName()));
        var fig = Figure.compose(List.of(new Figure.Row(List.of(new Figure.Panel(im, vm.item().volume().voxelSizeNm(), title)), scale)), o);
        ImageExport.write(file, fig, o.dpi());
        ObjectNode view = Json.object().put("dataset", vm.dataset().label()).put("quantity", vm.item().name()).put("plane", plane.name())
                .put("sliceIndex", vm.sliceIndex(plane)).put("colourMap", vm.rgb() ? "RGB Ni/Co/Mn" : vm.map().name())
                .put("lo", vm.lo()).put("hi", vm.hi()).put("widthMm", o.widthMm()).put("dpi", o.dpi());
        view.putArray("cursorNm").add(vm.cursor().xNm()).add(vm.cursor().yNm()).add(vm.cursor().zNm());
        return ExportRecord.write(file, "slice", vm.item().file() == null ? List.of() : List.of(vm.item().file()), view);
    }

    private static List<Path> sources(List<Dataset> ds) {
        List<Path> out = new ArrayList<>();
        for (Dataset d : ds) {
            if (d.source() == null) continue;
            Path csv = d.source().resolve("analysis/depth-profiles.csv");
            if (java.nio.file.Files.isRegularFile(csv)) out.add(csv);
        }
        return out;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
