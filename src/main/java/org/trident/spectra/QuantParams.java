package org.trident.spectra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Quantifier} needs besides the data. Channel names may be null (then the
 * first spectrum channel of that signal is used).
 *
 * @param kFactors overrides the bundle's k-factors when not null
 */
public record QuantParams(EdsParams eds, EelsParams eels, String edsChannel, String eelsChannel,
                          String lowLossChannel, Map<String, Double> kFactors) {
    public static QuantParams defaults() {
        return new QuantParams(EdsParams.defaults(), EelsParams.defaults(), null, null, null, null);
    }

    public QuantParams withEds(EdsParams e) {
        return new QuantParams(e, eels, edsChannel, eelsChannel, lowLossChannel, kFactors);
    }

    public QuantParams withEels(EelsParams e) {
        return new QuantParams(eds, e, edsChannel, eelsChannel, lowLossChannel, kFactors);
    }

    public List<String> validate() {
        List<String> p = new ArrayList<>(eds.validate());
        p.addAll(eels.validate());
        if (kFactors != null) kFactors.forEach((k, v) -> {
            if (!(v > 0) || !Double.isFinite(v)) p.add("k-factor of " + k + " must be a positive number");
        });
        return p;
    }
}
