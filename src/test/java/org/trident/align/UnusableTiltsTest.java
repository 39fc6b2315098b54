package org.trident.align;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A blank tilt and a tilt whose object left the field are found, named and left out; the rest aligns as well as without them. */
class UnusableTiltsTest {
    static final int N = 48;
    static final double[] ANG = Phantoms.angles(-60, 60, 5);
    static final int BLANK = 7, GONE = 16;

    @Test
    void blankAndOutOfViewTiltsAreExcludedAndTheRestAligns() {
        Alignment truth = Phantoms.misalignment(ANG, 2.0, 1.5, 2.0, 0.1, 5);
        ImageStack clean = Phantoms.raw(Phantoms.particle(N), N, ANG, truth, 300, 0.5, 9);
        // the same tilt with the stage jumped by more than the field: only background is left
        double[] gx = truth.dx(), gy = truth.dy();
        gx[GONE] += 1.5 * N;
        ImageStack jumped = Phantoms.raw(Phantoms.particle(N), N, ANG, new Alignment(truth.tiltAxisRotationDeg(), gx, gy), 300, 0.5, 9);
        float[][] d = new float[ANG.length][];
        for (int t = 0; t < ANG.length; t++) d[t] = clean.tilt(t).clone();
        d[BLANK] = new float[N * N];
        d[GONE] = jumped.tilt(GONE).clone();
        ImageStack bad = new ImageStack(N, N, d);

        int[] keep = new int[ANG.length - 2];
        for (int t = 0, k = 0; t < ANG.length; t++) if (t != BLANK && t != GONE) keep[k++] = t;
        double[] keptAngles = Arrays.stream(keep).mapToDouble(t -> ANG[t]).toArray();
        float[][] kd = new float[keep.length][];
        for (int k = 0; k < keep.length; k++) kd[k] = clean.tilt(keep[k]);
        Aligner.Result without = Aligner.estimate(new ImageStack(N, N, kd), keptAngles, AlignParams.defaults(), null, 2, Progress.NONE);
        double rmsWithout = Families.residualRms(without.alignment(), truth.subset(keep), keptAngles);

        Aligner.Result r = Aligner.estimate(bad, ANG, AlignParams.defaults(), null, 2, Progress.NONE);
        Alignment a = r.alignment();
        assertArrayEquals(new int[]{BLANK, GONE}, a.excludedTilts(), "excluded " + Arrays.toString(a.excludedTilts()) + " " + r.notes());
        assertEquals(ANG.length, a.tilts(), "one shift pair per raw tilt");
        assertTrue(a.extra().path("excludedReasons").path(Integer.toString(BLANK)).asText().startsWith("blank"));
        assertTrue(a.extra().path("excludedReasons").path(Integer.toString(GONE)).asText().contains("out of view"),
                a.extra().path("excludedReasons").toString());
        double rms = Families.residualRms(a.subset(keep), truth.subset(keep), keptAngles);
        System.out.printf("unusable tilts: residual %.3f px with them, %.3f px without; axis %.2f° vs %.2f° (truth %.2f°)%n",
                rms, rmsWithout, a.tiltAxisRotationDeg(), without.alignment().tiltAxisRotationDeg(), truth.tiltAxisRotationDeg());
        assertTrue(rms <= Math.max(0.3, rmsWithout + 0.05), "residual " + rms + " px vs " + rmsWithout + " px without the bad tilts");
        assertEquals(without.alignment().tiltAxisRotationDeg(), a.tiltAxisRotationDeg(), 0.05);

        // applied: N-2 tilts, the angle list follows
        ImageStack aligned = Alignments.apply(bad, a, Interpolation.LINEAR, 2, Progress.NONE);
        assertEquals(ANG.length - 2, aligned.tilts());

        // --keep-all keeps them; --exclude leaves out by hand
        Alignment all = Aligner.estimate(bad, ANG, AlignParams.defaults().withMethods(List.of(AlignMethod.XCORR)).withTiltScreening(false, List.of()),
                null, 2, Progress.NONE).alignment();
        assertEquals(0, all.excludedTilts().length);
        Alignment hand = Aligner.estimate(clean, ANG, AlignParams.defaults().withMethods(List.of(AlignMethod.XCORR)).withTiltScreening(false, List.of(3)),
                null, 2, Progress.NONE).alignment();
        assertArrayEquals(new int[]{3}, hand.excludedTilts());
    }

    @Test
    void aCleanSeriesLosesNoTilt() {
        Alignment truth = Phantoms.misalignment(ANG, -1.0, 1.0, 2.0, 0.1, 8);
        ImageStack lowDose = Phantoms.raw(Phantoms.particle(N), N, ANG, truth, 3, 0.5, 4);
        Alignment a = Aligner.estimate(lowDose, ANG, AlignParams.defaults().withMethods(List.of(AlignMethod.XCORR)), null, 2, Progress.NONE).alignment();
        assertEquals(0, a.excludedTilts().length, a.extra().path("excludedReasons").toString());
    }
}
