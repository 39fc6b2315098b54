package org.trident.formats;

import org.trident.model.SpectrumStack;

import java.util.List;

/** Single-tilt spectrum images of one size and channel count seen as one stack, tilt t from part t. */
final class TiltStackedSpectra implements SpectrumStack {
    private final List<SpectrumStack> parts;

    TiltStackedSpectra(List<SpectrumStack> parts) {
        SpectrumStack a = parts.get(0);
        for (SpectrumStack p : parts) {
            if (p.tilts() != 1 || p.width() != a.width() || p.height() != a.height() || p.channels() != a.channels()) {
                throw new IllegalArgumentException("parts differ in shape");
            }
        }
        this.parts = List.copyOf(parts);
    }

    @Override public int tilts() { return parts.size(); }
    @Override public int height() { return parts.get(0).height(); }
    @Override public int width() { return parts.get(0).width(); }
    @Override public int channels() { return parts.get(0).channels(); }
    @Override public String sourceType() { return parts.get(0).sourceType(); }

    @Override
    public boolean holdsCounts() {
        return parts.stream().allMatch(SpectrumStack::holdsCounts);
    }

    @Override
    public void readRow(int t, int y, float[] dst) {
        parts.get(t).readRow(0, y, dst);
    }
}
