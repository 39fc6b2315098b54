package org.trident.cli;

import picocli.CommandLine;

/** picocli's version provider: the version from the jar manifest (or "dev" when run from classes), via job.ToolVersion. */
public final class Version implements CommandLine.IVersionProvider {
    /** The same lookup as job.ToolVersion (kept for callers of the CLI's name). */
    public static String get() {
        return org.trident.job.ToolVersion.get();
    }

    @Override
    public String[] getVersion() {
        return new String[]{"Trident " + get()};
    }
}
