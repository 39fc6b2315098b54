package org.trident.ui.sei;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.trident.io.OutputDirs;
import org.trident.job.Progress;
import org.trident.render.ExportRecord;
import org.trident.sei.SeiAnalysis;
import org.trident.sei.SeiFigures;
import org.trident.sei.SeiParams;
import org.trident.sei.SeiResult;
import org.trident.sei.SeiWriter;
import org.trident.sei.sim.SeiSample;
import org.trident.sei.study.Study;
import org.trident.sei.study.StudyReader;
import org.trident.ui.Dialogs;
import org.trident.ui.Jobs;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The "SEI study" workspace: its own window (the tomography steps do not apply), opened from
 * File ▸ Open SEI study… or File ▸ Open sample SEI study. Analysis and export run as jobs of the
 * main window's job list, through the same engine path as {@code trident sei}.
 */
public final class SeiWindow {
    private final Stage stage = new Stage();
    private final Jobs jobs;
    private final SeiView view = new SeiView();
    private final Button export = new Button("Export results and figures…");
    private final Label status = new Label();

    public SeiWindow(Window owner, Jobs jobs) {
        this.jobs = jobs;
        if (owner != null) stage.initOwner(owner);
        Button open = new Button("Open study…");
        open.setTooltip(new Tooltip("A folder with study.json (trident.sei-study/1)"));
        open.setOnAction(e -> choose());
        Button sample = new Button("Open sample");
        sample.setTooltip(new Tooltip("A simulated SE-content series with known truth (made on first use)"));
        sample.setOnAction(e -> openSample());
        export.setDisable(true);
        export.setTooltip(new Tooltip("Writes what 'trident sei' writes (tables, optimum.json, figures as PNG 300 dpi, SVG, PDF) with provenance"));
        export.setOnAction(e -> chooseExport());
        HBox bar = new HBox(6, open, sample, export, status);
        bar.setPadding(new Insets(6));
        BorderPane root = new BorderPane(view);
        root.setTop(bar);
        stage.setScene(new Scene(root, 1280, 800));
        stage.setTitle("Trident — SEI study");
    }

    public Stage stage() { return stage; }
    public SeiView view() { return view; }

    public void show() {
        stage.show();
        stage.toFront();
    }

    private void choose() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Open an SEI study folder (study.json)");
        var f = c.showDialog(stage);
        if (f != null) open(f.toPath());
    }

    /** Reads and analyses the study at {@code dir} on a worker. */
    public Jobs.Job open(Path dir) {
        return analyse("Analysing the SEI study", p -> StudyReader.read(dir));
    }

    /** Makes (first use) or finds the sample study, then analyses it. */
    public Jobs.Job openSample() {
        return openSample(p -> SeiSample.ensure(p));
    }

    public Jobs.Job openSample(Function<Progress, Path> source) {
        view.showMessage("Preparing the sample SEI study (generated on first use)…");
        return analyse("Preparing the sample SEI study", p -> StudyReader.read(source.apply(p)));
    }

    private record Shown(SeiResult result, BufferedImage gallery) {}

    private Jobs.Job analyse(String name, Function<Progress, Study> study) {
        status.setText(name + "…");
        return jobs.submit(name, p -> {
            SeiResult r = SeiAnalysis.run(study.apply(p), SeiParams.defaults(), p);
            return new Shown(r, r.maps().isEmpty() ? null : SeiFigures.gallery(r, SeiFigures.GALLERY_WIDTH_MM));
        }, s -> {
            view.show(s.result(), s.gallery());
            stage.setTitle("Trident — SEI study: " + s.result().study().name());
            export.setDisable(false);
            status.setText(s.result().notes().size() + " notes (in the exported provenance.json)");
        }, e -> {
            status.setText("");
            Dialogs.error(stage, "The SEI study could not be analysed.", e);
        });
    }

    private void chooseExport() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Export into a new or empty folder");
        var f = c.showDialog(stage);
        if (f != null) export(f.toPath());
    }

    /** Writes the run's outputs into {@code out} (new or empty), each figure with its provenance record. */
    public Jobs.Job export(Path out) {
        SeiResult r = view.result();
        Instant started = Instant.now();
        return jobs.submit("Exporting the SEI study", p -> {
            OutputDirs.prepare(out, false, r.study().dir());
            List<Path> written = SeiWriter.write(r, out, started, 1, true);
            List<Path> inputs = new ArrayList<>();
            inputs.add(r.study().dir().resolve("study.json"));
            for (Study.Sample s : r.study().samples()) {
                s.maps().forEach(m -> inputs.add(m.file()));
                s.spectra().forEach(m -> inputs.add(m.file()));
            }
            for (Path w : written) {
                if (w.getParent().getFileName().toString().equals("figures")) ExportRecord.write(w, "sei-figure", inputs.stream().distinct().toList(), null);
            }
            return written.size();
        }, n -> status.setText("Exported " + n + " files to " + out), e -> Dialogs.error(stage, "The export failed.", e));
    }
}
