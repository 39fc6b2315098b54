package org.trident.model;

import java.nio.file.Path;

/**
 * The one exception family of Trident: a plain sentence naming the file (when there is one)
 * and the problem. The CLI prints {@link #getMessage()} alone; the GUI shows it in a dialog.
 */
public class TridentException extends RuntimeException {
    public TridentException(String message) {
        super(message);
    }

    public TridentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "FILE: problem". */
    public static TridentException file(Path file, String problem) {
        return new TridentException(file + ": " + problem);
    }

    public static TridentException file(Path file, String problem, Throwable cause) {
        return new TridentException(file + ": " + problem, cause);
    }
}
