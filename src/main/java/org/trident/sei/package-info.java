/**
 * The second study: correlative SEI analysis (contract section 8, docs/sei.md). Maps (ESM, AFM,
 * XPS) and XPS spectra per sample of a composition series are reduced to uniformity metrics
 * and component fractions, correlated with the cells' Coulomb efficiency, and the composition
 * that maximises it is located with a confidence interval. Engine code: no JavaFX.
 */
package org.trident.sei;
