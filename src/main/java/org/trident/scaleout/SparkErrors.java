package org.trident.scaleout;

import org.trident.model.TridentException;

/** Turns a failed Spark job back into the sentence the task threw, so errors stay one line. */
final class SparkErrors {
    private SparkErrors() {}

    static RuntimeException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TridentException te) return te;
        }
        // Spark reports a task's exception as text inside a SparkException: find our sentence in it
        String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        int at = m.indexOf(TridentException.class.getName() + ": ");
        if (at >= 0) {
            String rest = m.substring(at + TridentException.class.getName().length() + 2);
            int nl = rest.indexOf('\n');
            return new TridentException(nl >= 0 ? rest.substring(0, nl).trim() : rest.trim());
        }
        String first = m.lines().findFirst().orElse("unknown error");
        return new TridentException("the Spark job failed: " + first, e);
    }
}
