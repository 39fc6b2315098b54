package org.trident.ui;

import javafx.geometry.Insets;
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
    private final List<javafx.scene.control.RadioButton> boxes = new ArrayList<>();
    private final javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
    /** The quantity the user chose; kept when datasets change, so what is exported is what was shown. */
    private String chosen;
    private List<Dataset> datasets = List.of();

    public ProfilesView() {
        setCenter(plot);
        settings.setPadding(new Insets(4));
        settings.getChildren().addAll(analyze, quantities);
    }

    public VBox settings() { return settings; }

    /** The quantity charted now, or null. */
    public String selectedQuantity() {
        return boxes.stream().filter(javafx.scene.control.RadioButton::isSelected).map(javafx.scene.control.RadioButton::getText).findFirst().orElse(null);
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
        // one quantity per chart (each has its own unit): a choice, shown as one
        quantities.getChildren().add(new Label("Profile of (datasets overlaid; one quantity at a time)"));
        String pick = chosen != null && qs.contains(chosen) ? chosen : qs.iterator().next();
        for (String q : qs) {
            var b = new javafx.scene.control.RadioButton(q);
            b.setToggleGroup(group);
            b.setSelected(q.equals(pick));
            b.setTooltip(new Tooltip("Mean ± population std per depth shell of " + q));
            b.setOnAction(e -> { chosen = q; redraw(); });
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
        String q = selectedQuantity();
        if (q == null) return;
        List<PlotCanvas.Series> s = series(datasets, q);
        plot.set(q + ": mean ± std per depth shell", "depth from surface (nm)", Quantities.label(q), s, List.of());
    }
}
