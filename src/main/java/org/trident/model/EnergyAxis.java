package org.trident.model;

/**
 * Calibration of a spectrum axis: channel {@code c} has its centre at {@code offset + c * scale}
 * in {@code unit} (keV for EDS, eV for EELS).
 */
public record EnergyAxis(double offset, double scale, String unit) {
    public EnergyAxis {
        if (!(scale != 0) || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new TridentException("energy axis needs a finite offset and a non-zero scale, got offset "
                    + offset + ", scale " + scale);
        }
        if (unit == null || unit.isBlank()) unit = "eV";
    }

    public double energy(int channel) {
        return offset + channel * scale;
    }

    /** Fractional channel index of an energy. */
    public double channelOf(double energy) {
        return (energy - offset) / scale;
    }

    /** Energy in eV whatever the unit. */
    public double energyEv(int channel) {
        return energy(channel) * toEv();
    }

    /** Factor from this axis' unit to eV. */
    public double toEv() {
        return switch (unit.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "kev" -> 1000.0;
            case "mev" -> 1.0e6;
            default -> 1.0;
        };
    }
}
