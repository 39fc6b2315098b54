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
 * {@code read} squashes float values into 8-bit colour) after {@link TiffLayout} has checked every
 * declared strip against the file size. One page is one tilt. Written with the JDK's own TIFF
 * writer: float32 stacks and figures, with their resolution in dots per inch.
 */
public final class Tiff {
    private Tiff() {}

    public static ImageStack readImages(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) throw TridentException.file(file, "file not found");
        java.util.List<TiffLayout.Page> layout = TiffLayout.check(file);
        TiffLayout.Page first = layout.get(0);
        String declared = declaredType(file, first);
        for (int p = 1; p < layout.size(); p++) {
            if (layout.get(p).bits() != first.bits() || layout.get(p).sampleFormat() != first.sampleFormat()) {
                throw TridentException.file(file, "page " + p + " stores " + layout.get(p).bits() + "-bit samples of format " + layout.get(p).sampleFormat()
                        + " but page 0 " + first.bits() + "-bit of format " + first.sampleFormat() + "; a tilt series has one data type");
            }
        }
        Memory.check(file, 4L * first.width() * first.height() * layout.size());
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw TridentException.file(file, "cannot open");
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            if (!it.hasNext()) throw TridentException.file(file, "not a TIFF file");
            ImageReader r = it.next();
            try {
                r.setInput(in, false, true);
                int pages = r.getNumImages(true);
                if (pages <= 0) throw TridentException.file(file, "TIFF holds no image");
                if (pages != layout.size()) throw TridentException.file(file, "corrupt TIFF: the reader sees " + pages + " pages but the file declares " + layout.size());
                float[][] data = new float[pages][];
                int w = -1, h = -1;
                String type = "float32";
                for (int p = 0; p < pages; p++) {
                    Raster ras = r.readRaster(p, null);
                    if (w < 0) {
                        w = ras.getWidth();
                        h = ras.getHeight();
                        type = typeName(ras.getDataBuffer().getDataType(), ras.getSampleModel().getSampleSize(0));
                        // the raster cannot tell uint32 from int32 or int8 from uint8: SampleFormat (1 = unsigned) can
                        if (type.equals("int32") && first.sampleFormat() == 1) type = "uint32";
                        if (type.equals("uint8") && declared.equals("int8")) type = "int8";
                        if (!type.equals(declared)) {
                            throw TridentException.file(file, "declares " + declared + " samples but decodes as " + type + "; refused rather than read wrongly");
                        }
                    } else if (ras.getWidth() != w || ras.getHeight() != h) {
                        throw TridentException.file(file, "page " + p + " is " + ras.getWidth() + "x" + ras.getHeight() + " but page 0 is " + w + "x" + h);
                    }
                    if (ras.getNumBands() != 1) throw TridentException.file(file, "page " + p + " has " + ras.getNumBands() + " samples per pixel; a tilt image must be grey");
                    data[p] = ras.getSamples(0, 0, w, h, 0, new float[w * h]);
                    if (type.equals("int8")) for (int i = 0; i < data[p].length; i++) data[p][i] = (byte) (int) data[p][i];
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
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            if (e instanceof TridentException te) throw te;
            throw TridentException.file(file, "cannot read TIFF (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    /** The sample type the first page declares (BitsPerSample, SampleFormat), or a refusal for the kinds Trident does not read. */
    private static String declaredType(Path file, TiffLayout.Page page) {
        int sf = page.sampleFormat();
        long bits = page.bits();
        String t = switch (sf) {
            case 1 -> bits == 8 || bits == 16 || bits == 32 ? "uint" + bits : null;
            case 2 -> bits == 8 || bits == 16 || bits == 32 ? "int" + bits : null;
            case 3 -> bits == 32 || bits == 64 ? "float" + bits : null;
            default -> null;
        };
        if (t == null) {
            String kind = switch (sf) {
                case 1 -> "unsigned integer"; case 2 -> "signed integer"; case 3 -> "floating point";
                case 4 -> "untyped"; case 5 -> "complex integer"; case 6 -> "complex floating point"; default -> "unknown";
            };
            throw TridentException.file(file, "stores " + bits + "-bit " + kind + " samples (SampleFormat " + sf + "); Trident reads 8/16/32-bit"
                    + " integers and 32/64-bit floats");
        }
        return t;
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


    /** Writes every image of the stack as one float32 grey page, uncompressed, with {@code dpi} dots per inch, atomically. */
    public static void writeFloats(Path file, ImageStack stack, double dpi) {
        java.util.List<java.awt.image.RenderedImage> pages = new java.util.ArrayList<>();
        for (int t = 0; t < stack.tilts(); t++) pages.add(floatImage(stack.width(), stack.height(), stack.tilt(t)));
        write(file, pages, dpi);
    }

    /**
     * Writes every image as one float32 grey page with {@code resolution} pixels per unit
     * (ResolutionUnit {@code unit}: 1 none, 2 inch, 3 cm) and {@code description} as page 0's
     * ImageDescription (e.g. ImageJ's "ImageJ=…\nunit=nm\nspacing=…"), atomically.
     */
    public static void writeFloats(Path file, ImageStack stack, double resolution, int unit, String description) {
        java.util.List<java.awt.image.RenderedImage> pages = new java.util.ArrayList<>();
        for (int t = 0; t < stack.tilts(); t++) pages.add(floatImage(stack.width(), stack.height(), stack.tilt(t)));
        write(file, pages, resolution, unit, description);
    }

    /** Writes one float32 grey page of {@code width × height} row-major values with {@code dpi}, atomically. */
    public static void writeFloats(Path file, int width, int height, float[] values, double dpi) {
        write(file, java.util.List.of(floatImage(width, height, values)), dpi);
    }

    /** Writes an image (e.g. an RGB figure) as one TIFF page with {@code dpi}, atomically. */
    public static void writeImage(Path file, java.awt.image.RenderedImage image, double dpi) {
        write(file, java.util.List.of(image), dpi);
    }

    static java.awt.image.BufferedImage floatImage(int w, int h, float[] v) {
        if (v.length != (long) w * h) throw new TridentException("a " + w + "x" + h + " image needs " + (long) w * h + " values, got " + v.length);
        var db = new java.awt.image.DataBufferFloat(v, v.length);
        var sm = new java.awt.image.PixelInterleavedSampleModel(DataBuffer.TYPE_FLOAT, w, h, 1, w, new int[]{0});
        var raster = Raster.createWritableRaster(sm, db, null);
        var cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY),
                false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        return new java.awt.image.BufferedImage(cm, raster, false, null);
    }

    /** The JDK's TIFF writer (TwelveMonkeys registers one too; the JDK's writes float samples and takes this metadata). */
    static javax.imageio.ImageWriter jdkWriter() {
        Iterator<javax.imageio.ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
        while (it.hasNext()) {
            javax.imageio.ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.plugins.tiff")) return w;
        }
        throw new TridentException("the JDK's TIFF writer is not available in this Java runtime");
    }

    private static void write(Path file, java.util.List<java.awt.image.RenderedImage> pages, double dpi) {
        write(file, pages, dpi, 2, null);
    }

    private static void write(Path file, java.util.List<java.awt.image.RenderedImage> pages, double dpi, int resolutionUnit, String description) {
        if (!(dpi > 0) || !Double.isFinite(dpi)) throw TridentException.file(file, "resolution must be a positive number of dots per inch, got " + dpi);
        AtomicFiles.write(file, out -> {
            javax.imageio.ImageWriter w = jdkWriter();
            try (var ios = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
                w.setOutput(ios);
                var param = w.getDefaultWriteParam();
                w.prepareWriteSequence(null);
                for (int i = 0; i < pages.size(); i++) {
                    var page = pages.get(i);
                    var md = w.getDefaultImageMetadata(new javax.imageio.ImageTypeSpecifier(page), param);
                    // the JDK calls its tree "javax_imageio_tiff_image_1.0", JAI and TwelveMonkeys
                    // "com_sun_media_imageio_plugins_tiff_image_1.0"; the layout is the same
                    String format = md.getNativeMetadataFormatName();
                    md.mergeTree(format, resolutionTree(format, dpi, resolutionUnit, i == 0 ? description : null));
                    w.writeToSequence(new javax.imageio.IIOImage(page, null, md), param);
                }
                w.endWriteSequence();
            } finally {
                w.dispose();
            }
        });
    }

    private static javax.imageio.metadata.IIOMetadataNode resolutionTree(String format, double dpi, int resolutionUnit, String description) {
        var root = new javax.imageio.metadata.IIOMetadataNode(format);
        var ifd = new javax.imageio.metadata.IIOMetadataNode("TIFFIFD");
        // a TIFF rational is two uint32: fine voxels (25.4e6 / nm dots per inch) need a smaller denominator
        // (and ImageJ's pixels per nm, ~0.05, needs a large one to keep 6 digits)
        long den = 1_000_000;
        while (den > 1 && dpi * den > 0xffffffffL) den /= 10;
        long num = Math.round(dpi * den);
        if (num > 0xffffffffL) throw new TridentException("resolution " + dpi + " dots per inch does not fit a TIFF rational");
        for (int tag : new int[]{282, 283}) {
            var f = new javax.imageio.metadata.IIOMetadataNode("TIFFField");
            f.setAttribute("number", Integer.toString(tag));
            var rs = new javax.imageio.metadata.IIOMetadataNode("TIFFRationals");
            var r = new javax.imageio.metadata.IIOMetadataNode("TIFFRational");
            r.setAttribute("value", num + "/" + den);
            rs.appendChild(r);
            f.appendChild(rs);
            ifd.appendChild(f);
        }
        var unit = new javax.imageio.metadata.IIOMetadataNode("TIFFField");
        unit.setAttribute("number", "296");
        var ss = new javax.imageio.metadata.IIOMetadataNode("TIFFShorts");
        var sh = new javax.imageio.metadata.IIOMetadataNode("TIFFShort");
        sh.setAttribute("value", Integer.toString(resolutionUnit)); // 2 inches unless told
        ss.appendChild(sh);
        unit.appendChild(ss);
        ifd.appendChild(unit);
        if (description != null) {
            var d = new javax.imageio.metadata.IIOMetadataNode("TIFFField");
            d.setAttribute("number", "270");
            var as = new javax.imageio.metadata.IIOMetadataNode("TIFFAsciis");
            var a = new javax.imageio.metadata.IIOMetadataNode("TIFFAscii");
            a.setAttribute("value", description);
            as.appendChild(a);
            d.appendChild(as);
            ifd.appendChild(d);
        }
        root.appendChild(ifd);
        return root;
    }

    /** The resolution (dots per inch) of page {@code page} of a TIFF file, or NaN when it states none. */
    public static double dpi(Path file, int page) {
        TiffLayout.Page p = TiffLayout.check(file).get(page);
        double r = p.xResolution();
        return p.resolutionUnit() == 3 ? r * 2.54 : r;
    }

    /** Page 0's XResolution (pixels per unit, NaN when absent), ResolutionUnit (1 none, 2 inch, 3 cm) and ImageDescription (or null). */
    public record Tags(double xResolution, int resolutionUnit, String description) {}

    public static Tags tags(Path file) {
        TiffLayout.Page p = TiffLayout.check(file).get(0);
        return new Tags(p.xResolution(), p.resolutionUnit(), p.description());
    }
}
