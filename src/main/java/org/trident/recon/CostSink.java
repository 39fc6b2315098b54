package org.trident.recon;

import java.util.Map;

/**
 * Receives the cost of each term after every iteration of a low-dose solve (the primal-dual
 * methods: em-tv, sirt-tv, fused), e.g. to draw the curves while a run goes. The solvers find it
 * on the {@link org.trident.job.Progress} they are given (a progress that also implements this),
 * so no solver signature changes; {@link LowDoseSeries} keeps it through its per-channel naming.
 * Called on the solving thread: keep it short and thread-safe.
 */
public interface CostSink {
    /**
     * @param source     what is being solved ("" from the solver; the channel or "fused" once named)
     * @param iteration  1-based iteration just finished
     * @param iterations iterations planned
     * @param terms      cost per term, in a fixed order: data terms ("data" or "data:&lt;channel&gt;"),
     *                   "haadf link" (fused), TV terms ("tv" or "tv:&lt;channel&gt;")
     */
    void costs(String source, int iteration, int iterations, Map<String, Double> terms);
}
