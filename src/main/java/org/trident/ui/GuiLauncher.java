package org.trident.ui;

import javafx.application.Application;

/**
 * Starts the workstation from the shaded jar, whose main class is not a JavaFX Application
 * (JavaFX refuses to start a classpath Application subclass as the jar's main class).
 */
public final class GuiLauncher {
    private static volatile int exitCode;

    private GuiLauncher() {}

    /** Runs the workstation until it closes; the exit code is 0 unless a {@code --smoke} check failed. */
    public static int launch(String... args) {
        exitCode = 0;
        Application.launch(TridentApp.class, args);
        return exitCode;
    }

    /** The end of a {@code --smoke} check: its one line on stdout, its code for the process. */
    static void finish(SmokeCheck.Result r) {
        System.out.println(r.line());
        System.out.flush();
        exitCode = r.code();
    }
}
