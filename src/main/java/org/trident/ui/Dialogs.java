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
        a.setContentText(String.join("\n",
                "Ctrl+O   open bundles, pipeline outputs, MRC volumes or a workspace",
                "Ctrl+Shift+O   open the sample workspace",
                "Ctrl+S   save the workspace",
                "Ctrl+E   export the figure",
                "Ctrl+1 … Ctrl+7   go to a step",
                "Ctrl+Z   undo the last setting change",
                "← →   step tilts (tilt slider focused)",
                "mouse wheel over a slice   step slices",
                "F1   this list"));
        a.show();
    }
}
