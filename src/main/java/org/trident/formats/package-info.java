/**
 * Stage 1, loading: readers for what microscopes write (Gatan DM3/DM4, Velox and Berkeley EMD,
 * HyperSpy HDF5, EMSA/MSA, folders of single tilts, MRC with angle files), each turning a file
 * into a {@link org.trident.model.TiltSeries} and saying where every piece of metadata came from.
 */
package org.trident.formats;
