package org.trident.io;

import org.trident.model.ImageStack;
import org.trident.model.TridentException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Multi-page TIFF image stacks, read with TwelveMonkeys' reader through {@code readRaster} (its
 * {@code read} squashes float values into 8-bit colour). One page is one tilt.
 */
public final class Tiff {
    private Tiff() {}

    public static ImageStack readImages(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw TridentException.file(file, "cannot open");
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            if (!it.hasNext()) throw TridentException.file(file, "not a TIFF file");
            ImageReader r = it.next();
            try {
                r.setInput(in, false, true);
                int pages = r.getNumImages(true);
                if (pages <= 0) throw TridentException.file(file, "TIFF holds no image");
                float[][] data = new float[pages][];
                int w = -1, h = -1;
                String type = "float32";
                for (int p = 0; p < pages; p++) {
                    Raster ras = r.readRaster(p, null);
                    if (w < 0) {
                        w = ras.getWidth();
                        h = ras.getHeight();
                        type = typeName(ras.getDataBuffer().getDataType(), ras.getSampleModel().getSampleSize(0));
                    } else if (ras.getWidth() != w || ras.getHeight() != h) {
                        throw TridentException.file(file, "page " + p + " is " + ras.getWidth() + "x" + ras.getHeight() + " but page 0 is " + w + "x" + h);
                    }
                    if (ras.getNumBands() != 1) throw TridentException.file(file, "page " + p + " has " + ras.getNumBands() + " samples per pixel; a tilt image must be grey");
                    data[p] = ras.getSamples(0, 0, w, h, 0, new float[w * h]);
                    if (ras.getDataBuffer().getDataType() == DataBuffer.TYPE_INT && ras.getSampleModel().getSampleSize(0) == 32
                            && type.equals("uint32")) {
                        int[] iv = ras.getSamples(0, 0, w, h, 0, new int[w * h]);
                        for (int i = 0; i < iv.length; i++) data[p][i] = (float) (iv[i] & 0xffffffffL);
                    }
                }
                return new ImageStack(w, h, data, type);
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof TridentException te) throw te;
            throw TridentException.file(file, "cannot read TIFF (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    private static String typeName(int dataType, int bits) {
        return switch (dataType) {
            case DataBuffer.TYPE_BYTE -> "uint8";
            case DataBuffer.TYPE_USHORT -> "uint16";
            case DataBuffer.TYPE_SHORT -> "int16";
            case DataBuffer.TYPE_INT -> bits == 32 ? "int32" : "uint" + bits;
            case DataBuffer.TYPE_FLOAT -> "float32";
            case DataBuffer.TYPE_DOUBLE -> "float64";
            default -> "unknown";
        };
    }
}
