package org.trident.align;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Json;
import org.trident.model.TridentException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class AlignmentTest {
    @TempDir
    Path dir;

    @Test
    void jsonRoundTripKeepsContractFieldsAndExtras() throws Exception {
        Alignment a = new Alignment(2.5, new double[]{1, -2.25, 0.5}, new double[]{0, 3, -1});
        a.extra().put("method", "test");
        a.write(dir.resolve("alignment.json"));
        var root = Json.readObject(dir.resolve("alignment.json"));
        assertEquals("trident.alignment/1", root.get("format").asText());
        assertEquals(2.5, root.get("tiltAxisRotationDeg").asDouble());
        assertEquals(-2.25, root.get("shiftsPx").get(1).get(0).asDouble());
        assertEquals(3.0, root.get("shiftsPx").get(1).get(1).asDouble());
        Alignment b = Alignment.read(dir);
        assertArrayEquals(a.dx(), b.dx());
        assertArrayEquals(a.dy(), b.dy());
        assertEquals("test", b.extra().get("method").asText());
    }

    @Test
    void rotationIsNormalisedToTheContractRange() {
        assertEquals(-80, Alignment.normaliseRotation(100), 1e-12);
        assertEquals(90, Alignment.normaliseRotation(-90), 1e-12);
        assertEquals(10, Alignment.normaliseRotation(190), 1e-12);
    }

    @Test
    void readsCsvInAnyRowOrderAndRefusesBadOnes() throws Exception {
        Path f = dir.resolve("manual.csv");
        Files.writeString(f, "# manual\nindex,dx,dy\n1,0.5,-1\n0,2,3\n2,0,0\n");
        Alignment a = Alignment.read(f);
        assertArrayEquals(new double[]{2, 0.5, 0}, a.dx());
        assertArrayEquals(new double[]{3, -1, 0}, a.dy());
        Files.writeString(f, "index,dx,dy\n0,abc,1\n");
        assertThrows(TridentException.class, () -> Alignment.read(f));
        Files.writeString(f, "index,x,y\n0,1,1\n");
        assertThrows(TridentException.class, () -> Alignment.read(f));
    }

    @Test
    void readsTheAlignmentInsideATruthFile() throws Exception {
        Path f = dir.resolve("truth.json");
        Files.writeString(f, "{\"alignment\": {\"format\": \"trident.alignment/1\", \"tiltAxisRotationDeg\": 1.5, \"shiftsPx\": [[1, 2], [3, 4]]}}");
        Alignment a = Alignment.read(f);
        assertEquals(1.5, a.tiltAxisRotationDeg());
        assertEquals(4, a.dy(1));
    }

    @Test
    void refusesNonFiniteShifts() throws Exception {
        assertThrows(TridentException.class, () -> new Alignment(0, new double[]{Double.NaN}, new double[]{0}));
        Path f = dir.resolve("a.json");
        Files.writeString(f, "{\"format\": \"trident.alignment/2\", \"tiltAxisRotationDeg\": 0, \"shiftsPx\": [[0, 0]]}");
        assertThrows(TridentException.class, () -> Alignment.read(f));
    }

    @Test
    void translationFamilyIsRemovedButAConstantOffsetIsNot() {
        double[] ang = Phantoms.angles(-60, 60, 10);
        Alignment truth = Alignment.identity(ang.length);
        double[] dx = new double[ang.length], dy = new double[ang.length];
        for (int t = 0; t < ang.length; t++) {
            dx[t] = 3 * Math.cos(Math.toRadians(ang[t])) - 2 * Math.sin(Math.toRadians(ang[t]));
            dy[t] = 1.5;
        }
        assertEquals(0, Families.residualRms(new Alignment(0, dx, dy), truth, ang), 1e-9);
        java.util.Arrays.fill(dx, 1.0);
        assertTrue(Families.residualRms(new Alignment(0, dx, new double[ang.length]), truth, ang) > 0.1);
    }
}
