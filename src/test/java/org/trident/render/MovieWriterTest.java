package org.trident.render;

import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Rotation movies: PNG frames with their dpi, and an MP4 that a decoder reads back frame by frame. */
class MovieWriterTest {
    @Test
    void framesAndAnMp4RoundTrip(@TempDir Path dir) throws Exception {
        int frames = 6, w = 65, h = 48;
        MovieWriter.Result r;
        try (MovieWriter m = new MovieWriter(dir.resolve("movie"), "turn", 300, 0x808080, true, 10)) {
            for (int f = 0; f < frames; f++) {
                BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                // a white square moving right on a transparent background
                for (int y = 16; y < 32; y++) for (int x = 4 + 8 * f; x < 20 + 8 * f; x++) im.setRGB(x, y, 0xffffffff);
                m.add(im);
            }
            r = m.finish();
        }
        assertEquals(frames, r.frames().size());
        assertEquals(300, ImageExport.readDpi(r.frames().get(0)), 0.5);
        assertTrue(r.frames().get(5).getFileName().toString().equals("turn-0005.png"));
        assertTrue(Files.size(r.mp4()) > 0);
        try (var ch = NIOUtils.readableChannel(r.mp4().toFile())) {
            AWTFrameGrab grab = AWTFrameGrab.createAWTFrameGrab(ch);
            int n = 0;
            for (BufferedImage f; (f = grab.getFrame()) != null; n++) {
                assertEquals(64, f.getWidth(), "odd width trimmed to even");
                assertEquals(48, f.getHeight());
                int inside = f.getRGB(12 + 8 * n, 24) & 255, outside = f.getRGB((12 + 8 * n + 32) % 64, 6);
                assertTrue(inside > 200, "frame " + n + " square white: " + inside);
                // JCodec's own encode–decode round trip reads mid grey 0x80 back as 0x7a (and darkens the darkest greys more)
                assertEquals(0x80, (outside >> 8 & 255), 10, "frame " + n + " background laid under transparency");
            }
            assertEquals(frames, n);
        }
        try (var files = Files.list(dir.resolve("movie"))) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".part")).count(), "no temporary left");
        }
        assertEquals(90, MovieWriter.turnDeg(18, 72), 1e-12);
    }
}
