package org.trident.recon;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the projector kernels on one block (never run by the unit tests: the class
 * name does not end in Test). Run after {@code mvn -o test-compile} with
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main KernelBenchmark}
 * where cp.txt comes from {@code mvn -o dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 * Updates per call = X·Z·tilts·slicesPerBlock; divide by the time for GUPS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
    @Param({"256"})
    int width;

    @Param({"61"})
    int tilts;

    @Param({"1", "8", "32"})
    int slicesPerBlock;

    SliceGeometry g;
    float[][] x, p, acc;
    int[] views;

    @Setup
    public void setup() {
        double[] a = new double[tilts];
        for (int t = 0; t < tilts; t++) a[t] = -70 + 140.0 * t / (tilts - 1);
        g = new SliceGeometry(width, width, a);
        Random r = new Random(1);
        x = Kernels.rows(g.voxels(), slicesPerBlock);
        p = Kernels.rows(g.tilts() * g.paddedWidth(), slicesPerBlock);
        acc = Kernels.rows(Kernels.TILE, slicesPerBlock);
        for (float[] row : x) for (int b = 0; b < slicesPerBlock; b++) row[b] = r.nextFloat();
        for (float[] row : p) for (int b = 0; b < slicesPerBlock; b++) row[b] = r.nextFloat();
        views = Kernels.allViews(tilts);
    }

    @Benchmark
    public void forward(Blackhole bh) {
        Kernels.forward(g, x, p, slicesPerBlock, views, 0, views.length);
        bh.consume(p);
    }

    @Benchmark
    public void back(Blackhole bh) {
        for (int v0 = 0; v0 < g.voxels(); v0 += Kernels.TILE) {
            Kernels.backTile(g, p, acc, slicesPerBlock, views, 0, views.length, v0, Math.min(g.voxels(), v0 + Kernels.TILE));
        }
        bh.consume(acc);
    }
}
