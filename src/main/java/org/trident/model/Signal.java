package org.trident.model;

import java.util.Locale;

/** What a channel's detector recorded (contract section 2). */
public enum Signal {
    ADF("ADF"), BF("BF"), EDS("EDS"), EELS("EELS"), EELS_LOWLOSS("EELS-lowloss"), MAP("map");

    private final String label;

    Signal(String label) {
        this.label = label;
    }

    /** The spelling used in bundle files. */
    public String label() {
        return label;
    }

    /** Parses a bundle's {@code signal} field; null when unknown. */
    public static Signal parse(String s) {
        if (s == null) return null;
        for (Signal v : values()) {
            if (v.label.equalsIgnoreCase(s.trim())) return v;
        }
        return null;
    }

    /** Infers the signal from a channel name when the bundle gives none; null when it cannot. */
    public static Signal inferFromName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains(":")) return MAP;
        if (n.contains("LOWLOSS") || n.contains("LOW-LOSS") || n.contains("LOW_LOSS")) return EELS_LOWLOSS;
        if (n.contains("HAADF") || n.contains("ADF") || n.equals("DF") || n.startsWith("DF")) return ADF;
        if (n.contains("EDS") || n.contains("EDX") || n.contains("XEDS")) return EDS;
        if (n.contains("EELS")) return EELS;
        if (n.equals("BF") || n.startsWith("BF")) return BF;
        return null;
    }
}
