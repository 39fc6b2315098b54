package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings of EELS quantification (energies in eV).
 *
 * @param elements         white-line elements (null: Mn, Co, Ni where their windows fit on the axis)
 * @param oxygen           also write {@code EELS:O-K}
 * @param windows          per-element window overrides (keys of {@link EdgeWindows#with}), may be empty
 * @param exponentPerTilt  fit the power-law exponent on each tilt's summed spectrum (else once on the series sum)
 * @param refinePeaks      place L3/L2 (and the windows that follow them) at the maxima of the series-summed spectrum
 * @param alignTilts       correct each tilt's energy offset by aligning its summed edges to the series sum
 * @param maxShiftEv       largest per-tilt energy correction searched
 * @param calibration      a user calibration table ({"Mn": {"points": [{"valence", "l3l2", "l3PositionEv"}…]}}), or null
 * @param deconvolve       Fourier-ratio deconvolution with the low-loss channel before quantifying
 * @param thickWarn        warn when the median t/λ of the particle exceeds this
 */
public record EelsParams(List<String> elements, boolean oxygen, Map<String, ObjectNode> windows,
                         boolean exponentPerTilt, boolean refinePeaks, boolean alignTilts, double maxShiftEv,
                         ObjectNode calibration, boolean deconvolve, double thickWarn) {
    public static final List<String> WHITE_LINE_DEFAULTS = List.of("Mn", "Co", "Ni");

    public static EelsParams defaults() {
        return new EelsParams(null, true, Map.of(), true, true, false, 5.0, null, false, 1.0);
    }

    public List<String> validate() {
        List<String> p = new ArrayList<>();
        if (elements != null) for (String e : elements) if (EelsEdges.whiteLine(e) == null) p.add("EELS element " + e + " has no L2,3 white-line edge in Trident's table");
        if (!(maxShiftEv > 0)) p.add("the largest EELS energy correction must be positive");
        if (!(thickWarn > 0)) p.add("the t/λ warning level must be positive");
        if (windows != null) windows.forEach((el, o) -> o.fields().forEachRemaining(f -> {
            var v = f.getValue();
            if (!v.isArray()) return; // scalar overrides (l3Ev, l2Ev) are positions, not windows
            if (v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) p.add(el + " " + f.getKey() + " window must be two numbers [from, to] in eV");
            else if (!(v.get(0).asDouble() < v.get(1).asDouble())) p.add(el + " " + f.getKey() + " window must start below its end (" + v.get(0).asDouble() + " to " + v.get(1).asDouble() + " eV)");
        }));
        return p;
    }
}
