package org.trident.ui;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.trident.recon.Algorithm;
import org.trident.recon.LowDoseParams;

import java.util.function.Consumer;

/**
 * The Reconstruct form's "Automatic" switch and the low-dose methods' few settings
 * ({@link LowDoseParams}: values and their starting points come from the record, never retyped).
 * Each setting is enabled only for the methods that use it.
 */
final class LowDoseControls {
    final CheckBox automatic = new CheckBox("Automatic (as pipeline)");
    final Label methodInfo = new Label();
    final Spinner<Double> tvStrength = new Spinner<>(0.0, 100.0, 0.0, 0.05);
    final Spinner<Double> gamma = new Spinner<>(1.0, 2.5, 1.0, 0.05);
    final Spinner<Double> modelError = new Spinner<>(0.0, 0.95, 0.0, 0.01);
    final Spinner<Integer> subsets = new Spinner<>(1, 64, 1);
    final Spinner<Integer> dilation = new Spinner<>(0, 20, 0);
    private final GridPane grid = new GridPane();
    private final VBox box;
    private boolean updating;

    LowDoseControls(Consumer<Boolean> onAutomatic, Consumer<LowDoseParams> onChange) {
        automatic.setId("recon-automatic");
        automatic.setTooltip(new Tooltip("Let Trident pick the method from the data, as `trident pipeline` does: fused (or Poisson + TV without "
                + "an ADF channel) when the element count maps are sparse, SIRT otherwise"));
        automatic.setOnAction(e -> { if (!updating) onAutomatic.accept(automatic.isSelected()); });
        methodInfo.setWrapText(true);
        methodInfo.setMaxWidth(230);
        methodInfo.setId("recon-method-info");
        tvStrength.setTooltip(new Tooltip("TV strength β (em-tv, sirt-tv, fused): the smoothing weight of each channel follows its counts; 0 = off"));
        gamma.setTooltip(new Tooltip("HAADF exponent γ of the fused link (intensity per atom ∝ Z^γ), typically 1.6–1.8"));
        modelError.setTooltip(new Tooltip("Relative accuracy of the Z^γ model of the HAADF (fused): with the HAADF's noise it sets the link weight"));
        subsets.setTooltip(new Tooltip("Ordered subsets of views for OS-EM"));
        dilation.setTooltip(new Tooltip("Voxels the support taken from the ADF reconstruction is grown by (low-dose methods)"));
        for (Spinner<?> s : new Spinner<?>[]{tvStrength, gamma, modelError, subsets, dilation}) {
            s.setEditable(true);
            s.setPrefWidth(90);
            s.valueProperty().addListener((o, a, b) -> {
                if (updating) return;
                onChange.accept(new LowDoseParams(tvStrength.getValue(), gamma.getValue(), modelError.getValue(), subsets.getValue(), dilation.getValue()));
            });
        }
        grid.setHgap(6);
        grid.setVgap(3);
        grid.addRow(0, new Label("TV strength β"), tvStrength);
        grid.addRow(1, new Label("HAADF exponent γ"), gamma);
        grid.addRow(2, new Label("HAADF model error"), modelError);
        grid.addRow(3, new Label("OS-EM subsets"), subsets);
        grid.addRow(4, new Label("Support dilation (voxels)"), dilation);
        box = new VBox(3, new Label("Low-dose settings"), grid);
    }

    Node automaticNodes() { return new VBox(2, automatic, methodInfo); }
    Node settingsNode() { return box; }

    /** Shows {@code lp} and enables what {@code a} (the method a run would use) reads. */
    void show(boolean auto, String info, Algorithm a, LowDoseParams lp) {
        updating = true;
        automatic.setSelected(auto);
        methodInfo.setText(info);
        tvStrength.getValueFactory().setValue(lp.tvStrength());
        gamma.getValueFactory().setValue(lp.gamma());
        modelError.getValueFactory().setValue(lp.haadfModelError());
        subsets.getValueFactory().setValue(lp.subsets());
        dilation.getValueFactory().setValue(lp.supportDilation());
        boolean low = a.lowDose();
        box.setDisable(!low);
        tvStrength.setDisable(!(a == Algorithm.EM_TV || a == Algorithm.SIRT_TV || a == Algorithm.FUSED));
        gamma.setDisable(a != Algorithm.FUSED);
        modelError.setDisable(a != Algorithm.FUSED);
        subsets.setDisable(a != Algorithm.OS_EM);
        updating = false;
    }
}
