package org.trident.align;

/**
 * A small parallel-beam projector for one slice perpendicular to the tilt axis, used only
 * inside alignment (projection matching, offset search). Slice pixel (i, k) has centred
 * coordinates x = i-(n-1)/2, z = k-(n-1)/2 and projects to u = x·cosθ + z·sinθ (contract
 * section 1); each pixel is split linearly between the two nearest detector bins (pixel-driven),
 * and {@link #back} is its exact transpose. Pixels outside the inscribed circle are not used, so
 * every pixel is seen at every angle.
 */
final class SliceProjector {
    private final int n;
    private final int tilts;
    private final int[] bin;       // [t][pixel] lower bin, -1 when unused
    private final float[] frac;    // [t][pixel] weight of the upper bin
    private final float[] rowSum, colSum;

    SliceProjector(int n, double[] anglesDeg) {
        this.n = n;
        this.tilts = anglesDeg.length;
        int np = n * n;
        bin = new int[tilts * np];
        frac = new float[tilts * np];
        double c0 = (n - 1) / 2.0, r2 = Math.pow(n / 2.0 - 0.5, 2);
        for (int t = 0; t < tilts; t++) {
            double c = Math.cos(Math.toRadians(anglesDeg[t])), s = Math.sin(Math.toRadians(anglesDeg[t]));
            for (int k = 0; k < n; k++) {
                double z = k - c0;
                for (int i = 0; i < n; i++) {
                    double x = i - c0;
                    int idx = t * np + k * n + i;
                    double u = x * c + z * s + c0;
                    int b = (int) Math.floor(u);
                    if (x * x + z * z > r2 || b < 0 || b + 1 >= n) {
                        bin[idx] = -1;
                        continue;
                    }
                    bin[idx] = b;
                    frac[idx] = (float) (u - b);
                }
            }
        }
        float[] ones = new float[np];
        java.util.Arrays.fill(ones, 1f);
        rowSum = new float[tilts * n];
        forward(ones, rowSum);
        float[] onesS = new float[tilts * n];
        java.util.Arrays.fill(onesS, 1f);
        colSum = new float[np];
        back(onesS, colSum);
    }

    int size() { return n; }

    /** sino[t][u] = Σ slice weights; slice is [z][x]. */
    void forward(float[] slice, float[] sino) {
        java.util.Arrays.fill(sino, 0f);
        int np = n * n;
        for (int t = 0; t < tilts; t++) {
            int off = t * np, so = t * n;
            for (int p = 0; p < np; p++) {
                int b = bin[off + p];
                if (b < 0) continue;
                float v = slice[p], f = frac[off + p];
                sino[so + b] += v * (1 - f);
                sino[so + b + 1] += v * f;
            }
        }
    }

    void back(float[] sino, float[] slice) {
        java.util.Arrays.fill(slice, 0f);
        int np = n * n;
        for (int t = 0; t < tilts; t++) {
            int off = t * np, so = t * n;
            for (int p = 0; p < np; p++) {
                int b = bin[off + p];
                if (b < 0) continue;
                float f = frac[off + p];
                slice[p] += sino[so + b] * (1 - f) + sino[so + b + 1] * f;
            }
        }
    }

    /**
     * SIRT with non-negativity: x ← max(0, x + C·Bᵀ(R·(p − F x))), R and C the inverse row and
     * column sums. {@code x} is updated in place (a warm start); returns the squared residual ‖p − F x‖².
     */
    double sirt(float[] sino, float[] x, int iterations, boolean nonNegative) {
        float[] fx = new float[tilts * n], corr = new float[n * n];
        double res = 0;
        for (int it = 0; it < iterations; it++) {
            forward(x, fx);
            res = 0;
            for (int i = 0; i < fx.length; i++) {
                float d = sino[i] - fx[i];
                res += d * d;
                fx[i] = rowSum[i] > 0 ? d / rowSum[i] : 0;
            }
            back(fx, corr);
            for (int i = 0; i < x.length; i++) {
                if (colSum[i] <= 0) continue;
                float v = x[i] + corr[i] / colSum[i];
                x[i] = nonNegative && v < 0 ? 0 : v;
            }
        }
        forward(x, fx);
        res = 0;
        for (int i = 0; i < fx.length; i++) {
            double d = sino[i] - fx[i];
            res += d * d;
        }
        return res;
    }
}
