package org.trident.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HDF5 writer read back by jhdf (always) and by h5py/libhdf5 (when installed). */
class Hdf5WriterTest {

    @Test
    void lookup3MatchesThePublishedValues() {
        // Bob Jenkins' lookup3.c driver: hashlittle("", 0, 0) and hashlittle("Four score and seven years ago", 30, 0)
        assertEquals(0xdeadbeef, Lookup3.hash(new byte[0], 0, 0));
        byte[] k = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Lookup3.hash(k, 0, k.length));
    }

    static Hdf5Writer.Group tree(float[] f, double[] d) {
        Hdf5Writer.Group root = new Hdf5Writer.Group().attr("title", "ünï").attr("count", 7L).attr("scale", 2.5).attr("flag", true);
        Hdf5Writer.Group g = root.group("a").group("b").attr("vec", new double[]{1.5, -2.0, 3.25});
        g.dataset("data", new long[]{2, 3, 4}, f).attr("units", "nm");
        g.group("after-data").attr("name", "z").attr("off", false);
        root.group("c").dataset("coords", new long[]{5}, d);
        return root;
    }

    @Test
    void jhdfReadsGroupsDatasetsAndAttributes(@TempDir Path tmp) {
        float[] f = new float[24];
        for (int i = 0; i < f.length; i++) f[i] = i * 0.25f - 3;
        double[] d = {0.1, 0.2, 0.3, 0.4, 0.5};
        Path file = tmp.resolve("t.h5");
        Hdf5Writer.write(file, tree(f, d));
        try (HdfFile h = new HdfFile(file)) {
            assertEquals("ünï", h.getAttribute("title").getData());
            assertEquals(7L, ((Number) h.getAttribute("count").getData()).longValue());
            assertEquals(2.5, (Double) h.getAttribute("scale").getData(), 0);
            Group b = (Group) h.getByPath("a/b");
            assertArrayEquals(new double[]{1.5, -2.0, 3.25}, (double[]) b.getAttribute("vec").getData(), 0);
            Dataset data = (Dataset) b.getChild("data");
            assertArrayEquals(new int[]{2, 3, 4}, data.getDimensions());
            float[][][] v = (float[][][]) data.getData();
            assertEquals(f[1 * 12 + 2 * 4 + 3], v[1][2][3], 0);
            assertEquals("nm", data.getAttribute("units").getData());
            assertEquals("z", ((Group) b.getChild("after-data")).getAttribute("name").getData());
            assertArrayEquals(d, (double[]) ((Dataset) h.getByPath("c/coords")).getData(), 0);
        }
    }

    @Test
    void libhdf5ReadsTheSameTree(@TempDir Path tmp) throws Exception {
        float[] f = new float[24];
        for (int i = 0; i < f.length; i++) f[i] = i * 0.25f - 3;
        Path file = tmp.resolve("t.h5");
        Hdf5Writer.write(file, tree(f, new double[]{0.1, 0.2, 0.3, 0.4, 0.5}));
        JsonNode r = Python.run(List.of("h5py"), """
                import h5py, json, sys
                f = h5py.File(sys.argv[1], 'r')
                names = []
                f.visit(names.append)
                b = f['a/b']
                print(json.dumps({'names': sorted(names), 'title': f.attrs['title'].decode(), 'flag': bool(f.attrs['flag']),
                  'flagtype': str(f.attrs['flag'].dtype), 'count': int(f.attrs['count']), 'v123': float(b['data'][1, 2, 3]),
                  'shape': list(b['data'].shape), 'vec': b.attrs['vec'].tolist(), 'off': bool(b['after-data'].attrs['off']),
                  'coords': f['c/coords'][:].tolist()}))
                """, file.toString());
        assertEquals("[\"a\",\"a/b\",\"a/b/after-data\",\"a/b/data\",\"c\",\"c/coords\"]", r.get("names").toString());
        assertEquals("ünï", r.get("title").asText());
        assertEquals(true, r.get("flag").asBoolean());
        assertEquals("bool", r.get("flagtype").asText());
        assertEquals(7, r.get("count").asInt());
        assertEquals(f[23], r.get("v123").asDouble(), 0);
        assertEquals("[2,3,4]", r.get("shape").toString());
        assertEquals("[1.5,-2.0,3.25]", r.get("vec").toString());
        assertEquals(false, r.get("off").asBoolean());
        assertEquals(0.5, r.get("coords").get(4).asDouble(), 0);
    }
}
