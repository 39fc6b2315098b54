package org.trident.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, so that a bad value stops the command
 * with one line before any work starts (instead of being silently replaced later).
 */
final class Checked {
    private Checked() {}

    /** A whole number of at least 1 (threads, thickness). */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v;
            try {
                v = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (v < 1) throw new TypeConversionException("must be at least 1, got " + v);
            return v;
        }
    }

    /** A finite number (no NaN or infinity standing in for "default"). */
    static final class FiniteDouble implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = org.trident.io.Numbers.parse(value);
            if (!Double.isFinite(v)) throw new TypeConversionException("'" + value + "' is not a finite number");
            return v;
        }
    }
}
