package org.trident.recon;

/**
 * The projector of one slice (one detector row of every tilt against one x-z plane of the
 * volume), for code outside this package that needs {@code A} and {@code Aᵀ} (EM, TV,
 * projection matching). The same weights as every reconstruction of this geometry, so results
 * are consistent with {@link Reconstructor}. Implementations are immutable and thread-safe.
 *
 * <p>Layouts: a slice is {@code width()·thickness()} floats, x fastest (row {@code k} = z index);
 * projections are {@code tilts()·width()} floats, tilt-major ({@code p[t·W + u]}).
 */
public interface SliceProjector {
    int width();

    int thickness();

    int tilts();

    /** The model's short name ({@code strip-area}, {@code linear}), as recorded in reconstruction.json. */
    String projectorName();

    /** {@code projections = A·slice} (overwritten). */
    void forward(float[] slice, float[] projections);

    /** {@code slice = Aᵀ·projections} (overwritten); the exact transpose of {@link #forward}. */
    void back(float[] projections, float[] slice);
}
