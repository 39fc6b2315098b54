package org.trident.io;

import java.util.regex.Pattern;

/**
 * Strict reading of numbers written in text metadata: a plain decimal with '.' as the separator
 * and an optional exponent, nothing else. {@link Double#parseDouble} also takes "1d", "0x1p3",
 * "Infinity" and surrounding control characters; a locale-aware parser reads "1,5" as 15 or 1.5
 * depending on the machine. Anything not plainly a number is "not a number" here, so that the
 * reader can refuse it by name instead of guessing.
 */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Numbers() {}

    /** Whether {@code s} (trimmed of spaces) is a plain decimal number. */
    public static boolean isDecimal(String s) {
        return s != null && DECIMAL.matcher(s.strip()).matches();
    }

    /** The value of a plain decimal number, or NaN when {@code s} is anything else. */
    public static double parse(String s) {
        if (!isDecimal(s)) return Double.NaN;
        double v = Double.parseDouble(s.strip());
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
