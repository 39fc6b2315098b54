package org.trident.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One channel of a tilt series: either images ({@code kind: image}) or spectra
 * ({@code kind: spectrum}, with an energy axis). {@code extra} keeps every other JSON field of the
 * channel (quantification, units, derivedFrom, element, reference, and fields Trident does not
 * know) so that a rewrite never drops them.
 */
public record Channel(String name, Signal signal, ImageStack images, SpectrumStack spectra,
                      EnergyAxis energyAxis, ObjectNode extra) {
    public Channel {
        if (name == null || name.isBlank()) throw new TridentException("a channel needs a name");
        if ((images == null) == (spectra == null)) throw new TridentException("channel " + name + " must hold either images or spectra");
        if (spectra != null && energyAxis == null) throw new TridentException("spectrum channel " + name + " needs an energyAxis");
        if (extra == null) extra = JsonNodeFactory.instance.objectNode();
    }

    public static Channel image(String name, Signal signal, ImageStack images) {
        return new Channel(name, signal, images, null, null, null);
    }

    public static Channel spectrum(String name, Signal signal, SpectrumStack spectra, EnergyAxis axis) {
        return new Channel(name, signal, null, spectra, axis, null);
    }

    public boolean isImage() { return images != null; }
    public boolean isSpectrum() { return spectra != null; }
    public String kind() { return isImage() ? "image" : "spectrum"; }

    public int tilts() { return isImage() ? images.tilts() : spectra.tilts(); }
    public int width() { return isImage() ? images.width() : spectra.width(); }
    public int height() { return isImage() ? images.height() : spectra.height(); }

    /** Same channel, new images (e.g. after alignment); metadata kept. */
    public Channel withImages(ImageStack im) {
        return new Channel(name, signal, im, null, null, extra.deepCopy());
    }

    public Channel withSpectra(SpectrumStack sp) {
        return new Channel(name, signal, null, sp, energyAxis, extra.deepCopy());
    }

    public Channel withExtra(ObjectNode e) {
        return new Channel(name, signal, images, spectra, energyAxis, e);
    }

    /** A text field of {@code extra}, or null. */
    public String extraText(String field) {
        var n = extra.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
