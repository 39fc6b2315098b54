package org.trident.io;

import org.trident.model.ImageStack;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the array reader by file extension, as the bundle contract allows. */
public final class ArrayFiles {
    private ArrayFiles() {}

    public static String extension(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    public static ImageStack readImages(Path file) {
        if (!Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
        return switch (extension(file)) {
            case "npy" -> Npy.readImages(file);
            case "mrc", "mrcs", "st", "ali", "rec", "map" -> Mrc.readImages(file);
            case "tif", "tiff" -> Tiff.readImages(file);
            default -> throw TridentException.file(file, "unknown image array format '." + extension(file)
                    + "' (NPY, MRC and TIFF are read)");
        };
    }

    public static SpectrumStack openSpectra(Path file) {
        if (!Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
        if (!extension(file).equals("npy")) {
            throw TridentException.file(file, "spectrum arrays must be NPY files [tilt][y][x][energy]");
        }
        return Npy.openSpectra(file);
    }
}
