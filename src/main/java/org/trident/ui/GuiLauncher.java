package org.trident.ui;

import javafx.application.Application;

/**
 * Starts the workstation from the shaded jar, whose main class is not a JavaFX Application
 * (JavaFX refuses to start a classpath Application subclass as the jar's main class).
 */
public final class GuiLauncher {
    private GuiLauncher() {}

    public static void launch(String... args) {
        Application.launch(TridentApp.class, args);
    }
}
