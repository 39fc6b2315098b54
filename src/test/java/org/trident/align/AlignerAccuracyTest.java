package org.trident.align;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AlignerAccuracyTest {
    @Test
    void highDoseRecoversShiftsAndAxis() {
        int n = 64;
        double[] ang = Phantoms.angles(-70, 70, 5);
        Alignment truth = Phantoms.misalignment(ang, 3.0, 2.0, 2.0, 0.1, 11);
        ImageStack raw = Phantoms.raw(Phantoms.particle(n), n, ang, truth, 200, 0.5, 5);
        long t0 = System.nanoTime();
        Aligner.Result r = Aligner.estimate(raw, ang, AlignParams.defaults(), null, 2, Progress.NONE);
        double rms = Families.residualRms(r.alignment(), truth, ang);
        double axisErr = Math.abs(r.alignment().tiltAxisRotationDeg() - truth.tiltAxisRotationDeg());
        System.out.printf("high dose: residual %.3f px, axis error %.3f deg, %.1f s%n", rms, axisErr, (System.nanoTime() - t0) / 1e9);
        r.notes().forEach(System.out::println);
        if (r.xcorr() != null) System.out.printf("xcorr only: %.3f px%n", Families.residualRms(new Alignment(truth.tiltAxisRotationDeg(), col(r.xcorr(), 0), col(r.xcorr(), 1)), truth, ang));
        if (r.com() != null) System.out.printf("com only: %.3f px%n", Families.residualRms(new Alignment(truth.tiltAxisRotationDeg(), col(r.com(), 0), col(r.com(), 1)), truth, ang));
        assertTrue(rms <= 0.25, "residual " + rms);
        assertTrue(axisErr <= 0.2, "axis error " + axisErr);
    }

    static double[] col(double[][] p, int k) {
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) v[i] = p[i][k];
        return v;
    }
}
