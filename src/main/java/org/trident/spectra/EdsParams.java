package org.trident.spectra;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of EDS quantification. Energies in keV, widths in eV.
 *
 * @param elements          elements whose {@code EDS:<El>} maps are written (null: the bundle's list, else NCM's Ni, Co, Mn, O)
 * @param extraElements     elements always modelled but not written (e.g. Cu from the grid)
 * @param autoContaminants  also try C, F, Al, Si, P, S, Fe, Cu on the summed spectrum and keep those clearly present
 * @param fwhmMnKaEv        detector FWHM at Mn Kα (5.899 keV), eV; other energies follow the Fano relation
 * @param fitFromKeV        start of the fitted range (below it sits the noise peak)
 * @param fitToKeV          end of the fitted range (clipped to the axis)
 * @param knotStepKeV       background spline knot spacing at high energy (denser at low energy)
 * @param method            FIT (whole-spectrum linear least squares) or WINDOW (line window minus side windows)
 * @param pcaComponents     -1: no PCA denoising; 0: components from the scree plot; k: keep k
 * @param tiltNormalisation NONE, TOTAL (scale each tilt so the summed net counts of all elements are equal) or ELEMENT (each element separately)
 * @param refineEnergy      refine the axis offset (±50 eV) and gain (±1 %) on the summed spectrum before fitting
 */
public record EdsParams(List<String> elements, List<String> extraElements, boolean autoContaminants,
                        double fwhmMnKaEv, double fitFromKeV, double fitToKeV, double knotStepKeV,
                        Method method, int pcaComponents, TiltNormalisation tiltNormalisation, boolean refineEnergy) {
    /** Settings without the energy refinement. */
    public EdsParams(List<String> elements, List<String> extraElements, boolean autoContaminants,
                     double fwhmMnKaEv, double fitFromKeV, double fitToKeV, double knotStepKeV,
                     Method method, int pcaComponents, TiltNormalisation tiltNormalisation) {
        this(elements, extraElements, autoContaminants, fwhmMnKaEv, fitFromKeV, fitToKeV, knotStepKeV, method, pcaComponents, tiltNormalisation, false);
    }

    public enum Method { FIT, WINDOW }
    public enum TiltNormalisation { NONE, TOTAL, ELEMENT }

    /** Contaminants looked for when {@code autoContaminants} is on (issue 6's list). */
    public static final List<String> CONTAMINANTS = List.of("C", "F", "Al", "Si", "P", "S", "Fe", "Cu");

    public static EdsParams defaults() {
        return new EdsParams(null, List.of(), true, 130.0, 0.2, 20.0, 1.0, Method.FIT, -1, TiltNormalisation.NONE);
    }

    public EdsParams withElements(List<String> e) {
        return new EdsParams(e, extraElements, autoContaminants, fwhmMnKaEv, fitFromKeV, fitToKeV, knotStepKeV, method, pcaComponents, tiltNormalisation, refineEnergy);
    }

    /** Plain-language problems, empty when the settings can run. */
    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (elements != null) for (String e : elements) if (!XrayLines.known(e)) p.add("EDS element " + e + " has no X-ray lines in Trident's library");
        for (String e : extraElements) if (!XrayLines.known(e)) p.add("extra EDS element " + e + " has no X-ray lines in Trident's library");
        if (!(fwhmMnKaEv > 20 && fwhmMnKaEv < 1000)) p.add("FWHM at Mn Kα must be between 20 and 1000 eV, got " + fwhmMnKaEv);
        if (!(fitToKeV > fitFromKeV)) p.add("EDS fit range must have from < to");
        if (!(knotStepKeV > 0.05)) p.add("background knot step must exceed 0.05 keV");
        if (pcaComponents < -1) p.add("PCA components must be -1 (off), 0 (auto) or a positive count");
        return p;
    }
}
