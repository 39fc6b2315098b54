package org.trident.ui;

import javafx.stage.Stage;
import org.trident.job.Progress;

import java.nio.file.Path;
import java.util.List;

/** Dispatches what the Export pane asks for to {@link Exports}, as a background job. */
final class ExportActions {
    private final Jobs jobs;
    private final CompareView compareView;
    private final OrthoView orthoView;
    private final ProfilesView profilesView;
    private final ExportPane exportPane;
    private final Stage stage;
    private final Dataset current;

    ExportActions(Jobs jobs, CompareView compareView, OrthoView orthoView, ProfilesView profilesView, ExportPane exportPane, Stage stage, Dataset current) {
        this.current = current;
        this.jobs = jobs;
        this.compareView = compareView;
        this.orthoView = orthoView;
        this.profilesView = profilesView;
        this.exportPane = exportPane;
        this.stage = stage;
    }

    /** Runs the export {@code r} as a job; the result or the reason goes to the pane. */
    public void run(ExportPane.Request r, List<Dataset> datasets) {
        java.util.function.Function<Progress, Path> work;
        switch (r.what()) {
            case FIGURE -> {
                if (!compareView.syncModel()) {
                    exportPane.setResult("Nothing to export: open a dataset with volumes and pick quantities in Compare.");
                    return;
                }
                FigureModel m = compareView.model();
                work = p -> Exports.figure(r.file(), m, r.options());
            }
            case SLICE_XY, SLICE_XZ, SLICE_YZ -> {
                var plane = org.trident.render.Slices.Plane.valueOf(r.what().name().substring(6));
                var vm = orthoView.model();
                work = p -> Exports.slice(r.file(), vm, plane, r.options());
            }
            case VOLUME -> {
                var vm = orthoView.model();
                if (vm.item() == null) { exportPane.setResult("Choose a volume in Volumes first."); return; }
                var d = vm.dataset();
                var item = vm.item();
                work = p -> Exports.volume(r.file(), d, item);
            }
            case PROFILES_CSV, PROFILE_CHART -> {
                String q = profilesView.selectedQuantity();
                if (q == null) { exportPane.setResult("No depth profile to export: run Analyze first."); return; }
                var ds = datasets;
                work = r.what() == ExportPane.What.PROFILES_CSV ? p -> Exports.profilesCsv(r.file(), ds, q)
                        : p -> Exports.profileChart(r.file(), ds, q, r.options().dpi());
            }
            case IMOD -> {
                if (current == null || current.series() == null) { exportPane.setResult("Open a dataset with a tilt series first."); return; }
                var d = current;
                work = p -> Exports.imod(r.file(), d).get(0);
            }
            default -> throw new IllegalStateException();
        }
        exportPane.setResult("Exporting…");
        jobs.submit("Export " + r.file().getFileName(), work,
                prov -> exportPane.setResult("Wrote " + r.file() + "\nand " + prov.getFileName()),
                e -> { exportPane.setResult(Dialogs.sentence(e)); Dialogs.error(stage, "The export was not written.", e); });
    }
}
