package org.trident.sei.xps;

/**
 * Area-normalised Gaussian–Lorentzian sum line shape GL(m) = (1 − m)·G + m·L with a common
 * FWHM (m = 0.3 corresponds to CasaXPS's SGL(30)-style mixing; {@code XpsParams.glMixing}).
 */
public final class LineShape {
    private LineShape() {}

    private static final double G = Math.sqrt(4 * Math.log(2) / Math.PI), K = 4 * Math.log(2);

    public static double gl(double x, double centre, double fwhm, double mixing) {
        double d = (x - centre) / fwhm;
        double g = G / fwhm * Math.exp(-K * d * d);
        double l = 2 / (Math.PI * fwhm) / (1 + 4 * d * d);
        return (1 - mixing) * g + mixing * l;
    }
}
