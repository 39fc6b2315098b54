package org.trident.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.trident.analysis.AnalysisParams;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The Analyze step's settings (the ones a user may need: surface/bulk depths, mask threshold, smallest particle, smoothing), Run button and surface-vs-bulk summary. */
final class AnalyzeControls {
    private final Button run = new Button("Run analysis");
    private final Label state = new Label();
    private final GridPane form = new GridPane();
    private final TextField surface = field("analyze-surface"), bulk = field("analyze-bulk"), threshold = field("analyze-threshold"),
            minParticle = field("analyze-min-particle"), smooth = field("analyze-smooth");
    private AnalysisParams params = AnalysisParams.defaults();

    AnalyzeControls(Jobs jobs, Supplier<Dataset> current, java.util.function.BiConsumer<Dataset, org.trident.analysis.AnalysisResult> onAnalysed, Consumer<Throwable> onError) {
        run.setId("run-analysis");
        run.setTooltip(new Tooltip("Mask, depth from the surface, fractions, valences, inhomogeneity and depth profiles of the selected dataset"));
        state.setWrapText(true);
        form.setHgap(4);
        form.setVgap(3);
        row(0, "surface: depth below (nm)", surface, "Voxels shallower than this count as surface");
        row(1, "bulk: depth from (nm)", bulk, "Voxels at least this deep count as bulk");
        row(2, "ADF threshold (blank: Otsu)", threshold, "Reconstructed ADF value above which a voxel is material");
        row(3, "smallest particle (voxels; blank: auto)", minParticle, "Smaller components are noise (auto: the larger of 27 and 1 % of the largest)");
        row(4, "smoothing σ (voxels; 0: none)", smooth, "Gaussian smoothing of the channels inside the mask before ratios, for low dose");
        show(params);
        run.setOnAction(e -> {
            Dataset d = current.get();
            if (d == null) return;
            AnalysisParams p;
            try {
                p = read();
            } catch (NumberFormatException ex) {
                state.setText("Every setting must be a number (or blank where it says so).");
                return;
            }
            var problems = p.validate();
            if (!problems.isEmpty()) { state.setText("Cannot run: " + String.join("; ", problems)); return; }
            params = p;
            d.setSettings(AnalysisParams.class, p);
            state.setText("Analysing " + d.label() + "…");
            jobs.submit("Analyze " + d.label(), pr -> AnalyzeViewModel.run(d, p, pr), r -> {
                AnalyzeViewModel.adopt(d, r);
                onAnalysed.accept(d, r);
                StringBuilder b = new StringBuilder("Surface (< " + Quantities.format(p.surfaceDepthNm()) + " nm) vs bulk (≥ "
                        + Quantities.format(p.bulkDepthNm()) + " nm):\n");
                for (var s : r.summary()) b.append(s.quantity()).append(": ").append(Quantities.format(s.surfaceMean())).append(" vs ")
                        .append(Quantities.format(s.bulkMean())).append('\n');
                r.notes().forEach(n -> b.append("note: ").append(AnalyzeViewModel.inGuiTerms(n)).append('\n'));
                state.setText(b.toString());
            }, err -> { state.setText(AnalyzeViewModel.inGuiTerms(Dialogs.sentence(err))); onError.accept(err); }, () -> state.setText("Cancelled."));
        });
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(5);
        f.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return f;
    }

    private void row(int r, String label, TextField f, String tip) {
        Label l = new Label(label);
        l.setWrapText(true);
        l.setMaxWidth(150);
        f.setTooltip(new Tooltip(tip));
        form.add(l, 0, r);
        form.add(f, 1, r);
    }

    /** The settings shown (a dataset's own, or the defaults). */
    void show(AnalysisParams p) {
        params = p;
        surface.setText(Quantities.format(p.surfaceDepthNm()));
        bulk.setText(Quantities.format(p.bulkDepthNm()));
        threshold.setText(Double.isNaN(p.threshold()) ? "" : Quantities.format(p.threshold()));
        minParticle.setText(p.minParticleVoxels() < 0 ? "" : Integer.toString(p.minParticleVoxels()));
        smooth.setText(Quantities.format(p.smoothVoxels()));
    }

    /** The settings as typed (blank = the default rule). */
    AnalysisParams read() {
        AnalysisParams d = params;
        return new AnalysisParams(num(surface.getText(), d.surfaceDepthNm()), num(bulk.getText(), d.bulkDepthNm()), d.shellNm(),
                threshold.getText().isBlank() ? Double.NaN : num(threshold.getText(), Double.NaN),
                minParticle.getText().isBlank() ? -1 : Integer.parseInt(minParticle.getText().strip()), d.minVoidVoxels(), d.weakFraction(),
                num(smooth.getText(), 0), d.threads(), d.shellFit());
    }

    /** The settings to keep with a dataset: as typed when valid, else the last good ones. */
    AnalysisParams current() {
        try {
            AnalysisParams p = read();
            return p.validate().isEmpty() ? p : params;
        } catch (NumberFormatException e) {
            return params;
        }
    }

    private static double num(String s, double blank) {
        return s == null || s.isBlank() ? blank : Double.parseDouble(s.strip().replace(',', '.').toLowerCase(Locale.ROOT));
    }

    List<Node> nodes() { return List.of(form, run, state); }
}
