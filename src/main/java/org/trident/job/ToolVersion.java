package org.trident.job;

/**
 * Trident's version: the jar manifest's Implementation-Version, or "dev" when run from classes.
 * The one lookup every front end and every provenance record uses.
 */
public final class ToolVersion {
    private ToolVersion() {}

    public static String get() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
