package org.trident.ui;

import org.trident.job.Progress;
import org.trident.recon.CostSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of each term per iteration of a low-dose solve, collected while it runs (the engine
 * hands them to a {@link CostSink} on its progress) and read by the view on its timer. Terms are
 * keyed "source · term" (e.g. "fused · haadf link", "EDS:Ni · tv"). Thread-safe.
 */
public final class CostCurves {
    private final Map<String, List<Double>> curves = new LinkedHashMap<>();
    private int iterations;

    /** Drops every curve (a new run starts). */
    public synchronized void clear() {
        curves.clear();
        iterations = 0;
    }

    public synchronized void add(String source, int iteration, int planned, Map<String, Double> terms) {
        iterations = Math.max(iterations, planned);
        terms.forEach((term, v) -> {
            List<Double> c = curves.computeIfAbsent(source.isEmpty() ? term : source + " · " + term, k -> new ArrayList<>());
            // a second solve of the same source (e.g. a half set) starts its curve again
            if (iteration == 1) c.clear();
            c.add(v);
        });
    }

    /** A copy of every curve (term → costs of iterations 1, 2, …). */
    public synchronized Map<String, double[]> snapshot() {
        Map<String, double[]> out = new LinkedHashMap<>();
        curves.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** Iterations planned by the latest solve (the chart's x range). */
    public synchronized int iterations() { return iterations; }

    public synchronized boolean isEmpty() { return curves.isEmpty(); }

    /** {@code p} that also hands the engine's per-iteration costs to these curves. */
    public Progress recording(Progress p) {
        return recording(p, "");
    }

    /** As {@link #recording(Progress)}, naming costs that come without a source (a solver called directly) {@code source}. */
    public Progress recording(Progress p, String source) {
        return new Recording(p, this, source);
    }

    private record Recording(Progress p, CostCurves curves, String unnamed) implements Progress, CostSink {
        @Override public void start(String message, long total) { p.start(message, total); }
        @Override public void advance(long units) { p.advance(units); }
        @Override public void message(String m) { p.message(m); }
        @Override public boolean isCancelled() { return p.isCancelled(); }
        @Override public void costs(String source, int iteration, int iterations, Map<String, Double> terms) {
            curves.add(source.isEmpty() ? unnamed : source, iteration, iterations, terms);
        }
    }
}
