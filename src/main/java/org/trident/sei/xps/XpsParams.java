package org.trident.sei.xps;

import java.util.List;
import java.util.Map;

/**
 * XPS defaults, in one place. Component positions (binding energy, eV) are literature values
 * for SEI species on graphite: F 1s LiF at ~685 eV and C–F / LiₓPOᵧF_z (PVDF, LiPF₆ decomposition
 * products) at ~687–688 eV; Li 1s Li₂O at ~54 eV and LiF/Li₂CO₃ at ~55–56 eV (e.g. Verma, Maire
 * & Novák, Electrochim. Acta 55, 6332 (2010), and references there). Charge correction shifts
 * a sample's regions so that its reference region's peak (adventitious C 1s) sits at 284.8 eV.
 */
public record XpsParams(Backgrounds.Kind background, double glMixing, double fwhmStartEv, double fwhmMinEv, double fwhmMaxEv,
                        String chargeReferenceRegion, double chargeReferenceEv, Map<String, List<Component>> components) {
    public static XpsParams defaults() {
        return new XpsParams(Backgrounds.Kind.SHIRLEY, 0.3, 1.5, 0.5, 3.0, "C 1s", 284.8, Map.of(
                "F 1s", List.of(new Component("LiF", 685.0, 1.0), new Component("C-F/LixPOyFz", 687.5, 1.0)),
                "Li 1s", List.of(new Component("Li2O", 54.0, 0.8), new Component("LiF/Li2CO3", 55.7, 0.8))));
    }

    public List<Component> componentsFor(String region) {
        for (var e : components.entrySet()) if (e.getKey().equalsIgnoreCase(region.trim())) return e.getValue();
        return List.of();
    }

    public XpsParams withBackground(Backgrounds.Kind kind) {
        return new XpsParams(kind, glMixing, fwhmStartEv, fwhmMinEv, fwhmMaxEv, chargeReferenceRegion, chargeReferenceEv, components);
    }
}
