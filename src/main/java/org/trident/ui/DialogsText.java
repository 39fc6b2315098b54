package org.trident.ui;

/** Texts of the Help dialogs, toolkit-free so a test can read them. */
final class DialogsText {
    private DialogsText() {}

    static String shortcuts() {
        return String.join("\n",
                "Ctrl+O   open bundles, pipeline outputs, MRC volumes or a workspace",
                "Ctrl+Shift+F   open a folder (pipeline output, bundle, volumes)",
                "Ctrl+Shift+O   open the sample workspace",
                "Ctrl+R / Ctrl+Shift+R   process this dataset / all datasets",
                "F2   rename the dataset",
                "Ctrl+S   save the workspace",
                "Ctrl+E   export the figure",
                "Ctrl+Shift+E   compose a figure of slices and profiles",
                "Ctrl+1 … Ctrl+" + MainWindow.Step.values().length + "   go to a step (" + java.util.Arrays.stream(MainWindow.Step.values()).map(x -> x.title).collect(java.util.stream.Collectors.joining(", ")) + ")",
                "Ctrl+Q   quit (asks first when work is unsaved or running)",
                "Ctrl+Z   undo the last setting change",
                "← →   step tilts (tilt slider focused)",
                "mouse wheel over a slice   step slices",
                "F1   this list");
    }
}
