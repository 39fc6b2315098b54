package org.trident.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.trident.job.ToolVersion;
import org.trident.model.TridentException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CancellationException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Error and About dialogs: an error is one sentence, with the stack trace behind "Show details". */
public final class Dialogs {
    private static final Logger LOG = Logger.getLogger("org.trident.ui");

    private Dialogs() {}

    /** One sentence for the user: our own messages as they are, others with their type. */
    public static String sentence(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof TridentException)) {
            if (t.getCause() instanceof TridentException) { t = t.getCause(); break; }
            if (t instanceof RuntimeException && t.getMessage() == null) t = t.getCause(); else break;
        }
        if (t instanceof TridentException) return t.getMessage();
        if (t instanceof CancellationException) return "Cancelled.";
        if (t instanceof OutOfMemoryError) return "Out of memory: give Java more with -Xmx, or open a smaller dataset.";
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** A non-blocking warning: the run finished, with these lines the user should read (one each). */
    public static void warning(Window owner, String what, java.util.List<String> lines) {
        LOG.log(Level.INFO, what + " " + String.join("; ", lines));
        Alert a = new Alert(Alert.AlertType.WARNING);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Trident");
        a.setHeaderText(what);
        a.setContentText(String.join("\n", lines));
        a.show();
    }

    public static void error(Window owner, String what, Throwable e) {
        LOG.log(Level.WARNING, what, e);
        Alert a = new Alert(Alert.AlertType.ERROR);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Trident");
        a.setHeaderText(what);
        a.setContentText(sentence(e));
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        TextArea details = new TextArea(sw.toString());
        details.setEditable(false);
        details.setPrefRowCount(14);
        a.getDialogPane().setExpandableContent(details);
        a.show();
    }

    public static void about(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) a.initOwner(owner);
        a.setTitle("About Trident");
        a.setHeaderText("Trident " + ToolVersion.get());
        a.setContentText("Correlative ADF–EDS–EELS electron tomography workstation.\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version", "?") + ".\n"
                + "Coordinates are centred and in nm (x, y image axes at 0° tilt, z the beam).");
        a.show();
    }

    public static void shortcuts(Window owner) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText(DialogsText.shortcuts());
        a.show();
    }

    public enum QuitChoice { SAVE, QUIT, CANCEL }

    /** Save and quit / Quit without saving / Cancel. */
    public static QuitChoice quit(Window owner, String question) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Quit Trident");
        a.setHeaderText("Quit Trident?");
        a.setContentText(question);
        var save = new javafx.scene.control.ButtonType("Save and quit");
        var quit = new javafx.scene.control.ButtonType("Quit without saving");
        var cancel = javafx.scene.control.ButtonType.CANCEL;
        a.getButtonTypes().setAll(save, quit, cancel);
        var r = a.showAndWait().orElse(cancel);
        return r == save ? QuitChoice.SAVE : r == quit ? QuitChoice.QUIT : QuitChoice.CANCEL;
    }

    /** Offers the autosave of a session that ended without quitting; true to open it. */
    public static boolean recover(Window owner, java.nio.file.Path autosave) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Recover work");
        a.setHeaderText("Trident did not quit normally last time.");
        a.setContentText("Open the workspace as it was autosaved (its datasets and every result already written)?");
        var yes = new javafx.scene.control.ButtonType("Recover");
        var no = new javafx.scene.control.ButtonType("Start afresh");
        a.getButtonTypes().setAll(yes, no);
        return a.showAndWait().orElse(no) == yes;
    }

    /** Asks for a dataset's new name. */
    public static java.util.Optional<String> askName(Window owner, String old) {
        var d = new javafx.scene.control.TextInputDialog(old);
        if (owner != null) d.initOwner(owner);
        d.setTitle("Rename dataset");
        d.setHeaderText("A name that tells this dataset apart (stage and particle); shown in every view, legend and export.");
        d.setContentText("Name:");
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }
}
