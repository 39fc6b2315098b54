/** Stage 2, quantification: EDS and EELS spectrum images into per-tilt maps linear in the projected amount. */
package org.trident.spectra;
