/**
 * Rendering without any GUI toolkit: colour maps, slices of volumes to colours, contrast limits,
 * figure composition (scale bars, colour bars, panel letters) and PNG/TIFF export at a chosen dpi.
 * Used by the workstation and by commands that write figures.
 */
package org.trident.render;
