package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trident.io.Tiff;
import org.trident.model.ImageStack;
import org.trident.model.Volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Volumes as .hspy, NCEM EMD and ImageJ TIFF: read back by jhdf and Trident's TIFF reader (always)
 * and by HyperSpy 1.7.3, h5py and tifffile (when the Debian packages are installed).
 */
class VolumeExportTest {
    static final int NX = 6, NY = 5, NZ = 4;
    static final double VOXEL = 2.5;

    /** Every voxel distinct: v = i + 10 j + 100 k + 0.5, so an axis swap or flip changes values. */
    static Volume phantom() {
        Volume v = Volume.zeros(NX, NY, NZ, VOXEL);
        for (int k = 0; k < NZ; k++) for (int j = 0; j < NY; j++) for (int i = 0; i < NX; i++) v.set(i, j, k, i + 10 * j + 100 * k + 0.5f);
        return v;
    }

    static final VolumeExport.Quantity Q = new VolumeExport.Quantity("Ni fraction", "none");

    @Test
    void hspyHasHyperSpysLayoutAxesAndValues(@TempDir Path tmp) throws Exception {
        Path f = VolumeExport.write(VolumeExport.Format.HSPY, phantom(), Q, tmp, "ni", List.of());
        assertTrue(Files.isRegularFile(tmp.resolve("ni.hspy.provenance.json")));
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("HyperSpy", h.getAttribute("file_format").getData());
            Dataset d = (Dataset) h.getByPath("Experiments/ni/data");
            assertArrayEquals(new int[]{NZ, NY, NX}, d.getDimensions());
            assertEquals(3 + 10 * 2 + 100 * 1 + 0.5f, ((float[][][]) d.getData())[1][2][3], 0);
            Group x = (Group) h.getByPath("Experiments/ni/axis-2");
            assertEquals("x", x.getAttribute("name").getData());
            assertEquals(VOXEL, (Double) x.getAttribute("scale").getData(), 0);
            assertEquals(-(NX - 1) / 2.0 * VOXEL, (Double) x.getAttribute("offset").getData(), 0);
        }
        JsonNode r = Python.run(List.of("hyperspy.api"), """
                import json, sys, warnings
                warnings.simplefilter('ignore')
                import hyperspy.api as hs
                s = hs.load(sys.argv[1])
                ax = [[a.name, a.scale, a.offset, a.units, a.navigate, a.size] for a in
                      [s.axes_manager[0], s.axes_manager[1], s.axes_manager[2]]]
                print(json.dumps({'cls': type(s).__name__, 'shape': list(s.data.shape), 'v': float(s.data[1, 2, 3]),
                  'sig': s.axes_manager.signal_dimension, 'title': s.metadata.General.title,
                  'quantity': s.metadata.Signal.get_item('quantity'), 'axes': ax}))
                """, f.toString());
        assertEquals("Signal2D", r.get("cls").asText());
        assertEquals("[4,5,6]", r.get("shape").toString());
        assertEquals(123.5, r.get("v").asDouble(), 0);
        assertEquals(2, r.get("sig").asInt());
        assertEquals("ni", r.get("title").asText());
        assertEquals("Ni fraction", r.get("quantity").asText());
        // axes_manager order: navigation (z) first, then signal x, y
        assertEquals("[\"z\",2.5,-3.75,\"nm\",true,4]", r.get("axes").get(0).toString());
        assertEquals("[\"x\",2.5,-6.25,\"nm\",false,6]", r.get("axes").get(1).toString());
        assertEquals("[\"y\",2.5,-5.0,\"nm\",false,5]", r.get("axes").get(2).toString());
    }

    @Test
    void emdHasFullDimVectorsAndHyperSpyReadsIt(@TempDir Path tmp) throws Exception {
        Path f = VolumeExport.write(VolumeExport.Format.EMD, phantom(), Q, tmp, "ni", List.of());
        try (HdfFile h = new HdfFile(f)) {
            Group g = (Group) h.getByPath("data/ni");
            assertEquals(1L, ((Number) g.getAttribute("emd_group_type").getData()).longValue());
            double[] dim3 = (double[]) ((Dataset) g.getChild("dim3")).getData();
            assertEquals(NX, dim3.length);
            assertEquals(-6.25, dim3[0], 1e-12);
            assertEquals(6.25, dim3[NX - 1], 1e-12);
            assertEquals("nm", ((Dataset) g.getChild("dim3")).getAttribute("units").getData());
        }
        JsonNode r = Python.run(List.of("hyperspy.api"), """
                import json, sys, warnings
                warnings.simplefilter('ignore')
                import hyperspy.api as hs
                s = hs.load(sys.argv[1])
                if isinstance(s, list): s = s[0]
                names = {a.name: [a.scale, a.offset, a.size] for a in s.axes_manager._axes}
                print(json.dumps({'shape': list(s.data.shape), 'v': float(s.data[3, 2, 1]), 'axes': names}))
                """, f.toString());
        // HyperSpy 1.7.3 reads NCEM EMD data transposed ([x][y][z]) with the dims to match
        assertEquals("[6,5,4]", r.get("shape").toString());
        assertEquals(123.5, r.get("v").asDouble(), 0);
        assertEquals("[2.5,-6.25,6]", r.get("axes").get("x").toString());
        assertEquals("[2.5,-3.75,4]", r.get("axes").get("z").toString());
    }

    @Test
    void imageJTiffCarriesUnitSpacingAndResolution(@TempDir Path tmp) throws Exception {
        Path f = VolumeExport.write(VolumeExport.Format.IMAGEJ, phantom(), Q, tmp, "ni", List.of());
        Tiff.Tags t = Tiff.tags(f);
        assertEquals(1, t.resolutionUnit());
        assertEquals(1 / VOXEL, t.xResolution(), 1e-6);
        assertTrue(t.description().contains("unit=nm\n"), t.description());
        assertTrue(t.description().contains("spacing=2.5\n"), t.description());
        ImageStack s = Tiff.readImages(f);
        assertEquals(NZ, s.tilts());
        assertEquals(123.5f, s.tilt(1)[2 * NX + 3], 0);
        JsonNode r = Python.run(List.of("tifffile"), """
                import json, sys, tifffile
                with tifffile.TiffFile(sys.argv[1]) as t:
                    ij = t.imagej_metadata
                    p = t.pages[0]
                    xr = p.tags['XResolution'].value
                    a = t.asarray()
                    print(json.dumps({'imagej': t.is_imagej, 'unit': ij['unit'], 'spacing': ij['spacing'], 'slices': ij['slices'],
                      'xres': xr[0] / xr[1], 'resunit': int(p.tags['ResolutionUnit'].value), 'shape': list(a.shape),
                      'v': float(a[1, 2, 3]), 'dtype': str(a.dtype)}))
                """, f.toString());
        assertTrue(r.get("imagej").asBoolean());
        assertEquals("nm", r.get("unit").asText());
        assertEquals(2.5, r.get("spacing").asDouble(), 0);
        assertEquals(NZ, r.get("slices").asInt());
        assertEquals(0.4, r.get("xres").asDouble(), 1e-6);
        assertEquals(1, r.get("resunit").asInt());
        assertEquals("[4,5,6]", r.get("shape").toString());
        assertEquals(123.5, r.get("v").asDouble(), 0);
        assertEquals("float32", r.get("dtype").asText());
    }
}
