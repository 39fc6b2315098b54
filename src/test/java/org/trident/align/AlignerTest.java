package org.trident.align;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.Channel;
import org.trident.model.ImageStack;
import org.trident.model.Signal;
import org.trident.model.TiltSeries;
import org.trident.model.TridentException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AlignerTest {
    private static final double[] ANG = Phantoms.angles(-60, 60, 10);

    private static ImageStack series(Alignment truth, double counts, long seed) {
        return Phantoms.raw(Phantoms.particle(48), 48, ANG, truth, counts, 0.5, seed);
    }

    @Test
    void oneThreadAndManyThreadsGiveTheSameAlignment() {
        Alignment truth = Phantoms.misalignment(ANG, 2.0, 1.5, 2.0, 0.1, 7);
        ImageStack raw = series(truth, 100, 8);
        AlignParams p = AlignParams.defaults().withProjectionMatching(3, 0.05);
        Alignment a1 = Aligner.estimate(raw, ANG, p, null, 1, Progress.NONE).alignment();
        Alignment a3 = Aligner.estimate(raw, ANG, p, null, 3, Progress.NONE).alignment();
        assertEquals(a1.tiltAxisRotationDeg(), a3.tiltAxisRotationDeg(), 0.0);
        assertArrayEquals(a1.dx(), a3.dx(), 0.0);
        assertArrayEquals(a1.dy(), a3.dy(), 0.0);
    }

    @Test
    void crossCorrelationAloneFollowsJumps() {
        Alignment truth = Phantoms.misalignment(ANG, 0.0, 0.0, 2.0, 0.2, 9);
        ImageStack raw = series(truth, 0, 1);
        Aligner.Result r = Aligner.estimate(raw, ANG, AlignParams.defaults().withMethods(List.of(AlignMethod.XCORR)), null, 2, Progress.NONE);
        double rms = Families.residualRms(r.alignment(), truth, ANG);
        assertTrue(rms < 0.5, "xcorr residual " + rms);
        Alignment none = Alignment.identity(ANG.length);
        assertTrue(Families.residualRms(none, truth, ANG) > 1.0, "the misalignment must be visible");
    }

    @Test
    void centreOfMassFixesTheOffsetOfAnIsolatedParticle() {
        Alignment truth = Phantoms.misalignment(ANG, 0.0, 2.0, 1.0, 0.0, 10);
        ImageStack raw = series(truth, 0, 1);
        Aligner.Result r = Aligner.estimate(raw, ANG, AlignParams.defaults().withMethods(List.of(AlignMethod.COM)), null, 1, Progress.NONE);
        assertTrue(Families.residualRms(r.alignment(), truth, ANG) < 0.1);
        assertNotNull(r.com());
    }

    @Test
    void offsetSearchFindsAConstantAxisOffset() {
        Alignment truth = new Alignment(0, new double[ANG.length], new double[ANG.length]);
        double[] dx = new double[ANG.length];
        java.util.Arrays.fill(dx, 3.0);
        truth = truth.withShifts(dx, new double[ANG.length]);
        ImageStack raw = series(truth, 0, 1);
        AlignParams p = AlignParams.defaults().withMethods(List.of(AlignMethod.OFFSET));
        Alignment a = Aligner.estimate(raw, ANG, p, null, 2, Progress.NONE).alignment();
        assertEquals(3.0, a.dx(0), 0.5);
    }

    @Test
    void refusesBadInput() {
        float[][] d = new float[ANG.length][48 * 48];
        d[3][100] = Float.NaN;
        ImageStack withNan = new ImageStack(48, 48, d);
        var e = assertThrows(TridentException.class, () -> Aligner.estimate(withNan, ANG, AlignParams.defaults(), null, 1, Progress.NONE));
        assertTrue(e.getMessage().contains("tilt 3"));
        ImageStack one = new ImageStack(48, 48, new float[1][48 * 48]);
        assertThrows(TridentException.class, () -> Aligner.estimate(one, new double[]{0}, AlignParams.defaults(), null, 1, Progress.NONE));
        TiltSeries ts = new TiltSeries("s", 1, ANG, List.of(Channel.image("HAADF", Signal.ADF, series(Alignment.identity(ANG.length), 0, 1))), null);
        var e2 = assertThrows(TridentException.class, () -> Aligner.estimate(ts, "EDS", AlignParams.defaults(), null, 1, Progress.NONE));
        assertTrue(e2.getMessage().contains("EDS"));
        AlignParams badParams = AlignParams.defaults().withProjectionMatching(0, -1);
        assertThrows(TridentException.class, () -> Aligner.estimate(ts, null, badParams, null, 1, Progress.NONE));
    }

    @Test
    void cancellationStopsEstimation() {
        ImageStack raw = series(Alignment.identity(ANG.length), 0, 1);
        Progress cancelled = new Progress() {
            @Override public void start(String message, long total) {}
            @Override public void advance(long units) {}
            @Override public boolean isCancelled() { return true; }
        };
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> Aligner.estimate(raw, ANG, AlignParams.defaults(), null, 2, cancelled));
    }
}
