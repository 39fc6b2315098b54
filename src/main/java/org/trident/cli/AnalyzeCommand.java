package org.trident.cli;

import org.trident.analysis.AnalysisInputs;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.AnalysisResult;
import org.trident.analysis.AnalysisWriter;
import org.trident.analysis.Analyzer;
import org.trident.analysis.Profiles;
import org.trident.analysis.ReconstructionReader;
import org.trident.io.OutputDirs;
import org.trident.model.TridentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident analyze RECON_DIR --out DIR}: derived volumes, depth profiles and the surface/bulk summary. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Derive mask, depth-nm, fraction-<El>, valence-<El> and inhomogeneity volumes from a reconstruct output, "
                + "and write depth-profiles.csv, depth-profiles-by-particle.csv, summary.csv and analysis.json.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECON_DIR", description = "A reconstruct output folder (or its reconstruction.json).")
    Path recon;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty, or use --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--surface-nm", paramLabel = "NM", description = "Surface = depth below this (default: ${DEFAULT-VALUE} nm).")
    double surfaceNm = 10;

    @Option(names = "--bulk-nm", paramLabel = "NM", description = "Bulk = depth at or beyond this (default: ${DEFAULT-VALUE} nm).")
    double bulkNm = 40;

    @Option(names = "--shell-nm", paramLabel = "W", description = "Depth-profile shell width in nm (default: one voxel).")
    Double shellNm;

    @Option(names = "--threshold", paramLabel = "T", converter = Checked.FiniteDouble.class, description = "ADF threshold for the mask (default: Otsu's).")
    Double threshold;

    @Option(names = "--min-particle-voxels", paramLabel = "N",
            description = "Smallest component kept as a particle (default: the larger of 27 voxels and 1 %% of the largest component).")
    Integer minParticleVoxels;

    @Option(names = "--min-void-voxels", paramLabel = "N",
            description = "Enclosed background pockets smaller than this are noise and count as material (default: ${DEFAULT-VALUE}).")
    int minVoidVoxels = 8;

    @Option(names = "--weak-fraction", paramLabel = "F",
            description = "A ratio is NaN where its denominator is at most F times its median over the mask (default: ${DEFAULT-VALUE}).")
    double weakFraction = 0.2;

    @Option(names = "--smooth-voxels", paramLabel = "SIGMA",
            description = "Gaussian smoothing (voxels) of the channels inside the mask before ratios, for low dose (default: none).")
    double smoothVoxels = 0;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        AnalysisParams params = new AnalysisParams(surfaceNm, bulkNm, shellNm == null ? Double.NaN : shellNm,
                threshold == null ? Double.NaN : threshold, minParticleVoxels == null ? -1 : minParticleVoxels,
                minVoidVoxels, weakFraction, smoothVoxels, common.threads());
        var problems = params.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        OutputDirs.prepare(out, force, recon);
        AnalysisInputs in = ReconstructionReader.read(recon);
        AnalysisResult r;
        try {
            r = Analyzer.analyze(in, params, new CliProgress(false));
        } catch (TridentException e) {
            throw TridentException.file(recon, e.getMessage(), e);
        }
        AnalysisWriter.write(r, out);
        System.out.print(report(r));
        return 0;
    }

    static String report(AnalysisResult r) {
        StringBuilder b = new StringBuilder();
        var m = r.mask();
        b.append(String.format(Locale.ROOT, "%d particle(s), %d material voxels (threshold %.4g, %s)%n", m.particles(),
                m.materialVoxels(), m.threshold(), m.thresholdRule()));
        b.append(String.format(Locale.ROOT, "%-16s %12s %12s%n", "quantity", "surface", "bulk"));
        for (Profiles.Summary s : r.summary()) {
            b.append(String.format(Locale.ROOT, "%-16s %12.4g %12.4g%n", s.quantity(), s.surfaceMean(), s.bulkMean()));
        }
        for (String n : r.notes()) b.append("note: ").append(n).append('\n');
        return b.toString();
    }
}
