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
    CGLS,
    /** Poisson maximum likelihood (ML-EM) for count channels. */
    EM,
    /** ML-EM over ordered subsets of views (OS-EM): the same fixed point, fewer passes. */
    OS_EM,
    /** Poisson likelihood + 3-D total variation (primal-dual solver) for count channels. */
    EM_TV,
    /** Least squares + 3-D total variation (primal-dual solver). */
    SIRT_TV,
    /** Count channels reconstructed jointly with the HAADF (Poisson + HAADF link + TV). */
    FUSED;

    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public boolean iterative() { return this != WBP; }

    /** Methods of the low-dose engine (LowDose, PrimalDual, PoissonEm) rather than the block kernels. */
    public boolean lowDose() { return ordinal() >= EM.ordinal(); }

    /** Parses wbp/art/sart/sirt/cgls/em/os-em/em-tv/sirt-tv/fused (any case; fbp is accepted for wbp); null when unknown. */
    public static Algorithm parse(String s) {
        if (s == null) return null;
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("FBP")) return WBP;
        for (Algorithm a : values()) if (a.name().equals(n)) return a;
        return null;
    }
}
