package org.trident.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.collections.FXCollections;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;
import org.trident.analysis.AnalysisParams;
import org.trident.analysis.ShellFitParams;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Analyze step's settings (the ones a user may need: surface/bulk depths, mask threshold,
 * smallest particle, smoothing, and the shell fit's mode and penalty), Run button and
 * surface-vs-bulk summary. The shell fit runs in the same job, after the analysis.
 */
final class AnalyzeControls {
    private final Button run = new Button("Run analysis");
    private final Label state = new Label();
    /** The shell fit's warning (mode on and the fit could not run), in orange; hidden when there is none. */
    private final Label warning = new Label();
    private final GridPane form = new GridPane();
    private final TextField surface = field("analyze-surface"), bulk = field("analyze-bulk"), threshold = field("analyze-threshold"),
            minParticle = field("analyze-min-particle"), smooth = field("analyze-smooth");
    private final ChoiceBox<ShellFitParams.Mode> fitMode = new ChoiceBox<>(FXCollections.observableArrayList(ShellFitParams.Mode.values()));
    private final ChoiceBox<ShellFitParams.Penalty> fitPenalty = new ChoiceBox<>(FXCollections.observableArrayList(ShellFitParams.Penalty.values()));
    private final TextField fitWeight = field("analyze-fit-weight");
    private final ChoiceBox<AnalysisParams.FractionsFrom> fractionsFrom =
            new ChoiceBox<>(FXCollections.observableArrayList(AnalysisParams.FractionsFrom.values()));
    private AnalysisParams params = AnalysisParams.defaults();

    AnalyzeControls(Jobs jobs, Supplier<Dataset> current, java.util.function.BiConsumer<Dataset, AnalyzeViewModel.Analysed> onAnalysed, Consumer<Throwable> onError) {
        run.setId("run-analysis");
        run.setTooltip(new Tooltip("Mask, depth from the surface, fractions, valences, inhomogeneity and depth profiles of the selected dataset"));
        state.setWrapText(true);
        warning.setId("analyze-warning");
        warning.setWrapText(true);
        warning.setStyle("-fx-text-fill: #c05a00;");
        showWarning(null);
        form.setHgap(4);
        form.setVgap(3);
        row(0, "surface: depth below (nm)", surface, "Voxels shallower than this count as surface");
        row(1, "bulk: depth from (nm)", bulk, "Voxels at least this deep count as bulk");
        row(2, "ADF threshold (blank: Otsu)", threshold, "Reconstructed ADF value above which a voxel is material");
        row(3, "smallest particle (voxels; blank: auto)", minParticle, "Smaller components are noise (auto: the larger of 27 and 1 % of the largest)");
        row(4, "smoothing σ (voxels; 0: none)", smooth, "Gaussian smoothing of the channels inside the mask before ratios, for low dose");
        fitMode.setId("analyze-shell-fit");
        fitMode.setConverter(converter(fitMode, ShellFitParams.Mode::label));
        row(5, "shell fit (profiles fitted to the projections)", fitMode, "auto / on: also fit the depth profiles in the projection domain "
                + "on the series the volumes were reconstructed from (EDS counts, MLLS weights); shown beside the voxel profiles. off: no fit");
        fitPenalty.setId("analyze-fit-penalty");
        fitPenalty.setConverter(converter(fitPenalty, ShellFitParams.Penalty::label));
        row(6, "shell fit smoothing weight", fitPenalty, "gcv: chosen per channel by generalised cross-validation; fixed: the weight below");
        row(7, "fixed weight (relative)", fitWeight, "Penalty weight relative to the data's information per shell (1: as strong as the data)");
        fractionsFrom.setId("analyze-fractions-from");
        fractionsFrom.setConverter(converter(fractionsFrom, AnalysisParams.FractionsFrom::label));
        row(8, "fractions from", fractionsFrom, "auto: each metal's amount from EDS and the EELS MLLS weights calibrated on it "
                + "(quantify's element amounts), else EDS; eds: EDS counts × k-factors only");
        fitPenalty.valueProperty().addListener((o, a, b) -> fitWeight.setDisable(b != ShellFitParams.Penalty.FIXED));
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
            showWarning(null);
            jobs.submit("Analyze " + d.label(), pr -> AnalyzeViewModel.runWithFit(d, p, pr), res -> {
                AnalyzeViewModel.adopt(d, res);
                onAnalysed.accept(d, res);
                var r = res.analysis();
                StringBuilder b = new StringBuilder("Surface (< " + Quantities.format(p.surfaceDepthNm()) + " nm) vs bulk (≥ "
                        + Quantities.format(p.bulkDepthNm()) + " nm), voxel profiles:\n");
                for (var s : r.summary()) b.append(s.quantity()).append(": ").append(Quantities.format(s.surfaceMean())).append(" vs ")
                        .append(Quantities.format(s.bulkMean())).append('\n');
                if (res.fit() != null) {
                    b.append("Shell fit (± 1 σ):\n");
                    for (var s : res.fit().fit().summary()) b.append(s.quantity()).append(": ").append(Quantities.format(s.surface())).append(" ± ")
                            .append(Quantities.format(s.surfaceErr())).append(" vs ").append(Quantities.format(s.bulk())).append(" ± ")
                            .append(Quantities.format(s.bulkErr())).append('\n');
                } else if (res.profileSource() != null) {
                    b.append("No shell fit: ").append(res.profileSource().path("reason").asText()).append('\n');
                }
                if (res.profileSource() != null) {
                    b.append("Reported summary: ").append(res.profileSource().path("summary").asText().equals("shell-fit") ? "shell fit" : "voxel profiles")
                            .append(" (").append(res.profileSource().path("file").asText()).append(")\n");
                }
                showWarning(res.warning());
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

    /** Shows each choice by its label; a label is read back as the choice of the box that carries it (null if none). */
    private static <T> StringConverter<T> converter(ChoiceBox<T> box, java.util.function.Function<T, String> label) {
        return new StringConverter<>() {
            @Override public String toString(T t) { return t == null ? "" : label.apply(t); }
            @Override public T fromString(String s) {
                return box.getItems().stream().filter(t -> label.apply(t).equals(s)).findFirst().orElse(null);
            }
        };
    }

    private void row(int r, String label, javafx.scene.control.Control f, String tip) {
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
        fitMode.setValue(p.shellFit().mode());
        fitPenalty.setValue(p.shellFit().penalty());
        fitWeight.setText(Quantities.format(p.shellFit().penaltyWeight()));
        fitWeight.setDisable(p.shellFit().penalty() != ShellFitParams.Penalty.FIXED);
        fractionsFrom.setValue(p.fractionsFrom());
    }

    /** The settings as typed (blank = the default rule). */
    AnalysisParams read() {
        AnalysisParams d = params;
        return new AnalysisParams(num(surface.getText(), d.surfaceDepthNm()), num(bulk.getText(), d.bulkDepthNm()), d.shellNm(),
                threshold.getText().isBlank() ? Double.NaN : num(threshold.getText(), Double.NaN),
                minParticle.getText().isBlank() ? -1 : Integer.parseInt(minParticle.getText().strip()), d.minVoidVoxels(), d.weakFraction(),
                num(smooth.getText(), 0), d.threads(), d.shellFit().withMode(fitMode.getValue())
                .withPenalty(fitPenalty.getValue(), num(fitWeight.getText(), Double.NaN)), fractionsFrom.getValue());
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

    private void showWarning(String w) {
        warning.setText(w == null ? "" : "Warning: " + w);
        warning.setVisible(w != null);
        warning.setManaged(w != null);
    }

    List<Node> nodes() { return List.of(form, run, warning, state); }

    ChoiceBox<ShellFitParams.Mode> fitModeBox() { return fitMode; }
    ChoiceBox<ShellFitParams.Penalty> fitPenaltyBox() { return fitPenalty; }
    Button runButton() { return run; }
    Label stateLabel() { return state; }
    Label warningLabel() { return warning; }
}
