package org.trident.ui;

import org.trident.formats.MicroscopeFiles;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.trident.job.Progress;
import org.trident.sim.SampleData;

/**
 * The one window: datasets on the left, the step rail with the step's main view in the middle,
 * the step's settings and the job list on the right, the cursor readout at the bottom.
 */
public final class MainWindow {
    /** The steps shown; one appears here once its engine is on main. */
    public enum Step { LOAD("Load"), QUANTIFY("Quantify"), ALIGN("Align"), RECONSTRUCT("Reconstruct"), VOLUMES("Volumes"), ANALYZE("Analyze"), COMPARE("Compare"), EXPORT("Export");
        final String title;
        Step(String t) { title = t; }
    }

    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final SharedCursor cursor = new SharedCursor();
    private final Jobs jobs = new Jobs(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), Platform::runLater);
    private final List<Dataset> datasets = new ArrayList<>();
    private final TreeView<Object> tree = new TreeView<>(new TreeItem<>("Workspace"));
    private final StackPane center = new StackPane();
    private final VBox settings = new VBox(6);
    private final Label status = new Label("Open a dataset: File ▸ Open, drag files here, or File ▸ Open sample.");
    private final Map<Step, ToggleButton> rail = new LinkedHashMap<>();
    private final TiltView tiltView = new TiltView();
    private final OrthoView orthoView = new OrthoView(cursor);
    private final ProfilesView profilesView = new ProfilesView();
    private final ReconstructView reconstructView = new ReconstructView(jobs);
    private final AlignView alignView = new AlignView(jobs);
    private final QuantifyView quantifyView = new QuantifyView(jobs);
    private final CompareView compareView = new CompareView(cursor);
    private final ExportPane exportPane = new ExportPane(this::exportFigure);
    private final JobsPane jobsPane = new JobsPane(jobs);
    private final RecentFiles recent = new RecentFiles();
    private final Menu recentMenu = new Menu("Open recent");
    private final Label info = new Label();
    /** The dataset every view shows, named in the header above them. */
    private final Label datasetHeader = new Label("no dataset");
    private Step step = Step.LOAD;
    private Dataset current;
    private final Session session;

    public MainWindow(Stage stage) {
        this(stage, SampleData.cacheRoot());
    }

    /** A window whose unsaved results, autosave and session marker live under {@code cache}. */
    public MainWindow(Stage stage, Path cache) {
        this.stage = stage;
        this.session = new Session(cache);
        stage.setOnCloseRequest(e -> { if (!confirmQuit()) e.consume(); });
        tree.setShowRoot(false);
        tree.getRoot().setExpanded(true);
        tree.setPrefWidth(210);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> onTreeSelect(b));
        tree.setTooltip(new Tooltip("Datasets of the workspace; pick one, or a volume to view it"));

        HBox railBox = new HBox(2);
        railBox.setPadding(new Insets(4));
        railBox.setAlignment(Pos.CENTER_LEFT);
        ToggleGroup g = new ToggleGroup();
        int i = 1;
        for (Step s : Step.values()) {
            ToggleButton b = new ToggleButton(s.title);
            b.setId("step-" + s.name());
            b.setToggleGroup(g);
            b.setTooltip(new Tooltip(s.title + " (Ctrl+" + i++ + ")"));
            b.setOnAction(e -> show(s));
            rail.put(s, b);
            if (railBox.getChildren().size() > 0) railBox.getChildren().add(new Label("▸"));
            railBox.getChildren().add(b);
        }
        BorderPane middle = new BorderPane(center);
        Region railSpacer = new Region();
        HBox.setHgrow(railSpacer, Priority.ALWAYS);
        datasetHeader.setId("dataset-header");
        datasetHeader.setStyle("-fx-font-weight: bold;");
        railBox.getChildren().addAll(railSpacer, datasetHeader);
        middle.setTop(railBox);
        alignView.setOnApplied(this::useAligned);
        alignView.setOnError(e -> Dialogs.error(stage, "The alignment failed.", e));
        quantifyView.setOnQuantified(this::useQuantified);
        quantifyView.setOnError(e -> Dialogs.error(stage, "The quantification failed.", e));
        center.getChildren().addAll(tiltView, quantifyView, alignView, reconstructView, orthoView, profilesView, compareView);
        reconstructView.setOnResult(this::addReconstructed);
        buildAnalyzeControls();
        reconstructView.setOnError(e -> Dialogs.error(stage, "The reconstruction failed.", e));
        tiltView.setStatusSink(status::setText);
        orthoView.setStatusSink(status::setText);
        compareView.setOnError(e -> Dialogs.error(stage, "The comparison cannot be drawn.", e));

        settings.setPadding(new Insets(6));
        settings.setPrefWidth(250);
        ScrollPane settingsScroll = new ScrollPane(settings);
        settingsScroll.setFitToWidth(true);
        VBox right = new VBox(settingsScroll, jobsPane);
        VBox.setVgrow(settingsScroll, Priority.ALWAYS);
        right.setPrefWidth(260);
        right.setMinWidth(220);

        SplitPane split = new SplitPane(tree, middle, right);
        split.setDividerPositions(0.16, 0.80);
        SplitPane.setResizableWithParent(tree, false);
        SplitPane.setResizableWithParent(right, false);
        root.setCenter(split);
        root.setTop(menus());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(8, status, spacer, jobsPane.summaryLabel());
        statusBar.setPadding(new Insets(3, 8, 3, 8));
        statusBar.setStyle("-fx-background-color: #e8e8ec; -fx-border-color: #c8c8cc; -fx-border-width: 1 0 0 0;");
        root.setBottom(statusBar);
        info.setWrapText(true);

        root.setOnDragOver(e -> { if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY); e.consume(); });
        root.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            e.setDropCompleted(files != null && !files.isEmpty());
            if (files != null) open(files.stream().map(File::toPath).toList());
            e.consume();
        });
        show(Step.LOAD);
        refreshRecent();
        autosaveTimer = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(60), e -> autosave()));
        autosaveTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        autosaveTimer.play();
    }

    private final javafx.animation.Timeline autosaveTimer;

    public Scene scene(double w, double h) {
        Scene s = new Scene(root, w, h);
        for (Step st : Step.values()) {
            int n = st.ordinal() + 1;
            s.getAccelerators().put(KeyCombination.keyCombination("Shortcut+" + n), () -> show(st));
        }
        s.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Z"), () -> {
            if (step == Step.RECONSTRUCT) reconstructView.undo();
            else if (step == Step.QUANTIFY) quantifyView.undo();
        });
        return s;
    }

    private MenuBar menus() {
        MenuItem open = item("Open…", "Shortcut+O", this::chooseAndOpen);
        MenuItem folder = item("Open folder…", "Shortcut+Shift+F", this::chooseFolder);
        MenuItem sample = item("Open sample", "Shortcut+Shift+O", () -> openSample(SampleData::ensure));
        MenuItem save = item("Save workspace", "Shortcut+S", () -> saveWorkspace(false));
        MenuItem saveAs = item("Save workspace as…", null, () -> saveWorkspace(true));
        MenuItem export = item("Export figure…", "Shortcut+E", () -> { show(Step.EXPORT); exportFigure(exportPane.request()); });
        MenuItem layout = item("Save figure layout…", null, this::saveFigureLayout);
        MenuItem compose = item("Compose figure…", "Shortcut+Shift+E", this::openComposer);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> { if (confirmQuit()) stage.close(); });
        // the second study's workspace (docs/sei.md) opens in its own window
        MenuItem seiOpen = item("Open SEI study…", null, () -> seiWindow().show());
        MenuItem seiSample = item("Open sample SEI study", null, () -> { seiWindow().show(); seiWindow().openSample(); });
        Menu file = new Menu("File", null, open, folder, sample, seiOpen, seiSample, recentMenu, new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(), export, layout, compose,
                new SeparatorMenuItem(), quit);
        // the Export step's outputs, named where one looks for them (the pane holds the settings)
        Menu exportMenu = new Menu("Export", null, item("Compose figure (slices and profiles)…", null, this::openComposer),
                item("Tilt series for IMOD (.mrc + .tlt + .xf)…", null, () -> { show(Step.EXPORT); exportPane.setWhat(ExportPane.What.IMOD); }),
                item("Current volume (MRC, .hspy, .emd, ImageJ)…", null, () -> { show(Step.EXPORT); exportPane.setWhat(ExportPane.What.VOLUME); }),
                item("Profile chart…", null, () -> { show(Step.EXPORT); exportPane.setWhat(ExportPane.What.PROFILE_CHART); }));
        Menu dataset = new Menu("Dataset", null,
                item("Rename…", "F2", () -> { if (current != null) Dialogs.askName(stage, current.label()).ifPresent(n -> rename(current, n)); }),
                item("Apply these settings to all datasets", null, this::applySettingsToAll),
                item("Load settings from a parameters file…", null, this::loadParams), new SeparatorMenuItem(),
                item("Process", "Shortcut+R", () -> { if (current != null) process(List.of(current)); }),
                item("Process all", "Shortcut+Shift+R", () -> process(datasets)));
        Menu view = new Menu("View", null, item("3-D view (lit surfaces)…", "Shortcut+Shift+D", this::open3d), new SeparatorMenuItem());
        for (Step s : Step.values()) view.getItems().add(item(s.title, null, () -> show(s)));
        Menu help = new Menu("Help", null, item("Keyboard shortcuts", "F1", () -> Dialogs.shortcuts(stage)),
                item("About Trident", null, () -> Dialogs.about(stage)));
        return new MenuBar(file, dataset, view, exportMenu, help);
    }

    private static MenuItem item(String text, String accel, Runnable r) {
        MenuItem m = new MenuItem(text);
        if (accel != null) m.setAccelerator(KeyCombination.keyCombination(accel));
        m.setOnAction(e -> r.run());
        return m;
    }

    /**
     * Opens the sample workspace: {@code source} makes (or finds in the cache) the sample bundles
     * on a worker thread, with progress in the job list, and each is then opened like any bundle.
     */
    public Jobs.Job openSample(Function<Progress, List<Path>> source) {
        tiltView.showMessage("Preparing the sample workspace (generated on first use; progress at the bottom right)…");
        status.setText("Preparing the sample workspace…");
        return jobs.submit("Preparing the sample workspace", source, paths -> {
            stage.setTitle("Trident — workspace: NCM111 sample (simulated)");
            status.setText("Sample workspace: three simulated NCM111 particles with their ground truth (truth/…).");
            for (Path p : paths) openDataset(p, null);
        }, e -> Dialogs.error(stage, "The sample workspace could not be prepared.", e), () -> status.setText("Sample preparation cancelled."));
    }

    private org.trident.ui.sei.SeiWindow seiWindow;

    /** The SEI study window (made on first use). */
    public org.trident.ui.sei.SeiWindow seiWindow() {
        if (seiWindow == null) seiWindow = new org.trident.ui.sei.SeiWindow(stage, jobs);
        return seiWindow;
    }

    public Stage stage() { return stage; }
    public Jobs jobs() { return jobs; }
    public SharedCursor cursor() { return cursor; }
    public List<Dataset> datasets() { return List.copyOf(datasets); }
    public Step step() { return step; }
    public OrthoView orthoView() { return orthoView; }
    public TiltView tiltView() { return tiltView; }
    public CompareView compareView() { return compareView; }
    public ExportPane exportPane() { return exportPane; }
    public ReconstructView reconstructView() { return reconstructView; }
    public ProfilesView profilesView() { return profilesView; }
    AnalyzeControls analyzeControls() { return analyzeControls; }
    public AlignView alignView() { return alignView; }
    public QuantifyView quantifyView() { return quantifyView; }
    public Label statusLabel() { return status; }

    public void show(Step s) {
        step = s;
        rail.get(s).setSelected(true);
        tiltView.setVisible(s == Step.LOAD);
        reconstructView.setVisible(s == Step.RECONSTRUCT);
        alignView.setVisible(s == Step.ALIGN);
        quantifyView.setVisible(s == Step.QUANTIFY);
        orthoView.setVisible(s == Step.VOLUMES);
        profilesView.setVisible(s == Step.ANALYZE);
        compareView.setVisible(s == Step.COMPARE || s == Step.EXPORT);
        settings.getChildren().clear();
        Label head = new Label(s.title);
        head.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        settings.getChildren().add(head);
        switch (s) {
            case LOAD -> {
                Button openB = new Button("Open…");
                openB.setTooltip(new Tooltip("Open bundles, pipeline outputs, MRC volumes or a workspace (Ctrl+O)"));
                openB.setOnAction(e -> chooseAndOpen());
                Button folderB = new Button("Open folder…");
                folderB.setTooltip(new Tooltip("Open a pipeline output, bundle or volume folder (Ctrl+Shift+F)"));
                folderB.setOnAction(e -> chooseFolder());
                Button sampleB = new Button("Open sample");
                sampleB.setTooltip(new Tooltip("Three simulated NCM111 particles (pristine, 10 and 100 cycles) with ground truth (Ctrl+Shift+O)"));
                sampleB.setOnAction(e -> openSample(SampleData::ensure));
                Button processB = new Button("Process");
                processB.setId("process");
                processB.setTooltip(new Tooltip("Run the remaining steps of this dataset (quantify → align → reconstruct → analyze) with its settings, as one job (Ctrl+R)"));
                processB.setOnAction(e -> { if (current != null) process(List.of(current)); });
                Button allB = new Button("Process all");
                allB.setId("process-all");
                allB.setTooltip(new Tooltip("The same for every dataset of the workspace, one job with overall progress; then Compare (Ctrl+Shift+R)"));
                allB.setOnAction(e -> process(datasets));
                settings.getChildren().addAll(new HBox(6, openB, folderB), sampleB, new HBox(6, processB, allB), info);
            }
            case QUANTIFY -> settings.getChildren().add(quantifyView.settings());
            case ALIGN -> settings.getChildren().add(alignView.settings());
            case RECONSTRUCT -> settings.getChildren().add(reconstructView.settings());
            case VOLUMES -> settings.getChildren().addAll(button("Open 3-D view…", "Lit, rotatable isosurfaces with a clipping plane at the cursor (Ctrl+Shift+D)", this::open3d), new Label("Linked orthoslices of every volume of\nthe dataset; coordinates are centred,\nin nm. Pick the quantity above the\nviews or in the tree."));
            case ANALYZE -> settings.getChildren().add(profilesView.settings());
            case COMPARE -> { compareView.refresh(); settings.getChildren().add(compareView.settings()); }
            case EXPORT -> { compareView.refresh(); settings.getChildren().add(exportPane); }
        }
    }

    /** Folders (a pipeline output, a bundle folder, a folder of tilts) cannot be picked in a file dialog. */
    private Surface3DView view3d;
    private Stage stage3d;

    /** The 3-D view in its own window (as large as one likes), following the selected dataset and the cursor. */
    public Surface3DView open3d() {
        if (view3d == null) {
            view3d = new Surface3DView(cursor);
            stage3d = new Stage();
            stage3d.initOwner(stage);
            stage3d.setTitle("Trident — 3-D view");
            stage3d.setScene(new Scene(view3d, 900, 700));
        }
        view3d.setDataset(current);
        stage3d.show();
        stage3d.toFront();
        return view3d;
    }

    private FigureComposerView composer;

    /** The figure composer in its own window, over the datasets open now (re-read each time it is shown). */
    public FigureComposerView openComposer() {
        if (composer == null) composer = new FigureComposerView(this::datasets, jobs);
        composer.showIn(stage);
        return composer;
    }

    private static Button button(String text, String tip, Runnable r) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> r.run());
        return b;
    }

    private void chooseFolder() {
        javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
        dc.setTitle("Open a pipeline, reconstruct or analyze output, a bundle folder or a folder of tilts");
        File f = dc.showDialog(stage);
        if (f != null) open(List.of(f.toPath()));
    }

    private void chooseAndOpen() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open bundles, pipeline outputs, volumes or a workspace");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Trident files", "*.json", "*.mrc", "*.rec"),
                new FileChooser.ExtensionFilter("Microscope files", MicroscopeFiles.PATTERNS),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> fs = fc.showOpenMultipleDialog(stage);
        if (fs != null) open(fs.stream().map(File::toPath).toList());
    }

    /** Opens each path in the background: a workspace file, a bundle, a pipeline output, or volumes. */
    public void open(List<Path> paths) {
        for (Path p : paths) {
            if (Workspace.isWorkspace(p)) {
                openWorkspace(p);
                continue;
            }
            if (SmokeCheck.isSeiStudy(p)) { // e.g. a study.json opened from the file manager (docs/install.md)
                seiWindow().show();
                seiWindow().open(p);
                continue;
            }
            openDataset(p, null);
        }
    }

    public Jobs.Job openDataset(Path p, String label) {
        String shown = p.getFileName() != null && p.getFileName().toString().equals("bundle") && p.getParent() != null
                ? p.getParent().getFileName() + "/bundle" : String.valueOf(p.getFileName());
        return jobs.submit("Opening " + shown, pr -> DatasetLoader.load(p, label, pr), d -> {
            recent.add(p);
            refreshRecent();
            addDataset(d);
        }, e -> Dialogs.error(stage, "Cannot open " + p.getFileName() + ".", e));
    }

    private com.fasterxml.jackson.databind.node.ObjectNode pendingView;

    public void openWorkspace(Path file) {
        try {
            Workspace w = Workspace.read(file);
            session.opened(file, w);
            pendingView = w.view();
            stage.setTitle("Trident — workspace: " + w.name());
            recent.add(file);
            refreshRecent();
            int[] left = {w.entries().size()};
            Runnable one = () -> { if (--left[0] == 0) session.markSaved(datasets); };
            for (var e : w.entries()) {
                jobs.submit("Opening " + e.path().getFileName(), pr -> Session.load(e, w.results(), pr), d -> {
                    addDataset(d);
                    one.run();
                }, err -> { one.run(); Dialogs.error(stage, "Cannot open " + e.path().getFileName() + ".", err); }, one);
            }
        } catch (RuntimeException e) {
            Dialogs.error(stage, "Cannot open the workspace " + file.getFileName() + ".", e);
        }
    }

    public void addDataset(Dataset d) {
        datasets.removeIf(x -> x.source() != null && x.source().equals(d.source()));
        d.setLabel(DatasetNames.unique(d.label(), d, datasets));
        datasets.add(d);
        rebuildTree();
        profilesView.setDatasets(datasets);
        compareView.setDatasets(datasets);
        select(d);
        restoreView(d);
    }

    /** Puts back the step, dataset and cursor a workspace was saved with, once its dataset is open. */
    private void restoreView(Dataset d) {
        var v = pendingView;
        if (v == null || !d.label().equals(v.path("dataset").asText(d.label()))) return;
        pendingView = null;
        var c = v.path("cursorNm");
        if (c.isArray() && c.size() == 3) cursor.set(c.get(0).asDouble(), c.get(1).asDouble(), c.get(2).asDouble());
        try {
            show(Step.valueOf(v.path("step").asText("LOAD")));
        } catch (IllegalArgumentException e) {
            show(Step.LOAD); // a step name from another version
        }
    }

    /** Where the workspace is autosaved (the cache folder; the workspace file itself changes only on Save). */
    public Path autosaveFile() {
        return session.autosaveFile();
    }

    public Session session() { return session; }

    /** Autosaves now (also after every result written); a few kB of JSON, quick enough for the FX thread. */
    public void autosave() {
        if (datasets.isEmpty()) return;
        try {
            session.autosave(datasets, workspace().view());
        } catch (RuntimeException e) {
            status.setText("Autosave failed: " + Dialogs.sentence(e));
        }
    }

    private void rebuildTree() {
        tree.getRoot().getChildren().clear();
        for (Dataset d : datasets) {
            TreeItem<Object> n = new TreeItem<>(d);
            if (d.series() != null) n.getChildren().add(new TreeItem<>(new Node(d, "tilt series: " + d.series().tilts() + " tilts, "
                    + d.series().channels().size() + " channels", null)));
            TreeItem<Object> truth = null;
            for (var v : d.volumes()) {
                if (v.name().startsWith("truth/")) {
                    if (truth == null) truth = new TreeItem<>(new Node(d, "simulation truth", null));
                    truth.getChildren().add(new TreeItem<>(new Node(d, v.baseName(), v.name())));
                } else {
                    n.getChildren().add(new TreeItem<>(new Node(d, v.name(), v.name())));
                }
            }
            if (truth != null) n.getChildren().add(truth);
            if (d.profiles() != null) n.getChildren().add(new TreeItem<>(new Node(d, "depth profiles", null)));
            if (!d.steps().isEmpty()) n.getChildren().add(new TreeItem<>(new Node(d, stepsLine(d), null)));
            n.setExpanded(true);
            tree.getRoot().getChildren().add(n);
        }
    }

    /** "made here: quantify · align · reconstruct (stale) · analyze (stale)": what the results folder holds and what is out of date. */
    static String stepsLine(Dataset d) {
        List<String> parts = new ArrayList<>();
        for (String st : Project.STEPS) {
            var r = d.steps().get(st);
            if (r != null) parts.add(st + (r.path("stale").asBoolean(false) ? " (stale: redo after an upstream change)" : ""));
        }
        return "made here: " + String.join(" · ", parts);
    }

    /** A child row of the tree: a part of a dataset, optionally naming one volume. */
    record Node(Dataset dataset, String text, String volume) {
        @Override public String toString() { return text; }
    }

    private void onTreeSelect(TreeItem<Object> it) {
        if (it == null) return;
        if (it.getValue() instanceof Dataset d) { select(d); return; }
        if (it.getValue() instanceof Node n) {
            if (n.dataset() != current) select(n.dataset());
            if (n.volume() != null) { orthoView.select(n.volume()); show(Step.VOLUMES); }
            else if (n.text().startsWith("tilt")) show(Step.LOAD);
            else if (n.text().equals("simulation truth")) show(Step.VOLUMES);
            else show(Step.ANALYZE);
        }
    }

    public void select(Dataset d) {
        if (d == current) return;
        keepSettings(current);
        current = d;
        tiltView.setSeries(d.series());
        quantifyView.setSeries(d.openedSeries(), d.seriesPath());
        alignView.setSeries(d.rawSeries(), Project.rawSource(d));
        reconstructView.setDataset(d);
        orthoView.setDataset(d);
        useSettings(d);
        info.setText(describe(d));
        stage.setTitle("Trident — " + d.label());
        datasetHeader.setText("Dataset: " + d.label());
        if (view3d != null && stage3d.isShowing()) view3d.setDataset(d);
        if (d.series() == null && !d.volumes().isEmpty() && step == Step.LOAD) show(Step.VOLUMES);
    }

    public Dataset current() { return current; }

    /** Renames a dataset (made unique in the workspace); every view, legend and export then uses the new name. */
    public void rename(Dataset d, String name) {
        d.setLabel(DatasetNames.unique(name, d, datasets));
        rebuildTree();
        profilesView.setDatasets(datasets);
        compareView.setDatasets(datasets);
        if (d == current) {
            datasetHeader.setText("Dataset: " + d.label());
            stage.setTitle("Trident — " + d.label());
            info.setText(describe(d));
        }
        autosave();
    }

    /** The settings forms hold the shown dataset's settings; they are kept with it when another is picked. */
    private void keepSettings(Dataset d) {
        if (d == null) return;
        d.setSettings(ReconViewModel.Setup.class, reconstructView.model().setup());
        d.setSettings(org.trident.spectra.QuantParams.class, quantifyView.model().params());
        d.setSettings(org.trident.analysis.AnalysisParams.class, analyzeControls.current());
    }

    private void useSettings(Dataset d) {
        var rs = d.settings(ReconViewModel.Setup.class);
        reconstructView.useSetup(rs != null ? rs : ReconViewModel.Setup.defaults());
        var qp = d.settings(org.trident.spectra.QuantParams.class);
        quantifyView.useSettings(qp != null ? qp : org.trident.spectra.QuantParams.defaults());
        var ap = d.settings(org.trident.analysis.AnalysisParams.class);
        analyzeControls.show(ap != null ? ap : org.trident.analysis.AnalysisParams.defaults());
    }

    /**
     * Process / Process all: the remaining steps of each dataset with its own settings, one job
     * with overall progress and ETA ({@link ProcessRunner}); results land in the results folder as
     * they are made and join the datasets when the job ends.
     */
    public Jobs.Job process(List<Dataset> which) {
        keepSettings(current);
        List<Dataset> ds = List.copyOf(which);
        Map<Dataset, ProcessRunner.Settings> settingsOf = new LinkedHashMap<>();
        for (Dataset d : ds) settingsOf.put(d, ProcessRunner.settingsOf(d));
        if (ds.stream().allMatch(d -> ProcessRunner.remaining(d).isEmpty())) {
            status.setText("Nothing to process: every step is done and none is stale (changed analysis settings take effect with Run analysis).");
            return null;
        }
        var proj = session.project();
        int threads = org.trident.job.RunContext.availableThreads();
        String name = ds.size() == 1 ? "Process " + ds.get(0).label() : "Process all (" + ds.size() + " datasets)";
        status.setText(name + "…");
        return jobs.submit(name, pr -> ProcessRunner.runAll(ds, settingsOf, proj, threads, pr), results -> {
            List<String> failed = new ArrayList<>(), warned = new ArrayList<>();
            for (Object o : results) {
                if (o instanceof ProcessRunner.Outcome out) {
                    ProcessRunner.adopt(out, proj);
                    out.warnings().forEach(w -> warned.add(w.startsWith("dataset " + out.dataset().label() + ":") ? w : out.dataset().label() + ": " + w));
                } else if (o instanceof Throwable t) failed.add(Dialogs.sentence(t));
            }
            Dataset c = current;
            current = null;
            if (c != null) select(c);
            rebuildTree();
            profilesView.setDatasets(datasets);
            compareView.setDatasets(datasets);
            autosave();
            status.setText((failed.isEmpty() ? name + ": done." : name + ": " + failed.size() + " failed: " + String.join("; ", failed))
                    + (warned.isEmpty() ? "" : " Warning: " + String.join("; ", warned)));
            lastProcessWarnings = List.copyOf(warned);
            if (!warned.isEmpty() && failed.isEmpty()) Dialogs.warning(stage, name + ": done with " + warned.size() + " warning(s).", warned);
            if (!failed.isEmpty()) Dialogs.error(stage, name + ": " + failed.size() + " dataset(s) failed.", new org.trident.model.TridentException(String.join("; ", failed)));
            show(ds.size() > 1 ? Step.COMPARE : Step.ANALYZE);
        }, e -> Dialogs.error(stage, name + " stopped.", e), () -> status.setText(name + " cancelled; steps it finished are in the results folder but not in the workspace: Process again."));
    }

    /** The explicit way to share settings: the current dataset's Quantify and Reconstruct settings become every dataset's. */
    public void applySettingsToAll() {
        if (current == null) return;
        keepSettings(current);
        for (Dataset d : datasets) {
            d.setSettings(ReconViewModel.Setup.class, current.settings(ReconViewModel.Setup.class));
            d.setSettings(org.trident.spectra.QuantParams.class, current.settings(org.trident.spectra.QuantParams.class));
            d.setSettings(org.trident.analysis.AnalysisParams.class, current.settings(org.trident.analysis.AnalysisParams.class));
        }
        status.setText("The Quantify, Reconstruct and Analyze settings of " + current.label() + " now apply to all " + datasets.size() + " datasets.");
    }

    /** A trident.params/1 file (a GUI run's params.json or one written for the commands) becomes the current dataset's settings. */
    private void loadParams() {
        if (current == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Parameters file (trident.params/1)");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Trident parameters", "*.json"));
        File f = fc.showOpenDialog(stage);
        if (f == null) return;
        try {
            ProcessRunner.useParams(current, org.trident.pipeline.ParamsFile.read(f.toPath()));
        } catch (RuntimeException e) {
            Dialogs.error(stage, "The parameters file was not loaded.", e);
            return;
        }
        useSettings(current);
        status.setText("The Quantify, Reconstruct and Analyze settings of " + current.label() + " are now those of " + f.getName() + ".");
    }

    static String describe(Dataset d) {
        StringBuilder b = new StringBuilder(d.label()).append('\n').append(d.source()).append("\n\n");
        if (d.series() != null) {
            var ts = d.series();
            b.append(String.format(java.util.Locale.ROOT, "%d tilts, %.1f° to %.1f°%n%d × %d px at %.3g nm%n", ts.tilts(),
                    java.util.Arrays.stream(ts.tiltAnglesDeg()).min().orElse(0), java.util.Arrays.stream(ts.tiltAnglesDeg()).max().orElse(0),
                    ts.width(), ts.height(), ts.pixelSizeNm()));
            for (var c : ts.channels()) {
                b.append("  ").append(c.name()).append(" (").append(c.signal().label()).append(", ").append(c.kind());
                if (c.isSpectrum()) b.append(String.format(java.util.Locale.ROOT, ", %d ch, %.4g–%.4g %s", c.spectra().channels(),
                        c.energyAxis().energy(0), c.energyAxis().energy(c.spectra().channels() - 1), c.energyAxis().unit()));
                b.append(")\n");
            }
        }
        if (!d.volumes().isEmpty()) {
            var v = d.volumes().get(0).volume();
            b.append(String.format(java.util.Locale.ROOT, "%n%d volumes, %d × %d × %d voxels of %.3g nm%n", d.volumes().size(), v.nx(), v.ny(), v.nz(), v.voxelSizeNm()));
        }
        for (String n : d.notes()) b.append("note: ").append(n).append('\n');
        return b.toString();
    }

    /** The quantified series (maps added) feeds Align and Reconstruct; an alignment done here is dropped. */
    private void useQuantified(org.trident.spectra.QuantResult r) {
        Dataset d = current;
        if (d == null) return;
        d.setQuantified(r.series());
        var qp = quantifyView.model().params();
        keep(d, "quantify", "quantified series", p -> p.withQuantify(qp), pr -> session.project().saveQuantified(d, r, pr));
        tiltView.setSeries(d.series());
        alignView.setSeries(d.rawSeries(), Project.rawSource(d));
        reconstructView.setDataset(d);
        info.setText(describe(d));
        rebuildTree();
        status.setText("Quantified series in use (maps added); align it next.");
    }

    /** The aligned series becomes the one the tilt view and Reconstruct use; later results are stale. */
    private void useAligned(org.trident.model.TiltSeries ts) {
        Dataset d = current;
        if (d == null) return;
        d.setAligned(ts);
        var a = alignView.model().alignment();
        var ap = alignView.model().lastParams();
        keep(d, "align", "aligned series", p -> p.withAlign(ap), pr -> session.project().saveAligned(d, a, ts, pr));
        tiltView.setSeries(d.series());
        reconstructView.setDataset(d);
        info.setText(describe(d));
        status.setText("Aligned series in use; volumes reconstructed before this are stale until you run Reconstruct again.");
        show(Step.RECONSTRUCT);
    }

    private AnalyzeControls analyzeControls;
    private List<String> lastProcessWarnings = List.of();

    /** The warnings of the last Process / Process all (dataset: warning), as its dialog listed them. */
    List<String> lastProcessWarnings() { return lastProcessWarnings; }

    private void buildAnalyzeControls() {
        var controls = analyzeControls = new AnalyzeControls(jobs, () -> current, (d, r) -> {
            var ap = analyzeControls.current();
            keep(d, "analyze", "analysis", p -> p.withAnalyze(ap), pr -> session.project().saveAnalysis(d, r.analysis(), r.fit(), r.profileSource()));
            rebuildTree();
            orthoView.setDataset(d);
            profilesView.setDatasets(datasets);
            compareView.setDatasets(datasets);
            // last, so the views' own readouts set above do not replace it
            if (r.warning() != null) status.setText(d.label() + ": warning: " + r.warning());
        }, e -> Dialogs.error(stage, "The analysis did not run.", e));
        profilesView.analyzeBox().getChildren().addAll(controls.nodes());
    }

    /** Full-run volumes join the current dataset (replacing same-named ones) and are shown. */
    private void addReconstructed(Map<String, org.trident.model.Volume> vols) {
        Dataset d = current;
        if (d == null) return;
        vols.forEach((name, v) -> d.addVolume(new Dataset.VolumeItem(name, v, null)));
        var recon = reconstructView.model();
        var used = recon.lastRunParams();
        keep(d, "reconstruct", "volumes", p -> ReconViewModel.withRun(p, used), pr -> session.project().saveVolumes(d, dir -> recon.save(dir, org.trident.job.ToolVersion.get())));
        rebuildTree();
        orthoView.setDataset(d);
        compareView.setDatasets(datasets);
        show(Step.VOLUMES);
    }

    /**
     * Writes a result just made into the dataset's results folder (as the command would) on a
     * worker, records the settings it was made with ({@code used} on the folder's params.json),
     * then records the step, marks later steps stale and autosaves.
     */
    private void keep(Dataset d, String step, String what, java.util.function.UnaryOperator<org.trident.pipeline.Pipeline.Params> used,
                      Function<Progress, com.fasterxml.jackson.databind.node.ObjectNode> save) {
        jobs.submit("Writing the " + what + " of " + d.label(), pr -> {
            var rec = save.apply(pr);
            session.project().recordParams(d, used); // params.json: this step's settings, so pipeline --params replays them
            return rec;
        }, rec -> {
            session.project().note(d, step, rec);
            d.setResultsDir(session.project().dir(d));
            rebuildTree();
            if (view3d != null && stage3d.isShowing() && d == current) view3d.setDataset(d);
            autosave();
        }, e -> Dialogs.error(stage, "The " + what + " of " + d.label() + " could not be written to the results folder.", e));
    }

    private void exportFigure(ExportPane.Request r) {
        new ExportActions(jobs, compareView, orthoView, profilesView, exportPane, stage, current).run(r, List.copyOf(datasets));
    }

    /** The Compare grid as a trident.figure/1 layout, so that {@code trident figure} replays it (docs/figures.md). */
    private void saveFigureLayout() {
        if (!compareView.syncModel()) {
            status.setText("Nothing to save: open a dataset with volumes and pick quantities in Compare.");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Save figure layout");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Figure layout (trident figure)", "*.json"));
        File c = fc.showSaveDialog(stage);
        if (c != null) saveFigureLayout(c.toPath());
    }

    /** Saves the synced Compare grid to {@code file}; the reason goes to a dialog when it cannot. */
    void saveFigureLayout(Path file) {
        try {
            Path f = compareView.model().saveLayout(file, exportPane.request().options());
            status.setText("Saved figure layout " + f + " (replay: trident figure " + f.getFileName() + " --out figure.pdf)");
        } catch (RuntimeException e) {
            Dialogs.error(stage, "The figure layout was not saved.", e);
        }
    }

    private void saveWorkspace(boolean ask) {
        Path f = session.workspaceFile();
        if (ask || f == null) {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save workspace");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Trident workspace", "*.json"));
            File c = fc.showSaveDialog(stage);
            if (c == null) return;
            f = c.toPath();
        }
        try {
            session.save(f, datasets, workspace().view());
            recent.add(f);
            refreshRecent();
            status.setText("Saved workspace " + f);
        } catch (RuntimeException e) {
            Dialogs.error(stage, "The workspace was not saved.", e);
        }
    }

    /** The workspace as it stands: datasets and view state. */
    public Workspace workspace() {
        Workspace w = session.workspace(datasets, null);
        var v = w.view();
        v.put("step", step.name());
        if (current != null) v.put("dataset", current.label());
        v.putArray("cursorNm").add(cursor.xNm()).add(cursor.yNm()).add(cursor.zNm());
        return w;
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) recentMenu.getItems().add(item(p.toString(), null, () -> open(List.of(p))));
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** Asks before quitting when work would be lost (unsaved workspace, running jobs); true to go on. */
    public boolean confirmQuit() {
        String q = Session.quitQuestion(session.dirty(datasets), (int) jobs.running());
        if (q == null) return true;
        var choice = Dialogs.quit(stage, q);
        if (choice == Dialogs.QuitChoice.CANCEL) return false;
        if (choice == Dialogs.QuitChoice.SAVE) {
            saveWorkspace(false);
            if (session.dirty(datasets)) return false; // the save was cancelled or failed
        }
        return true;
    }

    public void dispose() {
        session.endedCleanly();
        autosaveTimer.stop();
        jobsPane.stop();
        jobs.shutdown();
        orthoView.dispose();
        if (view3d != null) { view3d.dispose(); stage3d.close(); }
        if (composer != null) composer.dispose();
        reconstructView.dispose();
        quantifyView.dispose();
        tiltView.dispose();
    }
}
