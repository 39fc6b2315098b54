/**
 * Stage "sim": synthetic NCM111 particles at cycling stages with their ground truth, and the
 * forward model (HAADF, EDS, EELS tilt series, misalignment) that tests, benchmarks and the
 * bundled sample data use. Projections are computed from a grid finer than the reconstruction
 * grid (never with a reconstruction projector). See docs/simulator.md.
 */
package org.trident.sim;
