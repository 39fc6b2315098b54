package org.trident.formats;

import org.trident.io.Numbers;
import org.trident.model.TridentException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The XML header ({@code EDSDatabase/HeaderData}) of a Bruker {@code .bcf}: map size, pixel size,
 * beam energy, stage tilt, the images recorded with the map and the EDS calibration. Element
 * names as RosettaSciIO documents them ({@code TRTSEMData}, {@code TRTSEMStageData},
 * {@code TRTImageData}, {@code SpectrumData0/TRTSpectrum}). Esprit writes numbers with the
 * Windows locale, so "67358,85" is a decimal comma there; only a single comma between digits is
 * read that way.
 */
final class BcfHeader {
    record Plane(String name, float[] values) {}

    final int width, height, channels;
    final double pixelNm, beamKeV, offsetKeV, scaleKeV;
    /** Stage tilt in degrees, or null when the file records none. */
    final Double tiltDeg;
    final List<Plane> planes = new ArrayList<>();
    final long[] sumSpectrum;
    final double elevationDeg, azimuthDeg;
    final String detector;
    /** Element type of the images ("uint16" as Esprit writes them). */
    final String imageType;
    private final Path file;

    BcfHeader(Path file, byte[] xml) {
        this.file = file;
        Element root = parse(xml).getDocumentElement();
        Element db = instance(root, "TRTSpectrumDatabase");
        if (db == null) throw corrupt("no TRTSpectrumDatabase in the header");
        Element sem = instance(db, "TRTSEMData");
        double dx = sem == null ? Double.NaN : number(sem, "DX");
        pixelNm = dx > 0 ? dx * 1000 : Double.NaN;
        double hv = sem == null ? Double.NaN : number(sem, "HV");
        Element stage = instance(db, "TRTSEMStageData");
        Element tilt = stage == null ? null : child(stage, "Tilt");
        if (tilt != null) {
            double t = decimal(tilt.getTextContent());
            if (!(Math.abs(t) <= 90)) throw corrupt("stage Tilt '" + AngleFiles.clip(tilt.getTextContent()) + "' is not an angle within ±90°");
            tiltDeg = t;
        } else {
            tiltDeg = null;
        }
        Element image = null;
        for (Element e : children(db, "ClassInstance")) {
            if ("TRTImageData".equals(e.getAttribute("Type")) && e.getAttribute("Name").isEmpty()) image = e;
        }
        if (image == null) throw corrupt("no map image (TRTImageData) in the header");
        width = (int) positive(image, "Width", 1 << 16);
        height = (int) positive(image, "Height", 1 << 16);
        int item = (int) positive(image, "ItemSize", 8);
        if (item == 3 || item > 4 && item < 8) throw corrupt("image ItemSize " + item + " (1, 2, 4 or 8 bytes expected)");
        imageType = "uint" + 8 * item;
        int count = (int) number(image, "PlaneCount");
        if (count < 0 || count > 64) throw corrupt("PlaneCount " + count);
        for (int i = 0; i < count; i++) {
            Element p = child(image, "Plane" + i);
            if (p == null) throw corrupt("image plane " + i + " of " + count + " is missing");
            Element d = child(p, "Data");
            Element desc = child(p, "Description");
            byte[] raw;
            try {
                raw = Base64.getMimeDecoder().decode(d == null ? "" : d.getTextContent().trim());
            } catch (IllegalArgumentException x) {
                throw corrupt("image plane " + i + " is not valid base64");
            }
            if (raw.length != (long) width * height * item) throw corrupt("image plane " + i + " holds " + raw.length + " bytes, not " + width + " x " + height + " x " + item);
            planes.add(new Plane(desc == null ? "image" + i : desc.getTextContent().trim(), unsigned(raw, item)));
        }
        Element spectrum = child(child(db, "SpectrumData0"), "ClassInstance");
        if (spectrum == null) throw corrupt("no SpectrumData0 (the EDS calibration) in the header");
        Element head = instance(spectrum, "TRTSpectrumHeader");
        if (head == null) throw corrupt("no TRTSpectrumHeader");
        channels = (int) positive(head, "ChannelCount", 1 << 16);
        offsetKeV = number(head, "CalibAbs");
        scaleKeV = number(head, "CalibLin");
        if (!Double.isFinite(offsetKeV) || !(scaleKeV > 0)) throw corrupt("EDS calibration CalibAbs/CalibLin is not a valid energy axis");
        Element ch = child(spectrum, "Channels");
        String[] parts = ch == null ? new String[0] : ch.getTextContent().trim().split(",");
        if (parts.length != channels) throw corrupt("the sum spectrum has " + parts.length + " values for " + channels + " channels");
        sumSpectrum = new long[channels];
        for (int i = 0; i < channels; i++) {
            try {
                sumSpectrum[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException x) {
                throw corrupt("sum spectrum value " + i + " is '" + AngleFiles.clip(parts[i]) + "'");
            }
        }
        Element headered = child(spectrum, "TRTHeaderedClass");
        Element esma = headered == null ? null : instance(headered, "TRTESMAHeader");
        double primary = esma == null ? Double.NaN : number(esma, "PrimaryEnergy");
        beamKeV = hv > 0 ? hv : primary > 0 ? primary : Double.NaN;
        elevationDeg = esma == null ? Double.NaN : number(esma, "ElevationAngle");
        azimuthDeg = esma == null ? Double.NaN : number(esma, "AzimutAngle");
        Element det = headered == null ? null : instance(headered, "TRTDetectorHeader");
        Element type = det == null ? null : child(det, "Type");
        detector = type == null ? null : type.getTextContent().trim();
    }

    private Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw corrupt("its XML header cannot be parsed: " + e.getMessage());
        }
    }

    private TridentException corrupt(String what) {
        return TridentException.file(file, "corrupt Bruker header: " + what);
    }

    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        if (e == null) return out;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) out.add(c);
        }
        return out;
    }

    static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        return c.isEmpty() ? null : c.get(0);
    }

    static Element instance(Element e, String type) {
        for (Element c : children(e, "ClassInstance")) if (type.equals(c.getAttribute("Type"))) return c;
        return null;
    }

    /** A child's number, NaN when absent; present but not a number is refused. */
    private double number(Element e, String name) {
        Element c = child(e, name);
        if (c == null) return Double.NaN;
        double v = decimal(c.getTextContent());
        if (Double.isNaN(v)) throw corrupt(e.getAttribute("Type") + " " + name + " is '" + AngleFiles.clip(c.getTextContent()) + "', not a number");
        return v;
    }

    private double positive(Element e, String name, long max) {
        double v = number(e, name);
        if (!(v >= 1) || v > max || v != Math.rint(v)) throw corrupt(name + " is " + v);
        return v;
    }

    /** Plain decimals, and the Windows-locale form with one decimal comma ("325,54632"). */
    static double decimal(String s) {
        String t = s.trim();
        if (t.matches("[+-]?\\d+,\\d+([eE][+-]?\\d+)?")) t = t.replace(',', '.');
        return Numbers.parse(t);
    }

    private static float[] unsigned(byte[] raw, int item) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[raw.length / item];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (item) {
                case 1 -> b.get() & 0xff;
                case 2 -> b.getShort() & 0xffff;
                case 4 -> (float) (b.getInt() & 0xffffffffL);
                default -> (float) b.getLong();
            };
        }
        return v;
    }
}
