package org.trident.render;

import org.trident.io.AtomicFiles;
import org.trident.model.TridentException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Writes rendered images as PNG or TIFF with their print resolution recorded, so that a figure
 * placed in a paper comes out at the intended size: PNG in its pHYs chunk (pixels per metre),
 * TIFF in XResolution/YResolution, both through the standard javax.imageio metadata
 * (HorizontalPixelSize in mm per pixel).
 */
public final class ImageExport {
    private ImageExport() {}

    /** Writes {@code PNG} or {@code TIFF} by the file's extension (.png, .tif, .tiff). */
    public static void write(Path file, BufferedImage image, double dpi) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) writePng(file, image, dpi);
        else if (n.endsWith(".tif") || n.endsWith(".tiff")) writeTiff(file, image, dpi);
        else throw TridentException.file(file, "unknown image format; use .png, .tif or .tiff");
    }

    public static void writePng(Path file, BufferedImage image, double dpi) {
        write(file, "png", image, dpi);
    }

    /** TIFF of an opaque RGB copy (alpha over white), which every reader handles; written by io.Tiff. */
    public static void writeTiff(Path file, BufferedImage image, double dpi) {
        if (!(dpi > 0) || !Double.isFinite(dpi)) throw TridentException.file(file, "dpi must be positive, got " + dpi);
        org.trident.io.Tiff.writeImage(file, opaque(image), dpi);
    }

    static BufferedImage opaque(BufferedImage im) {
        if (im.getType() == BufferedImage.TYPE_INT_RGB) return im;
        BufferedImage out = new BufferedImage(im.getWidth(), im.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, im.getWidth(), im.getHeight());
        g.drawImage(im, 0, 0, null);
        g.dispose();
        return out;
    }

    private static void write(Path file, String format, BufferedImage image, double dpi) {
        if (!(dpi > 0) || !Double.isFinite(dpi)) throw TridentException.file(file, "dpi must be positive, got " + dpi);
        ImageWriter writer = writerFor(format, file);
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (format.equals("png")) setPngDpi(meta, dpi);
            else setDpi(meta, dpi);
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(image, null, meta), param);
                }
            });
        } catch (IIOInvalidTreeException e) {
            throw TridentException.file(file, "cannot record the resolution: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writerFor(String format, Path file) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        ImageWriter fallback = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            // the JDK's own TIFF writer maps the standard resolution metadata faithfully; prefer it
            if (w.getClass().getName().startsWith("com.sun.imageio")) return w;
            if (fallback == null) fallback = w;
        }
        if (fallback == null) throw TridentException.file(file, "no " + format + " writer is available in this Java");
        return fallback;
    }

    /** PNG's pHYs chunk directly: the JDK's mapping of the standard pixel size to pHYs is not exact. */
    private static void setPngDpi(IIOMetadata meta, double dpi) throws IIOInvalidTreeException {
        String ppm = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", ppm);
        phys.setAttribute("pixelsPerUnitYAxis", ppm);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        meta.mergeTree("javax_imageio_png_1.0", root);
    }

    private static void setDpi(IIOMetadata meta, double dpi) throws IIOInvalidTreeException {
        double mmPerPixel = 25.4 / dpi;
        IIOMetadataNode h = new IIOMetadataNode("HorizontalPixelSize");
        h.setAttribute("value", Double.toString(mmPerPixel));
        IIOMetadataNode v = new IIOMetadataNode("VerticalPixelSize");
        v.setAttribute("value", Double.toString(mmPerPixel));
        IIOMetadataNode dim = new IIOMetadataNode("Dimension");
        dim.appendChild(h);
        dim.appendChild(v);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_1.0");
        root.appendChild(dim);
        meta.mergeTree("javax_imageio_1.0", root);
    }

    /** The resolution a PNG or TIFF file records, in dpi (NaN if none); for tests and checks. */
    public static double readDpi(Path file) {
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var it = ImageIO.getImageReaders(in);
            if (!it.hasNext()) throw TridentException.file(file, "not an image");
            var r = it.next();
            try {
                r.setInput(in);
                IIOMetadata m = r.getImageMetadata(0);
                if (m.getNativeMetadataFormatName().equals("javax_imageio_png_1.0")) {
                    var phys = ((IIOMetadataNode) m.getAsTree("javax_imageio_png_1.0")).getElementsByTagName("pHYs");
                    if (phys.getLength() == 0) return Double.NaN;
                    var p = (IIOMetadataNode) phys.item(0);
                    if (!p.getAttribute("unitSpecifier").equals("meter")) return Double.NaN;
                    return Double.parseDouble(p.getAttribute("pixelsPerUnitXAxis")) * 0.0254;
                }
                var root = (IIOMetadataNode) m.getAsTree("javax_imageio_1.0");
                var nodes = root.getElementsByTagName("HorizontalPixelSize");
                if (nodes.getLength() == 0) return Double.NaN;
                double mm = Double.parseDouble(((IIOMetadataNode) nodes.item(0)).getAttribute("value"));
                return 25.4 / mm;
            } finally {
                r.dispose();
            }
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
