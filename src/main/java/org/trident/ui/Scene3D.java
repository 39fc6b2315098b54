package org.trident.ui;

import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.paint.Color;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;

/**
 * One JavaFX 3-D SubScene of the 3-D view: a world (pan, then rotations about x and y) holding
 * the surfaces and the scale cube, an ambient and a key light, and a perspective camera. The
 * view has two: the still view with 4× multisampling and a fast one without, shown while the
 * user turns the view (a SubScene's antialiasing is fixed when it is made, so it takes a second
 * SubScene); the fast one follows the still one's rotations, pan and camera.
 */
final class Scene3D {
    static final Color BACKGROUND = Color.rgb(28, 28, 32);

    final Group surfaces = new Group();
    final Group cube = new Group();
    final Rotate rx = new Rotate(-25, Rotate.X_AXIS), ry = new Rotate(35, Rotate.Y_AXIS);
    final Translate pan = new Translate();
    final PerspectiveCamera camera = new PerspectiveCamera(true);
    final SubScene sub;

    Scene3D(SceneAntialiasing antialiasing) {
        Group world = new Group(surfaces, cube);
        world.getTransforms().addAll(pan, rx, ry);
        AmbientLight ambient = new AmbientLight(Color.gray(0.35));
        PointLight key = new PointLight(Color.gray(0.9));
        key.getTransforms().add(new Translate(-400, -600, -1500));
        camera.setNearClip(0.5);
        camera.setFarClip(100_000);
        camera.setFieldOfView(30);
        sub = new SubScene(new Group(world, ambient, key, camera), 640, 480, true, antialiasing);
        sub.setFill(BACKGROUND);
        sub.setCamera(camera);
    }

    /** Turns, pans and zooms with {@code lead}. */
    void follow(Scene3D lead) {
        rx.angleProperty().bind(lead.rx.angleProperty());
        ry.angleProperty().bind(lead.ry.angleProperty());
        pan.xProperty().bind(lead.pan.xProperty());
        pan.yProperty().bind(lead.pan.yProperty());
        camera.translateZProperty().bind(lead.camera.translateZProperty());
        camera.fieldOfViewProperty().bind(lead.camera.fieldOfViewProperty());
        sub.widthProperty().bind(lead.sub.widthProperty());
        sub.heightProperty().bind(lead.sub.heightProperty());
    }
}
