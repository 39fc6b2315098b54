/**
 * Alignment stage: shifts and tilt-axis rotation of a raw tilt series, estimated on one image
 * channel (ADF by default) and applied to every channel. Entry points: {@link org.trident.align.Aligner}
 * (estimate), {@link org.trident.align.Alignments} (apply) and {@link org.trident.align.Alignment}
 * (the {@code alignment.json} record).
 */
package org.trident.align;
