/** Stage 1, loading and saving: the bundle format, NPY, MRC, TIFF, JSON and atomic writes. */
package org.trident.io;
