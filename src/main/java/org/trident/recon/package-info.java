/**
 * Stage 4, reconstruction: the parallel-beam single-axis projector (strip-area footprint by default,
 * {@link org.trident.recon.SliceProjector} for other stages) shared by every slice, and the
 * WBP, ART, SART/OS-SART and SIRT solvers that run on blocks of slices at once.
 * Geometry follows contract section 1 exactly; see docs/reconstruction.md.
 */
package org.trident.recon;
