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
 * Depth-from-surface profiles of one quantity, all datasets overlaid: the voxel profiles (mean ±
 * std per shell, depth-profiles.csv) and, where the dataset has them, the shell fit's (fitted value
 * ± 1 σ, profiles-fit.csv), each labelled which it is; "show" picks either or both. Quantities are
 * picked on the right.
 */
public final class ProfilesView extends BorderPane {
    static final Color[] PALETTE = {Color.rgb(0, 114, 178), Color.rgb(213, 94, 0), Color.rgb(0, 158, 115),
            Color.rgb(204, 121, 167), Color.rgb(86, 180, 233), Color.rgb(230, 159, 0)}; // Okabe–Ito, colour-blind safe
    private final PlotCanvas plot = new PlotCanvas();
    private final VBox settings = new VBox(4);
    private final VBox analyze = new VBox(4);
    private final VBox quantities = new VBox(4);
    /** Which profiles are drawn when a dataset has both. */
    public enum Show {
        BOTH("voxel and shell fit"), VOXEL("voxel profiles"), FIT("shell fit");

        final String label;

        Show(String label) { this.label = label; }

        @Override public String toString() { return label; }
    }

    private final javafx.scene.control.ChoiceBox<Show> show = new javafx.scene.control.ChoiceBox<>(
            javafx.collections.FXCollections.observableArrayList(Show.values()));
    private final List<javafx.scene.control.RadioButton> boxes = new ArrayList<>();
    private final javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
    /** The quantity the user chose; kept when datasets change, so what is exported is what was shown. */
    private String chosen;
    private List<Dataset> datasets = List.of();

    public ProfilesView() {
        setCenter(plot);
        settings.setPadding(new Insets(4));
        settings.getChildren().addAll(analyze, quantities);
        show.setId("profiles-show");
        show.setValue(Show.BOTH);
        show.setTooltip(new Tooltip("Voxel profiles: mean ± std of the reconstructed voxels per shell. Shell fit: one value per shell fitted "
                + "to the aligned projections, ± its 1 σ error (docs/analysis.md)"));
        show.valueProperty().addListener((o, a, b) -> redraw());
    }

    /** The choice of voxel / shell fit / both. */
    public javafx.scene.control.ChoiceBox<Show> showBox() { return show; }

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
        boolean anyFit = false;
        for (Dataset d : ds) {
            if (d.profiles() != null) qs.addAll(d.profiles().quantities());
            if (d.fitProfiles() != null) {
                qs.addAll(d.fitProfiles().quantities());
                anyFit = true;
            }
        }
        quantities.getChildren().clear();
        boxes.clear();
        if (qs.isEmpty()) {
            quantities.getChildren().add(new Label("No depth profiles yet: run Analyze\non reconstructed volumes, or open a\npipeline or analyze output."));
            plot.set("No depth profiles in the open datasets", "", "", List.of(), List.of());
            return;
        }
        // one quantity per chart (each has its own unit): a choice, shown as one
        if (anyFit) quantities.getChildren().addAll(new Label("Show"), show);
        quantities.getChildren().add(new Label("Profile of (datasets overlaid; one quantity at a time)"));
        String pick = chosen != null && qs.contains(chosen) ? chosen : qs.iterator().next();
        for (String q : qs) {
            var b = new javafx.scene.control.RadioButton(q);
            b.setToggleGroup(group);
            b.setSelected(q.equals(pick));
            b.setTooltip(new Tooltip("Mean ± population std per depth shell of " + q + (anyFit ? "; shell fit: fitted value ± 1 σ" : "")));
            b.setOnAction(e -> { chosen = q; redraw(); });
            boxes.add(b);
            quantities.getChildren().add(b);
        }
        redraw();
    }

    /** Mean ± std of {@code q} for each dataset that has it, with the simulation truth dashed in the same colour. */
    static List<PlotCanvas.Series> series(List<Dataset> datasets, String q) {
        return series(datasets, q, Show.VOXEL);
    }

    /** Label suffixes saying which profile a curve is. */
    static final String VOXEL_SUFFIX = " · voxel mean ± std", FIT_SUFFIX = " · shell fit ± 1σ";

    /**
     * The curves of {@code q}: per dataset its voxel profile (mean ± std, solid) and/or its shell
     * fit (fitted value ± 1 σ, with a dot per shell), as {@code show} says, and the simulation
     * truth (dashed): all three in the dataset's colour, so a colour is a dataset.
     */
    static List<PlotCanvas.Series> series(List<Dataset> datasets, String q, Show show) {
        List<PlotCanvas.Series> s = new ArrayList<>();
        int c = 0;
        for (Dataset d : datasets) {
            var shells = d.profiles() == null || show == Show.FIT ? List.<DepthProfiles.Shell>of() : d.profiles().get(q);
            var fitted = d.fitProfiles() == null || show == Show.VOXEL ? List.<DepthProfiles.Shell>of() : d.fitProfiles().get(q);
            if (shells.isEmpty() && fitted.isEmpty()) continue;
            boolean both = d.fitProfiles() != null && show != Show.VOXEL || show == Show.FIT;
            Color col = PALETTE[c++ % PALETTE.length];
            if (!shells.isEmpty()) {
                double[] x = new double[shells.size()], y = new double[x.length], b = new double[x.length];
                for (int i = 0; i < x.length; i++) { x[i] = shells.get(i).depthNm(); y[i] = shells.get(i).mean(); b[i] = shells.get(i).std(); }
                s.add(new PlotCanvas.Series(both ? d.label() + VOXEL_SUFFIX : d.label(), x, y, b, col, false));
            }
            if (!fitted.isEmpty()) {
                double[] x = new double[fitted.size()], y = new double[x.length], b = new double[x.length];
                for (int i = 0; i < x.length; i++) { x[i] = fitted.get(i).depthNm(); y[i] = fitted.get(i).mean(); b[i] = fitted.get(i).err(); }
                // the dataset's colour, told apart from the voxel line by its dots (one per fitted shell)
                s.add(new PlotCanvas.Series(d.label() + FIT_SUFFIX, x, y, b, col, false, true));
            }
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
        boolean anyFit = datasets.stream().anyMatch(d -> d.fitProfiles() != null);
        Show how = anyFit ? show.getValue() : Show.VOXEL;
        List<PlotCanvas.Series> s = series(datasets, q, how);
        String title = switch (how) {
            case VOXEL -> q + ": mean ± std per depth shell";
            case FIT -> q + ": shell fit ± 1σ per depth shell";
            case BOTH -> q + ": voxel mean ± std and shell fit ± 1σ per depth shell";
        };
        plot.set(title, "depth from surface (nm)", Quantities.label(q), s, List.of());
    }
}
