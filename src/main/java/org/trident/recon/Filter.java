package org.trident.recon;

import java.util.Locale;

/**
 * Apodisation windows for the ramp filter of WBP, as functions of {@code f = ν / ν_c} with
 * {@code ν_c} the cut-off (a fraction of Nyquist); zero beyond the cut-off.
 * Definitions as in Kak &amp; Slaney, Principles of Computerized Tomographic Imaging, ch. 3.
 */
public enum Filter {
    RAMP("ramp"), SHEPP_LOGAN("shepp-logan"), COSINE("cosine"), HANN("hann"), HAMMING("hamming");

    private final String label;

    Filter(String label) { this.label = label; }

    public String label() { return label; }

    /** The window at {@code f = ν / ν_c}, {@code f >= 0}. */
    public double window(double f) {
        if (f > 1) return 0;
        return switch (this) {
            case RAMP -> 1;
            case SHEPP_LOGAN -> f == 0 ? 1 : Math.sin(Math.PI * f / 2) / (Math.PI * f / 2);
            case COSINE -> Math.cos(Math.PI * f / 2);
            case HANN -> 0.5 * (1 + Math.cos(Math.PI * f));
            case HAMMING -> 0.54 + 0.46 * Math.cos(Math.PI * f);
        };
    }

    public static Filter parse(String s) {
        if (s == null) return null;
        String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("ram-lak") || n.equals("ramlak")) return RAMP;
        if (n.equals("hanning")) return HANN;
        for (Filter f : values()) if (f.label.equals(n)) return f;
        return null;
    }
}
