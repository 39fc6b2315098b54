package org.trident.cli;

import org.trident.align.AlignMethod;
import org.trident.align.AlignParams;
import org.trident.align.Alignment;
import org.trident.align.Interpolation;
import org.trident.io.OutputDirs;
import org.trident.job.RunContext;
import org.trident.pipeline.AlignStep;
import org.trident.pipeline.Bundle;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Stages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trident align BUNDLE --out DIR}: estimate shifts and tilt axis on one channel, apply them to all. */
@Command(name = "align", mixinStandardHelpOptions = true,
        header = "Align a tilt series: shifts and tilt axis from the ADF channel, applied to every channel.",
        description = {"Align a tilt series on its ADF channel and apply the result to every channel.",
                "Shifts and tilt axis are estimated on the ADF channel (or --channel),",
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

    @Option(names = "--rotation-range", paramLabel = "DEG", description = "Search the rotation within prior ± this (default: ${DEFAULT-VALUE}; 90 searches every direction).")
    double rotationRange = AlignParams.defaults().rotationRangeDeg();

    @Option(names = "--max-shift", paramLabel = "PX", description = "Largest shift between neighbouring tilts (default: ${DEFAULT-VALUE}).")
    double maxShift = AlignParams.defaults().maxShiftPx();

    @Option(names = "--max-offset", paramLabel = "PX", description = "Tilt-axis offsets searched in ± this (default: ${DEFAULT-VALUE}).")
    double maxOffset = AlignParams.defaults().maxOffsetPx();

    @Option(names = "--iterations", paramLabel = "N", description = "Largest number of projection-matching rounds (default: ${DEFAULT-VALUE}).")
    int iterations = AlignParams.defaults().pmMaxIterations();

    @Option(names = "--tolerance", paramLabel = "PX", description = "Projection matching stops when shifts change by less than this (default: ${DEFAULT-VALUE}).")
    double tolerance = AlignParams.defaults().pmTolerancePx();

    @Option(names = "--interpolation", paramLabel = "KIND", description = "cubic or linear, for every channel (default: ${DEFAULT-VALUE}).")
    String interpolation = AlignParams.defaults().interpolation().name().toLowerCase(Locale.ROOT);

    @Option(names = "--no-centre", description = "Do not move the object's centre of mass to the volume centre.")
    boolean noCentre;

    @Option(names = "--params", paramLabel = "FILE", description = "Settings file (trident.params/1, its 'align' section); options given here override it.")
    Path paramsFile;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-all", description = "Keep every tilt: do not leave out blank, saturated, near-constant or unmatchable tilts.")
    boolean keepAll;

    @Option(names = "--exclude", paramLabel = "LIST", split = ",", description = "Leave out these tilts (raw indices from 0, e.g. 3,17).")
    List<Integer> exclude;

    @Option(names = "--refine-axis", negatable = true, description = "Refine the tilt-axis rotation and offset by reconstruction consistency during projection matching"
            + " when band centroids cannot confirm the rotation (on by default; --no-refine-axis keeps the common-line rotation).")
    Boolean refineAxis;

    @Option(names = "--bin", paramLabel = "N", description = "Finest binning projection matching works at: 1 (default, full size), 2 or 4 for a faster, coarser look.")
    Integer bin;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Bundle in = Bundle.read(bundle, common.allowOutsidePaths);
        TiltSeries ts = in.series();
        AlignParams d = paramsFile == null ? AlignParams.defaults() : ParamsFile.read(paramsFile).align();
        Interpolation ip = given("--interpolation") ? Interpolation.parse(interpolation) : d.interpolation();
        Alignment start = manual == null ? null : Alignment.read(manual);
        if (start != null && start.tilts() != ts.tilts()) {
            throw TridentException.file(manual, "has " + start.tilts() + " shifts but the series has " + ts.tilts() + " tilts");
        }
        List<AlignMethod> methods = method != null ? AlignMethod.parseList(method) : (start != null ? List.of() : d.methods());
        // a typed --rotation (0 included) wins; else the bundle's tilt axis; else the settings' prior
        double prior = rotation != null ? rotation : AlignStep.prior(ts, d);
        AlignParams p = new AlignParams(methods, prior, given("--rotation-range") ? rotationRange : d.rotationRangeDeg(),
                given("--max-shift") ? maxShift : d.maxShiftPx(), d.lowCutoff(), d.highCutoff(), d.taperFraction(),
                given("--max-offset") ? maxOffset : d.maxOffsetPx(), given("--iterations") ? iterations : d.pmMaxIterations(),
                given("--tolerance") ? tolerance : d.pmTolerancePx(), d.sirtIterations(), given("--no-centre") ? !noCentre : d.centre(), ip)
                .withTiltScreening(keepAll ? false : d.screenTilts(), exclude == null ? d.exclude() : exclude)
                .withBin(bin == null ? d.bin() : bin)
                .withAxisRefinement(refineAxis == null ? d.refineAxis() : refineAxis);
        List<String> problems = p.validate();
        if (!problems.isEmpty()) throw new TridentException(String.join("; ", problems));
        if (start == null && rotation != null) start = Alignment.identity(ts.tilts()).withRotation(rotation);
        if (channel != null && ts.channel(channel) == null) {
            throw TridentException.file(bundle, "channel " + channel + " not found (channels: "
                    + String.join(", ", ts.channels().stream().map(c -> c.name()).toList()) + ")");
        }
        OutputDirs.prepare(out, force, bundle);
        RunContext ctx = common.context();
        Stages.single(ctx, "align", ts.label(), AlignStep.workUnits(ts, p));
        AlignStep step = new AlignStep();
        AlignStep.Result res = step.run(new AlignStep.Input(in, channel, start), p, ctx);
        step.write(res, out, ctx.progress());
        Alignment a = res.alignment();
        for (String n : res.estimate().notes()) if (!n.startsWith("excluded tilt")) System.out.println(n);
        a.extra().path("excludedReasons").fields().forEachRemaining(e ->
                System.err.println("tilt " + e.getKey() + " (" + ts.tiltAnglesDeg()[Integer.parseInt(e.getKey())] + "°) left out: " + e.getValue().asText()));
        System.out.printf(Locale.ROOT, "tilt axis rotation %.2f°, offset %.2f px; wrote %s%n", a.tiltAxisRotationDeg(), a.tiltAxisOffsetPx(), out);
        return 0;
    }

    private boolean given(String option) {
        return Given.option(spec, option);
    }
}
