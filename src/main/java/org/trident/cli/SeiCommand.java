package org.trident.cli;

import org.trident.io.OutputDirs;
import org.trident.sei.SeiAnalysis;
import org.trident.sei.SeiParams;
import org.trident.sei.SeiResult;
import org.trident.sei.SeiWriter;
import org.trident.sei.study.Study;
import org.trident.sei.study.StudyReader;
import org.trident.sei.xps.Backgrounds;
import org.trident.model.TridentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident sei STUDY --out DIR}: the correlative SEI study (contract section 8, docs/sei.md). */
@Command(name = "sei", mixinStandardHelpOptions = true,
        description = {"Analyse a correlative SEI study (trident.sei-study/1) against Coulomb efficiency.",
                "Map uniformity metrics, XPS component fractions, their correlations with Coulomb efficiency and composition, and the optimum composition.",
                "Writes metrics.csv, spectra.csv, correlations.csv, optimum.json, histograms.csv, figures (PNG, SVG, PDF) and provenance.json."})
public final class SeiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STUDY", description = "The study folder (or its study.json).")
    Path study;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--cycles", paramLabel = "K|K-L", description = "Figure of merit: Coulomb efficiency of cycle K, or the mean of cycles K..L (1-based; default the first cycle).")
    String cycles;

    @Option(names = "--background", paramLabel = "shirley|linear", description = "XPS background under each region (default Shirley).")
    String background;

    @Option(names = "--bootstrap", paramLabel = "N", description = "Bootstrap resamples for the optimum's 95%% interval (default in SeiParams: 2000).")
    Integer bootstrap;

    @Option(names = "--no-figures", description = "Write the tables and optimum.json only (no PNG, SVG, PDF).")
    boolean noFigures;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Instant started = Instant.now();
        SeiParams p = SeiParams.defaults();
        if (cycles != null) p = p.withCycles(cycles);
        if (background != null) {
            try {
                p = p.withXps(p.xps().withBackground(Backgrounds.Kind.valueOf(background.trim().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException e) {
                throw new TridentException("--background takes shirley or linear, got '" + background + "'");
            }
        }
        if (bootstrap != null) p = new SeiParams(p.cycleFrom(), p.cycleTo(), p.thresholdRelative(), bootstrap, p.seed(), p.histogramBins(), p.xps());
        Study s = StudyReader.read(study);
        OutputDirs.prepare(out, force, s.dir());
        SeiResult r = SeiAnalysis.run(s, p, new CliProgress(false));
        List<Path> written = SeiWriter.write(r, out, started, 1, !noFigures); // the analysis is single-threaded (seconds per study)
        var ce = r.ceOptimum();
        System.out.printf(Locale.ROOT, "study %s: %d samples, %d maps, %d spectral components%n", s.name(), s.samples().size(), r.maps().size(), r.spectra().size());
        System.out.printf(Locale.ROOT, "optimum %s (cycles %s): %.2f %s (95%% CI %.2f-%.2f)%s%n", s.compositionName(), p.cyclesText(), ce.x(), s.compositionUnit(),
                ce.ciLow(), ce.ciHigh(), ce.atEdge() ? ", at the edge of the measured range" : "");
        int shown = 0;
        for (String n : r.notes()) if (shown++ < 12) System.out.println("note: " + n);
        if (r.notes().size() > 12) System.out.println("(" + (r.notes().size() - 12) + " more notes in provenance.json)");
        System.out.println("wrote " + written.size() + " files to " + out);
        return 0;
    }
}
