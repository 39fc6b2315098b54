package org.trident.model;

import java.nio.file.Path;

/**
 * The one exception family of Trident: a plain sentence naming the file (when there is one)
 * and the problem. The CLI prints {@link #getMessage()} alone; the GUI shows it in a dialog.
 */
public class TridentException extends RuntimeException {
    /** Longest message kept: a sentence, not a dump of whatever a corrupt file held. */
    static final int MAX_LENGTH = 600;

    public TridentException(String message) {
        super(oneLine(message));
    }

    public TridentException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * The contract's one line: line breaks and tabs become spaces, other control characters and
     * undecodable bytes (text taken from a corrupt file) become '?', and an overlong message is cut.
     */
    public static String oneLine(String message) {
        if (message == null) return null;
        StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_LENGTH + 1));
        boolean space = false;
        for (int i = 0; i < message.length() && b.length() < MAX_LENGTH; i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (!space) b.append(' ');
                space = true;
                continue;
            }
            space = false;
            b.append(Character.isISOControl(c) || c == '\ufffd' || Character.isSurrogate(c) && !validSurrogate(message, i) ? '?' : c);
        }
        if (b.length() >= MAX_LENGTH && message.length() > MAX_LENGTH) b.append('…');
        return b.toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** "FILE: problem". */
    public static TridentException file(Path file, String problem) {
        return new TridentException(file + ": " + problem);
    }

    public static TridentException file(Path file, String problem, Throwable cause) {
        return new TridentException(file + ": " + problem, cause);
    }
}
