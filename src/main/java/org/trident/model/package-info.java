/** Stage 0, the data model: tilt series, channels, image and spectrum stacks, volumes. Immutable where cheap. */
package org.trident.model;
