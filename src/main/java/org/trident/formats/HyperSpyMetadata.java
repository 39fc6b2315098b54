package org.trident.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.trident.io.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HyperSpy's {@code metadata} tree mapped onto the bundle (contract section 2): beam energy, dwell
 * time, beam current and the EDS/EELS detector fields go to {@code acquisition}, the stage tilt
 * of one projection is read for the angle, and {@code Sample.elements} becomes the EDS channel's
 * {@code quantification.elements}. HyperSpy keeps a TEM and an SEM branch; both are read.
 * Field names and units are those HyperSpy documents for its metadata structure.
 */
final class HyperSpyMetadata {
    private final Group meta;
    private final Group instrument;

    HyperSpyMetadata(Group meta) {
        this.meta = meta;
        Group acq = meta == null ? null : Hdf5.group(meta, "Acquisition_instrument");
        Group tem = acq == null ? null : Hdf5.group(acq, "TEM");
        this.instrument = tem != null ? tem : acq == null ? null : Hdf5.group(acq, "SEM");
    }

    /** {@code Stage.tilt_alpha} in degrees, or null. */
    Double stageTilt() {
        return number("Stage", null, "tilt_alpha");
    }

    /** The contract's {@code acquisition} object (empty when HyperSpy recorded none of it). */
    ObjectNode acquisition() {
        ObjectNode a = Json.object();
        put(a, "beamEnergyKeV", number(null, null, "beam_energy"), 1);
        put(a, "dwellTimeS", number(null, null, "dwell_time"), 1);
        put(a, "probeCurrentPa", number(null, null, "beam_current"), 1000); // HyperSpy: nA
        ObjectNode eds = Json.object();
        put(eds, "elevationDeg", number("Detector", "EDS", "elevation_angle"), 1);
        put(eds, "azimuthDeg", number("Detector", "EDS", "azimuth_angle"), 1);
        put(eds, "energyResolutionMnKaEv", number("Detector", "EDS", "energy_resolution_MnKa"), 1);
        put(eds, "liveTimeS", number("Detector", "EDS", "live_time"), 1);
        put(eds, "realTimeS", number("Detector", "EDS", "real_time"), 1);
        if (!eds.isEmpty()) a.set("eds", eds);
        ObjectNode eels = Json.object();
        put(eels, "convergenceMrad", number(null, null, "convergence_angle"), 1);
        put(eels, "collectionMrad", number("Detector", "EELS", "collection_angle"), 1);
        put(eels, "apertureMm", number("Detector", "EELS", "aperture_size"), 1);
        if (!eels.isEmpty()) a.set("eels", eels);
        return a;
    }

    /** {@code Sample.elements} (HyperSpy stores the list as the dataset {@code _list_elements}), or empty. */
    List<String> elements(Path file) {
        Group sample = meta == null ? null : Hdf5.group(meta, "Sample");
        Dataset d = sample == null ? null : Hdf5.dataset(sample, "_list_elements");
        List<String> out = new ArrayList<>();
        if (d == null) return out;
        Object v;
        try {
            v = d.getData();
        } catch (RuntimeException e) {
            // HyperSpy writes the list gzip + shuffle compressed; jhdf 0.13.0 cannot un-shuffle
            // variable-length strings, so the chunks are decoded here
            v = VlenStrings.read(d);
        }
        if (v instanceof Object[] arr) {
            for (Object o : arr) {
                String x = o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
                if (x.trim().matches("[A-Z][a-z]?")) out.add(x.trim());
            }
        }
        return out;
    }

    private Double number(String a, String b, String attr) {
        Group g = instrument;
        if (g != null && a != null) g = Hdf5.group(g, a);
        if (g != null && b != null) g = Hdf5.group(g, b);
        if (g == null) return null;
        Double v = Hdf5.number(g, attr);
        // HyperSpy 1.7's EDSTEM.set_microscope_parameters stores "beam_energy " (trailing space)
        if (v == null) v = Hdf5.number(g, attr + " ");
        return v == null || !Double.isFinite(v) ? null : v;
    }

    private static void put(ObjectNode o, String field, Double v, double factor) {
        if (v != null) o.put(field, v * factor);
    }
}
