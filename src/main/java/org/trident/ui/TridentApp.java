package org.trident.ui;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.trident.sim.SampleData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The workstation. Arguments are paths to open (bundles, pipeline outputs, MRC volumes, a
 * workspace); {@code --sample} opens the sample workspace.
 */
public class TridentApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) throws java.io.IOException {
        boolean smoke = getParameters().getRaw().contains("--smoke");
        // a smoke check keeps its session (autosave, crash marker) in a scratch folder: it must not
        // offer or overwrite the user's recovery, and nothing of it is worth keeping
        window = smoke ? new MainWindow(stage, java.nio.file.Files.createTempDirectory("trident-smoke")) : new MainWindow(stage);
        Rectangle2D vb = Screen.getPrimary().getVisualBounds();
        double w = Math.min(1400, vb.getWidth() - 20), h = Math.min(880, vb.getHeight() - 20);
        stage.setScene(window.scene(w, h));
        stage.setTitle("Trident");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.show();
        List<Path> paths = new ArrayList<>();
        boolean sample = false;
        double smokeTimeout = 900;
        for (String a : getParameters().getRaw()) {
            if (a.equals("--sample")) sample = true;
            else if (a.startsWith("--smoke-timeout=")) smokeTimeout = Double.parseDouble(a.substring("--smoke-timeout=".length()));
            else if (!a.startsWith("--")) paths.add(Path.of(a));
        }
        if (smoke) {
            boolean withSample = sample || paths.isEmpty();
            new SmokeCheck(window, SmokeCheck.expectedFor(paths, withSample), smokeTimeout, r -> {
                GuiLauncher.finish(r);
                javafx.application.Platform.exit(); // stop() disposes the window
            }).start();
            if (withSample) window.openSample(SampleData::ensure);
            window.open(paths);
            return;
        }
        Path recover = window.session().recoverable();
        window.session().started();
        if (recover != null && Dialogs.recover(stage, recover)) {
            paths.add(0, recover);
        } else if (sample || paths.isEmpty()) {
            // started without anything to open, the workstation shows the sample workspace
            window.openSample(SampleData::ensure);
        }
        window.open(paths);
    }

    @Override
    public void stop() {
        if (window != null) window.dispose();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
