package org.trident.ui;

import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The workstation shown in a TestFX stage, for each FX test's own {@code @Start} (TestFX runs
 * only the test class's own, never an inherited one). Results, autosave and the session marker go
 * to a scratch folder, never the user's cache.
 */
final class FxSession {
    private FxSession() {}

    static MainWindow open(Stage stage) throws IOException {
        MainWindow w = new MainWindow(stage, Files.createTempDirectory("trident-fx-session"));
        stage.setScene(w.scene(1366, 768));
        stage.show();
        return w;
    }
}
