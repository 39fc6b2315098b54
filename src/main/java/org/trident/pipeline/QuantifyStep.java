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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
