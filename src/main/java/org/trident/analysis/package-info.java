/**
 * Analysis stage: from reconstructed volumes to the published numbers — particle mask, depth
 * from the surface, atomic fractions, valences, inhomogeneity, depth profiles and the
 * surface-versus-bulk summary (contract sections 4 and 6). No JavaFX here.
 */
package org.trident.analysis;
