package org.trident.spectra;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of per-pixel outputs that are each a fixed linear combination of the spectrum's
 * channels: {@code out[k] = Σ_c coef[k][c] · s[c]}. Every quantity {@code quantify} writes per
 * pixel is built this way (background amplitudes, window sums, continuum removal, least-squares
 * amplitudes through a precomputed pseudo-inverse), so the maps stay exactly linear in the
 * counts and the per-pixel cost is one small matrix–vector product.
 */
public final class LinearMap {
    /** One output: its name and its coefficients on channels {@code [from, from + coef.length)}. */
    public record Output(String name, int from, double[] coef) {
        public double apply(float[] row, int base) {
            double s = 0;
            int b = base + from;
            for (int i = 0; i < coef.length; i++) s += coef[i] * row[b + i];
            return s;
        }
    }

    private final int channels;
    private final List<Output> outputs = new ArrayList<>();

    public LinearMap(int channels) {
        this.channels = channels;
    }

    public int channels() { return channels; }
    public List<Output> outputs() { return outputs; }
    public int size() { return outputs.size(); }

    /** Adds an output from a full-length coefficient vector, trimmed to its non-zero range. */
    public LinearMap add(String name, double[] full) {
        if (full.length != channels) throw new IllegalArgumentException("coefficient vector of " + full.length + " for " + channels + " channels");
        int a = 0, b = full.length;
        while (a < b && full[a] == 0) a++;
        while (b > a && full[b - 1] == 0) b--;
        double[] c = new double[b - a];
        System.arraycopy(full, a, c, 0, b - a);
        outputs.add(new Output(name, a, c));
        return this;
    }

    public int index(String name) {
        for (int i = 0; i < outputs.size(); i++) if (outputs.get(i).name().equals(name)) return i;
        return -1;
    }

    /** The full-length coefficient vector of output {@code k}. */
    public double[] full(int k) {
        Output o = outputs.get(k);
        double[] f = new double[channels];
        System.arraycopy(o.coef(), 0, f, o.from(), o.coef().length);
        return f;
    }

    /** Applies every output to the spectrum starting at {@code base} in {@code row}. */
    public void apply(float[] row, int base, double[] out) {
        for (int k = 0; k < outputs.size(); k++) out[k] = outputs.get(k).apply(row, base);
    }

    public double[] apply(float[] spectrum) {
        double[] out = new double[outputs.size()];
        apply(spectrum, 0, out);
        return out;
    }
}
