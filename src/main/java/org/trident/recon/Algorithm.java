package org.trident.recon;

import java.util.Locale;

/** Reconstruction algorithms; see docs/reconstruction.md for what each does. */
public enum Algorithm {
    /** Weighted (filtered) back-projection: one pass, fast, no constraints during the solve. */
    WBP,
    /** Algebraic reconstruction (Kaczmarz): one ray per update. */
    ART,
    /** Simultaneous ART: one view per update, or ordered subsets of views (OS-SART). */
    SART,
    /** Simultaneous iterative reconstruction: all views per update, row and column normalised. */
    SIRT,
    /** Conjugate gradients on the normal equations: fast convergence, no non-negativity. */
    CGLS;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public boolean iterative() { return this != WBP; }

    /** Parses wbp/art/sart/sirt/cgls (any case; fbp is accepted for wbp); null when unknown. */
    public static Algorithm parse(String s) {
        if (s == null) return null;
        String n = s.trim().toUpperCase(Locale.ROOT);
        if (n.equals("FBP")) return WBP;
        for (Algorithm a : values()) if (a.name().equals(n)) return a;
        return null;
    }
}
