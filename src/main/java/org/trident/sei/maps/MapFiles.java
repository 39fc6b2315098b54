package org.trident.sei.maps;

import org.trident.io.Npy;
import org.trident.model.ImageStack;
import org.trident.model.TridentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Opens a 2-D map by its extension: TIFF, .npy, Igor .ibw, Gwyddion .gwy; picks a channel of multi-channel files. */
public final class MapFiles {
    private MapFiles() {}

    public static List<Channel> channels(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".tif") || n.endsWith(".tiff")) return TiffMaps.channels(file);
        if (n.endsWith(".ibw")) return IbwReader.channels(file);
        if (n.endsWith(".gwy")) return GwyReader.channels(file);
        if (n.endsWith(".npy")) {
            ImageStack s = Npy.readImages(file);
            List<Channel> out = new ArrayList<>();
            for (int p = 0; p < s.tilts(); p++) out.add(new Channel(Integer.toString(p), new SeiMap(s.width(), s.height(), s.tilt(p), Double.NaN, "", List.of())));
            return out;
        }
        throw TridentException.file(file, "unknown map format; use .tif, .tiff, .npy, .ibw or .gwy");
    }

    /**
     * The map named {@code channel} (exact name, case-insensitively, or a 0-based index), or the
     * only one when {@code channel} is null; a file with several channels needs a name.
     */
    public static SeiMap read(Path file, String channel) {
        List<Channel> all = channels(file);
        if (channel == null || channel.isBlank()) {
            if (all.size() == 1) return all.get(0).map();
            throw TridentException.file(file, "holds " + all.size() + " channels (" + names(all) + "); name one with \"channel\"");
        }
        for (Channel c : all) if (c.name().equalsIgnoreCase(channel)) return c.map();
        try {
            int i = Integer.parseInt(channel.trim());
            if (i >= 0 && i < all.size()) return all.get(i).map();
        } catch (NumberFormatException ignored) {
            // not an index: fall through to the error below
        }
        throw TridentException.file(file, "has no channel '" + channel + "'; it holds " + names(all));
    }

    private static String names(List<Channel> all) {
        return String.join(", ", all.stream().map(Channel::name).toList());
    }
}
