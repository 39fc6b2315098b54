package org.trident.pipeline;

import org.trident.job.RunContext;

import java.nio.file.Path;

/**
 * One stage of the chain.
 *
 * @param <I> what the step reads (typed, already loaded)
 * @param <P> the stage's parameters record
 * @param <R> what it produces, with its provenance
 */
public interface Step<I, P, R> {
    /** The stage name used in provenance and messages (quantify, align, …). */
    String name();

    /** Computes the result; nothing is written. Throws TridentException with a sentence on bad input. */
    R run(I input, P params, RunContext ctx);

    /** Writes the result into {@code dir}, which the caller prepared (io.OutputDirs); its record JSON last. */
    void write(R result, Path dir);
}
