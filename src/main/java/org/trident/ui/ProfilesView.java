package org.trident.ui;

import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Depth-from-surface profiles (mean ± std per shell) of one quantity, all datasets overlaid,
 * read from each dataset's depth-profiles.csv. Quantities are picked on the right.
 */
public final class ProfilesView extends BorderPane {
    static final Color[] PALETTE = {Color.rgb(0, 114, 178), Color.rgb(213, 94, 0), Color.rgb(0, 158, 115),
            Color.rgb(204, 121, 167), Color.rgb(86, 180, 233), Color.rgb(230, 159, 0)}; // Okabe–Ito, colour-blind safe
    private final PlotCanvas plot = new PlotCanvas();
    private final VBox settings = new VBox(4);
    private final VBox analyze = new VBox(4);
    private final VBox quantities = new VBox(4);
    private final List<CheckBox> boxes = new ArrayList<>();
    private List<Dataset> datasets = List.of();

    public ProfilesView() {
        setCenter(plot);
        settings.setPadding(new Insets(4));
        settings.getChildren().addAll(analyze, quantities);
    }

    public VBox settings() { return settings; }

    /** The quantity charted now, or null. */
    public String selectedQuantity() {
        return boxes.stream().filter(CheckBox::isSelected).map(CheckBox::getText).findFirst().orElse(null);
    }
    /** The box above the quantity list where the Analyze run controls go. */
    public VBox analyzeBox() { return analyze; }
    public PlotCanvas plot() { return plot; }

    public void setDatasets(List<Dataset> ds) {
        datasets = ds;
        Set<String> qs = new LinkedHashSet<>();
        for (Dataset d : ds) if (d.profiles() != null) qs.addAll(d.profiles().quantities());
        quantities.getChildren().clear();
        boxes.clear();
        if (qs.isEmpty()) {
            quantities.getChildren().add(new Label("No depth profiles yet: run Analyze\non reconstructed volumes, or open a\npipeline or analyze output."));
            plot.set("No depth profiles in the open datasets", "", "", List.of(), List.of());
            return;
        }
        quantities.getChildren().add(new Label("Profile of (datasets overlaid)"));
        boolean first = true;
        for (String q : qs) {
            CheckBox b = new CheckBox(q);
            b.setSelected(first);
            first = false;
            b.setTooltip(new Tooltip("Mean ± population std per depth shell of " + q));
            b.setOnAction(e -> { if (b.isSelected()) boxes.forEach(o -> { if (o != b) o.setSelected(false); }); redraw(); });
            boxes.add(b);
            quantities.getChildren().add(b);
        }
        redraw();
    }

    /** Mean ± std of {@code q} for each dataset that has it, with the simulation truth dashed in the same colour. */
    static List<PlotCanvas.Series> series(List<Dataset> datasets, String q) {
        List<PlotCanvas.Series> s = new ArrayList<>();
        int c = 0;
        for (Dataset d : datasets) {
            if (d.profiles() == null) continue;
            var shells = d.profiles().get(q);
            if (shells.isEmpty()) continue;
            double[] x = new double[shells.size()], y = new double[x.length], b = new double[x.length];
            for (int i = 0; i < x.length; i++) { x[i] = shells.get(i).depthNm(); y[i] = shells.get(i).mean(); b[i] = shells.get(i).std(); }
            Color col = PALETTE[c++ % PALETTE.length];
            s.add(new PlotCanvas.Series(d.label(), x, y, b, col, false));
            var truth = d.truthProfiles() == null ? List.<DepthProfiles.Shell>of() : d.truthProfiles().get(q);
            if (!truth.isEmpty()) {
                double[] tx = truth.stream().mapToDouble(DepthProfiles.Shell::depthNm).toArray();
                double[] ty = truth.stream().mapToDouble(DepthProfiles.Shell::mean).toArray();
                s.add(new PlotCanvas.Series(d.label() + " (truth)", tx, ty, null, col, true));
            }
        }
        return s;
    }

    private void redraw() {
        String q = boxes.stream().filter(CheckBox::isSelected).map(CheckBox::getText).findFirst().orElse(null);
        if (q == null) return;
        List<PlotCanvas.Series> s = series(datasets, q);
        plot.set(q + ": mean ± std per depth shell", "depth from surface (nm)", Quantities.label(q), s, List.of());
    }
}
