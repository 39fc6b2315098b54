/**
 * Stage "export": series and volumes written for other tools (IMOD's MRC + .tlt + .xf), each
 * with its provenance record (render.ExportRecord). Readers of other tools' files live in formats.
 */
package org.trident.export;
