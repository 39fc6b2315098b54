package org.trident.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.Json;
import org.trident.io.OutputDirs;
import org.trident.job.RunContext;
import org.trident.model.TiltSeries;
import org.trident.pipeline.Bundle;
import org.trident.pipeline.QuantifyStep;
import org.trident.model.TridentException;
import org.trident.spectra.EdsParams;
import org.trident.spectra.EelsParams;
import org.trident.spectra.QuantParams;
import org.trident.spectra.References;
import org.trident.pipeline.ParamsFile;
import org.trident.pipeline.Stages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trident quantify BUNDLE --out DIR}: EDS/EELS spectrum images into per-tilt maps (docs/quantification.md). */
@Command(name = "quantify", mixinStandardHelpOptions = true,
        description = "Turn EDS and EELS spectrum images into per-tilt maps linear in the projected amount (EDS:<El>, EELS:O-K, "
                + "EELS:<El>-L3/L2/L23/L3E, MLLS weights), written as a bundle with quantification.json.")
public final class QuantifyCommand implements Callable<Integer> {
    /** Where every default shown here comes from. */
    private static final QuantParams D = QuantParams.defaults();

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Tilt-series bundle with spectrum channels.")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output bundle folder (new or empty).")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty output folder.")
    boolean force;

    @Option(names = "--references", paramLabel = "FILE", description = "Reference spectra (trident.references/1) for MLLS and valence calibration.")
    Path references;

    @Option(names = "--eds-channel", paramLabel = "NAME", description = "EDS spectrum channel (default: the first).")
    String edsChannel;

    @Option(names = "--eels-channel", paramLabel = "NAME", description = "EELS core-loss channel (default: the first).")
    String eelsChannel;

    @Option(names = "--lowloss-channel", paramLabel = "NAME", description = "EELS low-loss channel for t/λ (default: the first with signal EELS-lowloss).")
    String lowLossChannel;

    @Option(names = "--deconvolve", description = "Fourier-ratio deconvolution of the core loss with the low-loss channel.")
    boolean deconvolve;

    @Option(names = "--thick-warn", paramLabel = "T", description = "Warn when the specimen's median t/λ exceeds this (default: ${DEFAULT-VALUE}).")
    double thickWarn = D.eels().thickWarn();

    @Option(names = "--elements", split = ",", paramLabel = "EL", description = "EDS elements to map (default: the bundle's list, else Ni,Co,Mn,O).")
    List<String> elements;

    @Option(names = "--extra-elements", split = ",", paramLabel = "EL", description = "Elements modelled in the EDS fit but not mapped (e.g. Cu).")
    List<String> extraElements = List.of();

    @Option(names = "--no-auto-contaminants", description = "Do not look for C, F, Al, Si, P, S, Fe, Cu on the summed EDS spectrum.")
    boolean noAuto;

    @Option(names = "--fwhm-mnka", paramLabel = "EV", description = "EDS detector FWHM at Mn Ka in eV (default: ${DEFAULT-VALUE}).")
    double fwhm = D.eds().fwhmMnKaEv();

    @Option(names = "--eds-range", paramLabel = "FROM:TO", description = "EDS fit range in keV (default: ${DEFAULT-VALUE}).")
    String edsRange = D.eds().fitFromKeV() + ":" + D.eds().fitToKeV();

    @Option(names = "--refine-energy", description = "Refine the EDS axis offset (±50 eV) and gain (±1 %%) on the summed spectrum.")
    boolean refineEnergy;

    @Option(names = "--eds-method", paramLabel = "fit|window", description = "EDS net counts by whole-spectrum fit or windows (default: ${DEFAULT-VALUE}).")
    String edsMethod = D.eds().method().name().toLowerCase(Locale.ROOT);

    @Option(names = "--pca", paramLabel = "off|auto|N", description = "PCA denoising of EDS with Poisson normalisation (default: ${DEFAULT-VALUE}).")
    String pca = pcaLabel(D.eds().pcaComponents());

    @Option(names = "--tilt-normalisation", paramLabel = "none|total|element", description = "Per-tilt normalisation of EDS maps (default: ${DEFAULT-VALUE}).")
    String tiltNorm = D.eds().tiltNormalisation().name().toLowerCase(Locale.ROOT);

    @Option(names = "--k-factor", paramLabel = "EL=K", description = "k-factor of an element (overrides the bundle); repeatable.")
    Map<String, Double> kFactors = new LinkedHashMap<>();

    @Option(names = "--eels-elements", split = ",", paramLabel = "EL", description = "White-line elements (default: Mn,Co,Ni where they fit on the axis).")
    List<String> eelsElements;

    @Option(names = "--no-oxygen", description = "Do not write EELS:O-K.")
    boolean noOxygen;

    @Option(names = "--eels-windows", paramLabel = "FILE", description = "JSON {\"Mn\": {\"preEdge\": [600, 632], \"l3\": [..], \"l2\": [..], \"post\": [..], \"l23\": [..], \"refNorm\": [..], \"mlls\": [..]}}.")
    Path windowsFile;

    @Option(names = "--exponent", paramLabel = "tilt|series", description = "Power-law exponent per tilt or once for the series (default: ${DEFAULT-VALUE}).")
    String exponent = D.eels().exponentPerTilt() ? "tilt" : "series";

    @Option(names = "--no-refine-peaks", description = "Keep the tabulated L3/L2 positions instead of the summed spectrum's maxima.")
    boolean noRefine;

    @Option(names = "--align-energy", description = "Correct each tilt's EELS energy offset by aligning its edges to the series sum.")
    boolean alignEnergy;

    @Option(names = "--max-shift", paramLabel = "EV", description = "Largest per-tilt EELS energy correction (default: ${DEFAULT-VALUE}).")
    double maxShift = D.eels().maxShiftEv();

    @Option(names = "--calibration", paramLabel = "FILE", description = "User valence calibration table (JSON, see docs/quantification.md).")
    Path calibration;

    @Option(names = "--params", paramLabel = "FILE", description = "Settings file (trident.params/1, its 'quantify' section); options given here override it.")
    Path paramsFile;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Bundle in = Bundle.read(bundle, common.allowOutsidePaths);
        TiltSeries ts = in.series();
        if (references != null) References.read(references); // refuse a bad references file before touching --out
        QuantParams p = params();
        org.trident.spectra.Quantifier.check(ts, p); // a series without spectra is refused before the stage line and --out
        OutputDirs.prepare(out, force, bundle, references);
        long t0 = System.nanoTime();
        RunContext ctx = common.context();
        Stages.single(ctx, "quantify", ts.label(), QuantifyStep.workUnits(ts, p));
        QuantifyStep step = new QuantifyStep();
        QuantifyStep.Result r = step.run(new QuantifyStep.Input(in, references), p, ctx);
        step.write(r, out, ctx.progress());
        for (String w : r.warnings()) System.err.println("warning: " + w);
        String amounts = org.trident.spectra.ElementAmounts.describe(r.quant().quantification());
        if (amounts != null) System.err.println("quantify: " + amounts);
        System.out.printf(Locale.ROOT, "quantified %d tilts in %.1f s: %d map channels written to %s%n", ts.tilts(),
                (System.nanoTime() - t0) / 1e9, r.quant().series().channels().size() - ts.imageChannels(), out);
        return 0;
    }

    /** The settings: the record's defaults, overlaid by --params FILE, overlaid by the options typed. */
    QuantParams params() {
        QuantParams base = paramsFile == null ? D : ParamsFile.read(paramsFile).quantify();
        EdsParams be = base.eds();
        EelsParams bl = base.eels();
        double from = be.fitFromKeV(), to = be.fitToKeV();
        if (given("--eds-range")) {
            String[] rg = edsRange.split(":");
            if (rg.length != 2) throw new TridentException("--eds-range must be FROM:TO in keV, got " + edsRange);
            from = number(rg[0], "--eds-range");
            to = number(rg[1], "--eds-range");
        }
        int pcaN = be.pcaComponents();
        if (given("--pca")) pcaN = switch (pca.toLowerCase(Locale.ROOT)) {
            case "off" -> -1;
            case "auto" -> 0;
            default -> {
                try {
                    int k = Integer.parseInt(pca);
                    if (k < 1) throw new NumberFormatException();
                    yield k;
                } catch (NumberFormatException e) {
                    throw new TridentException("--pca must be off, auto or a positive number, got " + pca);
                }
            }
        };
        EdsParams eds = new EdsParams(elements != null ? elements : be.elements(), given("--extra-elements") ? extraElements : be.extraElements(),
                given("--no-auto-contaminants") ? !noAuto : be.autoContaminants(), given("--fwhm-mnka") ? fwhm : be.fwhmMnKaEv(), from, to,
                be.knotStepKeV(), given("--eds-method") ? enumOf(EdsParams.Method.class, edsMethod, "--eds-method") : be.method(), pcaN,
                given("--tilt-normalisation") ? enumOf(EdsParams.TiltNormalisation.class, tiltNorm, "--tilt-normalisation") : be.tiltNormalisation(),
                given("--refine-energy") ? refineEnergy : be.refineEnergy());
        Map<String, ObjectNode> wins = bl.windows();
        if (windowsFile != null) {
            Map<String, ObjectNode> w = new LinkedHashMap<>();
            Json.readObject(windowsFile).fields().forEachRemaining(e -> {
                if (!e.getValue().isObject()) throw TridentException.file(windowsFile, "the windows of " + e.getKey() + " must be a JSON object");
                w.put(e.getKey(), (ObjectNode) e.getValue());
            });
            wins = w;
        }
        if (given("--exponent") && !exponent.equals("tilt") && !exponent.equals("series")) throw new TridentException("--exponent must be tilt or series, got " + exponent);
        ObjectNode cal = calibration == null ? bl.calibration() : Json.readObject(calibration);
        EelsParams eels = new EelsParams(eelsElements != null ? eelsElements : bl.elements(), given("--no-oxygen") ? !noOxygen : bl.oxygen(), wins,
                given("--exponent") ? exponent.equals("tilt") : bl.exponentPerTilt(), given("--no-refine-peaks") ? !noRefine : bl.refinePeaks(),
                given("--align-energy") ? alignEnergy : bl.alignTilts(), given("--max-shift") ? maxShift : bl.maxShiftEv(), cal,
                given("--deconvolve") ? deconvolve : bl.deconvolve(), given("--thick-warn") ? thickWarn : bl.thickWarn());
        return new QuantParams(eds, eels, edsChannel != null ? edsChannel : base.edsChannel(), eelsChannel != null ? eelsChannel : base.eelsChannel(),
                lowLossChannel != null ? lowLossChannel : base.lowLossChannel(), !kFactors.isEmpty() ? kFactors : base.kFactors());
    }

    private boolean given(String option) {
        return Given.option(spec, option);
    }

    private static String pcaLabel(int n) {
        return n < 0 ? "off" : n == 0 ? "auto" : Integer.toString(n);
    }

    private static double number(String s, String opt) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TridentException(opt + " expects numbers, got '" + s + "'");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> c, String v, String opt) {
        for (E e : c.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
        throw new TridentException(opt + " does not accept '" + v + "'");
    }
}
