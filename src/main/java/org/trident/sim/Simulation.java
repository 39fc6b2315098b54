package org.trident.sim;

import org.trident.model.TiltSeries;

/**
 * What {@link Simulator#run} produces, all in memory: the raw tilt series (as the bundle holds
 * it), the ground truth, and the EELS reference spectra of every pure valence state (null when
 * EELS was not simulated). {@link SimulationWriter} writes it in the contract's layout.
 */
public record Simulation(SimulationParams params, ParticleSpec particle, TiltSeries series, Truth truth,
                         References references, Misalignment.Applied misalignment) {}
