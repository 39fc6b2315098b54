package org.trident.render;

import org.jcodec.api.awt.AWTSequenceEncoder;
import org.trident.io.AtomicFiles;
import org.trident.model.TridentException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a movie of the 3-D view one frame at a time: every frame as {@code NAME-0000.png} with
 * its print resolution, and optionally {@code NAME.mp4} (H.264 by JCodec, pure Java), written to a
 * temporary file and renamed into place on {@link #finish}. Transparent pixels are laid over the
 * view's background colour (a movie has no alpha). H.264 wants even sizes: an odd last row or
 * column is dropped from the MP4 (never from the PNGs).
 */
public final class MovieWriter implements AutoCloseable {
    /** One full turn in {@code frames} steps: the yaw of frame {@code i} in degrees, added to the view's own. */
    public static double turnDeg(int i, int frames) { return 360.0 * i / frames; }

    /** What was written. */
    public record Result(List<Path> frames, Path mp4) {}

    private final Path folder;
    private final String name;
    private final double dpi;
    private final int backgroundRgb;
    private final List<Path> written = new ArrayList<>();
    private final Path mp4, mp4Tmp;
    private AWTSequenceEncoder encoder;
    private final int fps;
    private boolean finished;

    public MovieWriter(Path folder, String name, double dpi, int backgroundRgb, boolean mp4, int fps) {
        if (!(dpi > 0) || fps < 1) throw new IllegalArgumentException("dpi and frames per second must be positive");
        this.folder = folder;
        this.name = name;
        this.dpi = dpi;
        this.backgroundRgb = backgroundRgb & 0xffffff;
        this.fps = fps;
        this.mp4 = mp4 ? folder.resolve(name + ".mp4") : null;
        try {
            Files.createDirectories(folder);
            this.mp4Tmp = mp4 ? AtomicFiles.tempSibling(this.mp4) : null;
        } catch (IOException e) {
            throw TridentException.file(folder, "cannot write the movie here: " + e.getMessage(), e);
        }
    }

    /** Adds the next frame. */
    public void add(BufferedImage frame) {
        if (finished) throw new IllegalStateException("movie already finished");
        Path png = folder.resolve(String.format(Locale.ROOT, "%s-%04d.png", name, written.size()));
        ImageExport.writePng(png, frame, dpi);
        written.add(png);
        if (mp4 == null) return;
        try {
            if (encoder == null) encoder = AWTSequenceEncoder.createSequenceEncoder(mp4Tmp.toFile(), fps);
            encoder.encodeImage(opaqueEven(frame));
        } catch (IOException e) {
            throw TridentException.file(mp4, "cannot encode the movie: " + e.getMessage(), e);
        }
    }

    /** Closes the MP4 and renames it into place. */
    public Result finish() {
        finished = true;
        if (mp4 == null) return new Result(List.copyOf(written), null);
        try {
            if (encoder == null) throw TridentException.file(mp4, "a movie needs at least one frame");
            encoder.finish();
            AtomicFiles.moveIntoPlace(mp4Tmp, mp4);
            return new Result(List.copyOf(written), mp4);
        } catch (IOException e) {
            AtomicFiles.discard(mp4Tmp);
            throw TridentException.file(mp4, "cannot finish the movie: " + e.getMessage(), e);
        }
    }

    /** Drops an unfinished MP4 (on cancel or error); the frames written stay. */
    @Override public void close() {
        if (!finished && mp4Tmp != null) AtomicFiles.discard(mp4Tmp);
        finished = true;
    }

    private BufferedImage opaqueEven(BufferedImage im) {
        int w = im.getWidth() & ~1, h = im.getHeight() & ~1;
        if (w < 2 || h < 2) throw TridentException.file(mp4, "frames must be at least 2 × 2 pixels");
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        g.setColor(new java.awt.Color(backgroundRgb));
        g.fillRect(0, 0, w, h);
        g.drawImage(im, 0, 0, null);
        g.dispose();
        return out;
    }
}
