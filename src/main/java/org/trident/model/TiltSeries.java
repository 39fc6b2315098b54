package org.trident.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A tilt series: angles in degrees (as written, one per tilt), pixel size in nm and channels
 * of equal tilt count and image size. {@code extra} keeps the other top-level JSON fields
 * (sample, quantification, tiltAxis, acquisition, unknown ones).
 */
public record TiltSeries(String name, double pixelSizeNm, double[] tiltAnglesDeg,
                         List<Channel> channels, ObjectNode extra) {
    public TiltSeries {
        if (name == null) name = "";
        if (!(pixelSizeNm > 0) || !Double.isFinite(pixelSizeNm)) throw new TridentException("pixelSizeNm must be a positive number, got " + pixelSizeNm);
        if (tiltAnglesDeg == null || tiltAnglesDeg.length == 0) throw new TridentException("a tilt series needs at least one tilt angle");
        for (double a : tiltAnglesDeg) {
            if (!Double.isFinite(a) || Math.abs(a) > 90.0) throw new TridentException("tilt angle " + a + "° is outside [-90°, 90°]");
        }
        channels = List.copyOf(channels);
        if (channels.isEmpty()) throw new TridentException("a tilt series needs at least one channel");
        var names = new java.util.HashSet<String>();
        Channel first = channels.get(0);
        for (Channel c : channels) {
            if (!names.add(c.name())) throw new TridentException("channel name " + c.name() + " appears twice");
            if (c.tilts() != tiltAnglesDeg.length) throw new TridentException("channel " + c.name() + " has " + c.tilts()
                    + " tilts but " + tiltAnglesDeg.length + " tilt angles are given");
            if (c.width() != first.width() || c.height() != first.height()) throw new TridentException("channel " + c.name()
                    + " is " + c.width() + "x" + c.height() + " but " + first.name() + " is " + first.width() + "x" + first.height());
        }
        if (extra == null) extra = JsonNodeFactory.instance.objectNode();
    }

    public int tilts() { return tiltAnglesDeg.length; }
    public int width() { return channels.get(0).width(); }
    public int height() { return channels.get(0).height(); }
    /** How many of the channels are images (one value per pixel and tilt), not spectra. */
    public int imageChannels() { return (int) channels.stream().filter(Channel::isImage).count(); }

    public Channel channel(String n) {
        for (Channel c : channels) if (c.name().equals(n)) return c;
        return null;
    }

    /** The first channel with this signal, or null. */
    public Channel first(Signal s) {
        for (Channel c : channels) if (c.signal() == s) return c;
        return null;
    }

    /** The channel alignment and masks use by default: the first ADF, else the first image channel. */
    public Channel adf() {
        Channel c = first(Signal.ADF);
        if (c != null && c.isImage()) return c;
        for (Channel ch : channels) if (ch.isImage()) return ch;
        return null;
    }

    /** {@code sample.stage}, else the name: the label datasets carry in comparisons. */
    public String label() {
        var s = extra.path("sample").path("stage");
        return s.isTextual() && !s.asText().isBlank() ? s.asText() : name;
    }

    public TiltSeries withChannels(List<Channel> cs) {
        return new TiltSeries(name, pixelSizeNm, tiltAnglesDeg, cs, extra.deepCopy());
    }

    public TiltSeries withExtra(ObjectNode e) {
        return new TiltSeries(name, pixelSizeNm, tiltAnglesDeg, channels, e);
    }

    public TiltSeries withChannel(Channel c) {
        List<Channel> cs = new ArrayList<>(channels);
        cs.removeIf(x -> x.name().equals(c.name()));
        cs.add(c);
        return withChannels(cs);
    }
}
