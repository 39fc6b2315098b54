package org.trident.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.io.BundleWriter;
import org.trident.io.Json;
import org.trident.job.Progress;
import org.trident.job.Provenance;
import org.trident.job.RunContext;
import org.trident.model.TridentException;
import org.trident.spectra.QuantModel;
import org.trident.spectra.QuantParams;
import org.trident.spectra.QuantResult;
import org.trident.spectra.Quantifier;
import org.trident.spectra.References;

import org.trident.model.Channel;
import org.trident.model.TiltSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;

/** Spectrum images → per-tilt maps (docs/quantification.md); writes a bundle and quantification.json. */
public final class QuantifyStep implements Step<QuantifyStep.Input, QuantParams, QuantifyStep.Result> {
    public static final String RECORD = "quantification.json";

    /**
     * @param bundle     the series with spectrum channels
     * @param references reference spectra file (trident.references/1) or null
     */
    public record Input(Bundle bundle, Path references) {}

    /**
     * @param quant      the engine's result: the map series, its quantification block and record
     * @param provenance the provenance record (also inside {@code quant.record()})
     */
    public record Result(QuantResult quant, ObjectNode provenance) {
        public List<String> warnings() { return quant.warnings(); }
    }

    @Override public String name() { return "quantify"; }

    /**
     * The work of quantifying {@code raw} in {@link org.trident.job.WorkPlan}'s units: each
     * spectrum's energy channels are read once to sum the series and once for every map made from
     * them, so per spectrum channel tilts × pixels × energy channels × (1 + maps).
     *
     * @param maps the number of maps made from a spectrum channel
     */
    public static double workUnits(TiltSeries raw, ToIntFunction<Channel> maps) {
        double u = 0;
        for (Channel c : raw.channels()) {
            if (!c.isSpectrum()) continue;
            u += (double) c.tilts() * c.width() * c.height() * c.spectra().channels() * (1 + maps.applyAsInt(c));
        }
        return u;
    }

    /**
     * Before the run, with the maps the settings ask for: EDS one per element (the channel's list,
     * else EdsStage's default elements), EELS core loss O-K and four per white-line element
     * (EelsParams' defaults; MLLS weights not counted), low loss t/λ.
     */
    public static double workUnits(TiltSeries raw, QuantParams p) {
        return workUnits(raw, c -> mapsExpected(c, p));
    }

    /** The maps the settings ask of all spectrum channels together (as {@link #workUnits(TiltSeries, QuantParams)} counts them). */
    public static int mapsExpected(TiltSeries raw, QuantParams p) {
        return raw.channels().stream().filter(Channel::isSpectrum).mapToInt(c -> mapsExpected(c, p)).sum();
    }

    private static int mapsExpected(Channel c, QuantParams p) {
        return switch (c.signal()) {
            case EDS -> p.eds().elements() != null ? p.eds().elements().size()
                    : c.extra().path("quantification").path("elements").size() > 0 ? c.extra().path("quantification").path("elements").size()
                    : org.trident.spectra.EdsStage.NCM_ELEMENTS.size();
            case EELS -> (p.eels().oxygen() ? 1 : 0)
                    + 4 * (p.eels().elements() != null ? p.eels().elements() : org.trident.spectra.EelsParams.WHITE_LINE_DEFAULTS).size();
            default -> 1;
        };
    }

    /** After the run: the maps each spectrum channel actually gave. */
    public static double workUnits(TiltSeries raw, Result r) {
        return workUnits(raw, c -> (int) r.quant().series().channels().stream().filter(m -> c.name().equals(m.extraText("derivedFrom"))).count());
    }

    @Override
    public Result run(Input in, QuantParams params, RunContext ctx) {
        return run(in, params, null, ctx);
    }

    /**
     * As {@link #run(Input, QuantParams, RunContext)}, applying a model already prepared from the
     * same series, {@code params} and references ({@link Quantifier#prepare}; the GUI's "Fit
     * model"), so the maps come from the very fit shown; null prepares one.
     */
    public Result run(Input in, QuantParams params, QuantModel prepared, RunContext ctx) {
        if (in.references() != null && !Files.exists(in.references())) throw TridentException.file(in.references(), "file not found");
        List<String> problems = params.validate();
        if (!problems.isEmpty()) throw new TridentException("cannot quantify: " + String.join("; ", problems));
        Provenance prov = Provenance.start(name(), ctx).inputs(in.bundle().files()).input(in.references())
                .parameters(ParamsJson.tree(params));
        QuantResult r;
        if (prepared != null) {
            r = prepared.apply(ctx.threads(), ctx.progress());
        } else {
            References refs = in.references() == null ? null : References.read(in.references());
            r = Quantifier.quantify(in.bundle().series(), params, refs, ctx.threads(), ctx.progress());
        }
        ObjectNode p = prov.finish();
        r.record().set("provenance", p);
        return new Result(r, p);
    }

    @Override
    public void write(Result r, Path dir) {
        write(r, dir, Progress.NONE);
    }

    public void write(Result r, Path dir, Progress progress) {
        BundleWriter.write(r.quant().series(), dir, progress);
        Json.write(dir.resolve(RECORD), r.quant().record());
    }
}
