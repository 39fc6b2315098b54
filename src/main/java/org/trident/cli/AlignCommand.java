package org.trident.cli;

import org.trident.align.AlignMethod;
import org.trident.align.AlignParams;
import org.trident.align.Alignment;
import org.trident.align.Interpolation;
import org.trident.io.OutputDirs;
import org.trident.job.Progress;
import org.trident.job.RunContext;
import org.trident.pipeline.AlignStep;
import org.trident.pipeline.Bundle;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident align BUNDLE --out DIR}: estimate shifts and tilt axis on one channel, apply them to all. */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Align a tilt series: shifts and tilt axis estimated on the ADF channel (or --channel),",
                "applied to every channel. Writes the aligned bundle, alignment.json and alignment-report.csv."})
public final class AlignCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Raw tilt-series bundle (folder or its tiltseries.json).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (new or empty; see --force).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--channel", paramLabel = "NAME", description = "Image channel to estimate on (default: the ADF channel).")
    String channel;

    @Option(names = "--method", paramLabel = "LIST", description = "auto (default: rotation,xcorr,com,pm), none, or a comma list of rotation, xcorr, com, offset, pm.")
    String method;

    @Option(names = "--manual", paramLabel = "FILE", description = "Start from this alignment (alignment.json or CSV with dx,dy columns); applied as is unless --method is given.")
    Path manual;

    @Option(names = "--rotation", paramLabel = "DEG", description = "Tilt-axis rotation prior (default: the bundle's tiltAxis.rotationDeg, else 0).")
    Double rotation;

    @Option(names = "--rotation-range", paramLabel = "DEG", description = "Search the rotation within prior ± this (default 10; 90 searches every direction).")
    double rotationRange = AlignParams.defaults().rotationRangeDeg();

    @Option(names = "--max-shift", paramLabel = "PX", description = "Largest shift between neighbouring tilts (default 16).")
    double maxShift = AlignParams.defaults().maxShiftPx();

    @Option(names = "--max-offset", paramLabel = "PX", description = "Tilt-axis offsets searched in ± this (default 8).")
    double maxOffset = AlignParams.defaults().maxOffsetPx();

    @Option(names = "--iterations", paramLabel = "N", description = "Largest number of projection-matching rounds (default 30).")
    int iterations = AlignParams.defaults().pmMaxIterations();

    @Option(names = "--tolerance", paramLabel = "PX", description = "Projection matching stops when shifts change by less than this (default 0.05).")
    double tolerance = AlignParams.defaults().pmTolerancePx();

    @Option(names = "--interpolation", paramLabel = "KIND", description = "cubic (default) or linear, for every channel.")
    String interpolation = "cubic";

    @Option(names = "--no-centre", description = "Do not move the object's centre of mass to the volume centre.")
    boolean noCentre;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Bundle in = Bundle.read(bundle);
        TiltSeries ts = in.series();
        Interpolation ip = Interpolation.parse(interpolation);
        Alignment start = manual == null ? null : Alignment.read(manual);
        if (start != null && start.tilts() != ts.tilts()) {
            throw TridentException.file(manual, "has " + start.tilts() + " shifts but the series has " + ts.tilts() + " tilts");
        }
        List<AlignMethod> methods = method != null ? AlignMethod.parseList(method) : (start != null ? List.of() : AlignMethod.defaults());
        AlignParams d = AlignParams.defaults();
        double prior = rotation != null ? rotation : ts.extra().path("tiltAxis").path("rotationDeg").asDouble(0.0);
        AlignParams p = new AlignParams(methods, prior, rotationRange, maxShift, d.lowCutoff(), d.highCutoff(), d.taperFraction(),
                maxOffset, iterations, tolerance, d.sirtIterations(), !noCentre, ip);
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        if (start == null && rotation != null) start = Alignment.identity(ts.tilts()).withRotation(rotation);
        if (channel != null && ts.channel(channel) == null) {
            throw TridentException.file(bundle, "channel " + channel + " not found (channels: "
                    + String.join(", ", ts.channels().stream().map(c -> c.name()).toList()) + ")");
        }
        OutputDirs.prepare(out, force, bundle);
        Progress progress = new ConsoleProgress(common.verbose);
        AlignStep step = new AlignStep();
        AlignStep.Result res = step.run(new AlignStep.Input(in, channel, start), p, RunContext.of(common.threads(), progress));
        step.write(res, out, progress);
        Alignment a = res.alignment();
        for (String n : res.estimate().notes()) System.out.println(n);
        System.out.printf(Locale.ROOT, "tilt axis rotation %.2f°, offset %.2f px; wrote %s%n", a.tiltAxisRotationDeg(), a.tiltAxisOffsetPx(), out);
        return 0;
    }

    /** Prints phase changes to stderr (and status lines with --verbose), at most once a second. */
    static final class ConsoleProgress implements Progress {
        private final boolean verbose;
        private long last;

        ConsoleProgress(boolean verbose) {
            this.verbose = verbose;
        }

        @Override public synchronized void start(String message, long total) {
            long now = System.nanoTime();
            if (now - last > 1_000_000_000L) {
                System.err.println(message + "…");
                last = now;
            }
        }

        @Override public void advance(long units) {}

        @Override public synchronized void message(String m) {
            if (verbose) System.err.println(m);
        }

        @Override public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
