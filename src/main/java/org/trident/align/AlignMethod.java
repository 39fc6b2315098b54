package org.trident.align;

import org.trident.model.TridentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The alignment steps; a chain of them runs in the order given. See docs/alignment.md. */
public enum AlignMethod {
    /** Tilt-axis rotation from the tilt-invariant profile along the axis (common line). */
    ROTATION("rotation"),
    /** Neighbour cross-correlation with cosine stretching, accumulated from the tilt nearest 0°. */
    XCORR("xcorr"),
    /** Centre of mass of an isolated object: absolute x (axis offset) and y shifts; falls back to OFFSET when the object touches the border. */
    COM("com"),
    /** Tilt-axis offset by the most consistent trial reconstruction of a few slices. */
    OFFSET("offset"),
    /** Projection-matching refinement until shifts change by less than the tolerance. */
    PM("pm");

    private final String label;

    AlignMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The default chain. */
    public static List<AlignMethod> defaults() {
        return List.of(ROTATION, XCORR, COM, PM);
    }

    /** Parses "auto" (the default chain), "none" (no estimation) or a comma list such as "xcorr,com,pm". */
    public static List<AlignMethod> parseList(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto") || t.equals("default")) return defaults();
        if (t.equals("none") || t.equals("manual")) return List.of();
        List<AlignMethod> out = new ArrayList<>();
        for (String part : t.split("[,+ ]+")) {
            if (part.isBlank()) continue;
            AlignMethod m = null;
            for (AlignMethod v : values()) if (v.label.equals(part)) m = v;
            if (m == null) throw new TridentException("unknown alignment method '" + part
                    + "' (auto, none, or a comma list of rotation, xcorr, com, offset, pm)");
            out.add(m);
        }
        return List.copyOf(out);
    }
}
