package org.trident.ui;

/** Starts {@link Surface3DShots} from a classpath (a main that is not an Application, as ui.GuiLauncher does). */
public final class Launch3D {
    private Launch3D() {}

    public static void main(String[] a) {
        Surface3DShots.out = java.nio.file.Path.of(a[0]);
        javafx.application.Application.launch(Surface3DShots.class, a);
    }
}
