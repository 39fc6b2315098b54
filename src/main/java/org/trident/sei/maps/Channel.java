package org.trident.sei.maps;

/** One named channel of a multi-channel map file (an Asylum layer, a Gwyddion data field). */
public record Channel(String name, SeiMap map) {}
