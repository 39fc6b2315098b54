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
import picocli.CommandLine.Command;
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
    double thickWarn = 1.0;

    @Option(names = "--elements", split = ",", paramLabel = "EL", description = "EDS elements to map (default: the bundle's list, else Ni,Co,Mn,O).")
    List<String> elements;

    @Option(names = "--extra-elements", split = ",", paramLabel = "EL", description = "Elements modelled in the EDS fit but not mapped (e.g. Cu).")
    List<String> extraElements = List.of();

    @Option(names = "--no-auto-contaminants", description = "Do not look for C, F, Al, Si, P, S, Fe, Cu on the summed EDS spectrum.")
    boolean noAuto;

    @Option(names = "--fwhm-mnka", paramLabel = "EV", description = "EDS detector FWHM at Mn Ka in eV (default: ${DEFAULT-VALUE}).")
    double fwhm = 130.0;

    @Option(names = "--eds-range", paramLabel = "FROM:TO", description = "EDS fit range in keV (default: 0.2:20).")
    String edsRange = "0.2:20";

    @Option(names = "--refine-energy", description = "Refine the EDS axis offset (±50 eV) and gain (±1 %%) on the summed spectrum.")
    boolean refineEnergy;

    @Option(names = "--eds-method", paramLabel = "fit|window", description = "EDS net counts by whole-spectrum fit (default) or windows.")
    String edsMethod = "fit";

    @Option(names = "--pca", paramLabel = "off|auto|N", description = "PCA denoising of EDS with Poisson normalisation (default: off).")
    String pca = "off";

    @Option(names = "--tilt-normalisation", paramLabel = "none|total|element", description = "Per-tilt normalisation of EDS maps (default: none).")
    String tiltNorm = "none";

    @Option(names = "--k-factor", paramLabel = "EL=K", description = "k-factor of an element (overrides the bundle); repeatable.")
    Map<String, Double> kFactors = new LinkedHashMap<>();

    @Option(names = "--eels-elements", split = ",", paramLabel = "EL", description = "White-line elements (default: Mn,Co,Ni where they fit on the axis).")
    List<String> eelsElements;

    @Option(names = "--no-oxygen", description = "Do not write EELS:O-K.")
    boolean noOxygen;

    @Option(names = "--eels-windows", paramLabel = "FILE", description = "JSON {\"Mn\": {\"preEdge\": [600, 632], \"l3\": [..], \"l2\": [..], \"post\": [..], \"l23\": [..], \"refNorm\": [..], \"mlls\": [..]}}.")
    Path windowsFile;

    @Option(names = "--exponent", paramLabel = "tilt|series", description = "Power-law exponent per tilt (default) or once for the series.")
    String exponent = "tilt";

    @Option(names = "--no-refine-peaks", description = "Keep the tabulated L3/L2 positions instead of the summed spectrum's maxima.")
    boolean noRefine;

    @Option(names = "--align-energy", description = "Correct each tilt's EELS energy offset by aligning its edges to the series sum.")
    boolean alignEnergy;

    @Option(names = "--max-shift", paramLabel = "EV", description = "Largest per-tilt EELS energy correction (default: ${DEFAULT-VALUE}).")
    double maxShift = 5.0;

    @Option(names = "--calibration", paramLabel = "FILE", description = "User valence calibration table (JSON, see docs/quantification.md).")
    Path calibration;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Bundle in = Bundle.read(bundle);
        TiltSeries ts = in.series();
        if (references != null) References.read(references); // refuse a bad references file before touching --out
        QuantParams p = params();
        OutputDirs.prepare(out, force, bundle, references);
        long t0 = System.nanoTime();
        RunContext ctx = common.context();
        QuantifyStep step = new QuantifyStep();
        QuantifyStep.Result r = step.run(new QuantifyStep.Input(in, references), p, ctx);
        step.write(r, out, ctx.progress());
        for (String w : r.warnings()) System.err.println("warning: " + w);
        System.out.printf(Locale.ROOT, "quantified %d tilts in %.1f s: %d map channels written to %s%n", ts.tilts(),
                (System.nanoTime() - t0) / 1e9, r.quant().series().channels().size() - countImages(ts), out);
        return 0;
    }

    private static int countImages(TiltSeries ts) {
        return (int) ts.channels().stream().filter(c -> c.isImage()).count();
    }

    QuantParams params() {
        String[] rg = edsRange.split(":");
        if (rg.length != 2) throw new TridentException("--eds-range must be FROM:TO in keV, got " + edsRange);
        int pcaN = switch (pca.toLowerCase(Locale.ROOT)) {
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
        EdsParams eds = new EdsParams(elements, extraElements, !noAuto, fwhm, number(rg[0], "--eds-range"), number(rg[1], "--eds-range"),
                1.0, enumOf(EdsParams.Method.class, edsMethod, "--eds-method"), pcaN,
                enumOf(EdsParams.TiltNormalisation.class, tiltNorm, "--tilt-normalisation"), refineEnergy);
        Map<String, ObjectNode> wins = new LinkedHashMap<>();
        if (windowsFile != null) Json.readObject(windowsFile).fields().forEachRemaining(e -> {
            if (!e.getValue().isObject()) throw TridentException.file(windowsFile, "the windows of " + e.getKey() + " must be a JSON object");
            wins.put(e.getKey(), (ObjectNode) e.getValue());
        });
        if (!exponent.equals("tilt") && !exponent.equals("series")) throw new TridentException("--exponent must be tilt or series, got " + exponent);
        ObjectNode cal = calibration == null ? null : Json.readObject(calibration);
        EelsParams eels = new EelsParams(eelsElements, !noOxygen, wins, exponent.equals("tilt"), !noRefine, alignEnergy, maxShift, cal, deconvolve, thickWarn);
        return new QuantParams(eds, eels, edsChannel, eelsChannel, lowLossChannel, kFactors.isEmpty() ? null : kFactors);
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
