package org.trident;

import org.trident.cli.TridentCommand;

/** Entry point of {@code trident.jar}; deliberately not a JavaFX Application so the shaded jar starts. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(TridentCommand.run(args));
    }
}
