package org.trident.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.trident.analysis.AnalysisParams;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The Analyze step's Run button and its surface-vs-bulk summary. */
final class AnalyzeControls {
    private final Button run = new Button("Run analysis");
    private final Label state = new Label();

    AnalyzeControls(Jobs jobs, Supplier<Dataset> current, java.util.function.BiConsumer<Dataset, org.trident.analysis.AnalysisResult> onAnalysed, Consumer<Throwable> onError) {
        run.setId("run-analysis");
        run.setTooltip(new Tooltip("Mask, depth from the surface, fractions, valences, inhomogeneity and depth profiles of the selected dataset"));
        state.setWrapText(true);
        run.setOnAction(e -> {
            Dataset d = current.get();
            if (d == null) return;
            var p = AnalysisParams.defaults();
            state.setText("Analysing " + d.label() + "…");
            jobs.submit("Analyze " + d.label(), pr -> AnalyzeViewModel.run(d, p, pr), r -> {
                AnalyzeViewModel.adopt(d, r);
                onAnalysed.accept(d, r);
                StringBuilder b = new StringBuilder("Surface (< " + Quantities.format(p.surfaceDepthNm()) + " nm) vs bulk (≥ "
                        + Quantities.format(p.bulkDepthNm()) + " nm):\n");
                for (var s : r.summary()) b.append(s.quantity()).append(": ").append(Quantities.format(s.surfaceMean())).append(" vs ")
                        .append(Quantities.format(s.bulkMean())).append('\n');
                r.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
                state.setText(b.toString());
            }, err -> { state.setText(Dialogs.sentence(err)); onError.accept(err); }, () -> state.setText("Cancelled."));
        });
    }

    List<Node> nodes() { return List.of(run, state); }
}
