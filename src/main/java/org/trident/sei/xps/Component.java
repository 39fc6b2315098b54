package org.trident.sei.xps;

/** A fit component: its name, default position (eV) and the window its position may move in (± eV). */
public record Component(String name, double positionEv, double windowEv) {}
