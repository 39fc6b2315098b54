package org.trident.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes snapshots of a scene to target/screenshots for people to review (never compared). */
final class Screenshots {
    static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {}

    /** Call on the FX thread. */
    static Path save(Scene scene, String name) {
        try {
            Files.createDirectories(DIR);
            Path f = DIR.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", f.toFile());
            return f;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
