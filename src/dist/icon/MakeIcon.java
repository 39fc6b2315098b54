import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Draws Trident's application icon (a trident over a tilted particle with its orbit) and writes it
 * as PNG (Linux), ICO (Windows) and ICNS (macOS). Run from the repository root:
 * {@code java src/dist/icon/MakeIcon.java src/dist/icon}. ICO and ICNS are written by hand because
 * both are thin containers around PNG images (ICO: a 6-byte header and 16-byte entries; ICNS:
 * 'icns' + length, then type + length + PNG per size), so no converter is needed.
 */
public class MakeIcon {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        Files.write(dir.resolve("trident.png"), png(draw(256)));
        int[] icoSizes = {16, 32, 48, 256};
        byte[][] icoPngs = new byte[icoSizes.length][];
        for (int i = 0; i < icoSizes.length; i++) icoPngs[i] = png(draw(icoSizes[i]));
        Files.write(dir.resolve("trident.ico"), ico(icoSizes, icoPngs));
        // ic07 = 128 px, ic08 = 256 px, ic09 = 512 px PNG
        Files.write(dir.resolve("trident.icns"), icns(new String[]{"ic07", "ic08", "ic09"},
                new byte[][]{png(draw(128)), png(draw(256)), png(draw(512))}));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);
        // background: dark blue rounded square, as the workstation's dark viewers
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f, 0x3a, 0x5f), 0, 256, new Color(0x0d, 0x1b, 0x2a)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
        // the particle: a disc with a Mn-blue shell and a Ni-red core (the science Trident shows)
        g.setColor(new Color(0x3b, 0x82, 0xf6));
        g.fill(new Ellipse2D.Double(60, 96, 136, 136));
        g.setColor(new Color(0xe0, 0x4f, 0x4f));
        g.fill(new Ellipse2D.Double(88, 124, 80, 80));
        // the tilt orbit: an ellipse round the particle
        g.setColor(new Color(0xff, 0xd1, 0x66));
        g.setStroke(new BasicStroke(7f));
        g.draw(new Ellipse2D.Double(26, 136, 204, 56));
        // the trident: shaft and three prongs in white
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(12f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        GeneralPath p = new GeneralPath();
        p.moveTo(128, 240); p.lineTo(128, 30);      // shaft and middle prong
        p.moveTo(84, 34); p.lineTo(84, 74); p.quadTo(84, 96, 128, 96); p.quadTo(172, 96, 172, 74); p.lineTo(172, 34);
        g.draw(p);
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] ico(int[] sizes, byte[][] pngs) {
        int n = sizes.length, offset = 6 + 16 * n, total = offset;
        for (byte[] b : pngs) total += b.length;
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) n);
        for (int i = 0; i < n; i++) {
            buf.put((byte) (sizes[i] >= 256 ? 0 : sizes[i])).put((byte) (sizes[i] >= 256 ? 0 : sizes[i]));
            buf.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            buf.putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        for (byte[] b : pngs) buf.put(b);
        return buf.array();
    }

    static byte[] icns(String[] types, byte[][] pngs) throws IOException {
        int total = 8;
        for (byte[] b : pngs) total += 8 + b.length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes); // big-endian, as ICNS is
        out.writeBytes("icns");
        out.writeInt(total);
        for (int i = 0; i < types.length; i++) {
            out.writeBytes(types[i]);
            out.writeInt(8 + pngs[i].length);
            out.write(pngs[i]);
        }
        return bytes.toByteArray();
    }
}
