package org.trident.sei.maps;

import java.util.List;

/**
 * One 2-D map, row-major {@code values[y * width + x]}, NaN for missing pixels. {@code pixelSizeNm}
 * is NaN when neither the file nor the study says it; {@code unit} is the data unit as the file
 * states it ("" when unknown); {@code notes} say what the reader decided (calibration used, …).
 */
public record SeiMap(int width, int height, float[] values, double pixelSizeNm, String unit, List<String> notes) {
    public SeiMap {
        if (width <= 0 || height <= 0 || values.length != (long) width * height) {
            throw new IllegalArgumentException("map " + width + "x" + height + " does not match " + values.length + " values");
        }
        notes = List.copyOf(notes);
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }

    public SeiMap withPixelSize(double nm, String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        if (note != null) n.add(note);
        return new SeiMap(width, height, values, nm, unit, n);
    }
}
