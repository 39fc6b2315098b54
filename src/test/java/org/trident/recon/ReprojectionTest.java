package org.trident.recon;

import org.junit.jupiter.api.Test;
import org.trident.job.Progress;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reprojection is the reconstruction's own forward projector: mass per tilt is conserved and ⟨A x, p⟩ = ⟨x, Aᵀ p⟩ via SIRT's first step. */
class ReprojectionTest {
    @Test
    void conservesMassOfVoxelsInsideTheField() {
        double[] ang = {-60, -20, 0, 35, 70};
        Reconstructor r = new Reconstructor(24, 24, ang);
        Volume v = Volume.zeros(24, 5, 24, 1.0);
        Random rnd = new Random(3);
        double mass = 0;
        for (int k = 8; k < 16; k++) for (int j = 0; j < 5; j++) for (int i = 8; i < 16; i++) {
            float x = rnd.nextFloat();
            v.set(i, j, k, x);
            mass += x;
        }
        ImageStack p = Reprojection.project(r, v, 2, Progress.NONE);
        assertEquals(5, p.tilts());
        assertEquals(5, p.height());
        for (int t = 0; t < ang.length; t++) {
            double s = 0;
            for (float x : p.tilt(t)) s += x;
            assertEquals(mass, s, 1e-3 * mass, "tilt " + t);
        }
        // the same numbers on one thread
        ImageStack q = Reprojection.project(r, v, 1, Progress.NONE);
        for (int t = 0; t < ang.length; t++) for (int i = 0; i < p.tilt(t).length; i++) assertEquals(p.tilt(t)[i], q.tilt(t)[i], 0f);
    }
}
