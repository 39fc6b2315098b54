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
        if (java.util.List.of(args).contains("--smoke")) headless();
        Application.launch(TridentApp.class, args);
        return exitCode;
    }

    /**
     * A smoke check runs without a screen (a build machine, a package test): JavaFX's headless
     * Monocle platform with software rendering, as in the test suite. Set before the toolkit
     * starts; a property given on the command line ({@code -Dglass.platform=gtk}) wins.
     */
    static void headless() {
        String[][] props = {{"glass.platform", "Monocle"}, {"monocle.platform", "Headless"}, {"prism.order", "sw"},
                {"prism.text", "t2k"}, {"headless.geometry", "1600x1000-32"}, {"java.awt.headless", "true"}};
        if (System.getProperty("glass.platform") != null) return;
        for (String[] p : props) if (System.getProperty(p[0]) == null) System.setProperty(p[0], p[1]);
    }

    /** The end of a {@code --smoke} check: its one line on stdout, its code for the process. */
    static void finish(SmokeCheck.Result r) {
        System.out.println(r.line());
        System.out.flush();
        exitCode = r.code();
    }
}
