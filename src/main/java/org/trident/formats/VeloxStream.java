package org.trident.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import org.trident.io.Npy;
import org.trident.job.Progress;
import org.trident.model.EnergyAxis;
import org.trident.model.SpectrumStack;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Decodes a Velox EDS spectrum stream into a spectrum image, streaming: the uint16 events are read
 * a million at a time, counts are gathered for one scan row and added into a temporary float32 NPY
 * file {@code [1][height][width][bincount]} (deleted on exit), so memory stays at one row whatever
 * the size. Frames (repeated scans) are summed. Counts before the first 65535 belong to pixel 0.
 */
final class VeloxStream {
    private VeloxStream() {}

    static final int NEXT_PIXEL = 65535;
    private static final int CHUNK = 1 << 20;

    record Decoded(SpectrumStack stack, EnergyAxis axis, JsonNode metadata, String note, Path file, int width, int height, int bins) {}

    static Decoded decode(Path file, Group g, Progress progress) {
        return decode(file, g, progress, null);
    }

    /**
     * Decodes one stream; with {@code into} (an earlier stream of the same raster, channels and
     * energy axis, e.g. another detector of a multi-detector system) its counts are added there.
     * Returns null when {@code into} is given and the stream does not match it.
     */
    static Decoded decode(Path file, Group g, Progress progress, Decoded into) {
        Dataset data = Hdf5.dataset(g, "Data");
        Dataset settingsDs = Hdf5.dataset(g, "AcquisitionSettings");
        if (settingsDs == null) throw TridentException.file(file, "Velox spectrum stream " + g.getName() + " lacks AcquisitionSettings");
        JsonNode settings = VeloxReader.parse(file, Hdf5.textData(file, settingsDs, 0));
        Dataset metaDs = Hdf5.dataset(g, "Metadata");
        JsonNode meta = metaDs == null ? settings : VeloxReader.parse(file, Hdf5.textData(file, metaDs, 0));
        int bins = (int) number(settings, "bincount");
        int width = (int) number(settings.path("RasterScanDefinition"), "Width");
        int height = (int) number(settings.path("RasterScanDefinition"), "Height");
        if (bins <= 0 || bins >= NEXT_PIXEL || width <= 0 || height <= 0 || width > 1 << 16 || height > 1 << 16) {
            throw TridentException.file(file, "Velox stream settings are invalid (bincount " + bins + ", raster " + width + "x" + height + ")");
        }
        if ((long) width * bins > Integer.MAX_VALUE / 8) throw TridentException.file(file, "one scan row of this stream is too large");
        EnergyAxis axis = energyAxis(file, meta.has("Detectors") ? meta : settings);
        int[] dims = data.getDimensions();
        if (dims.length < 1 || dims.length > 2 || (dims.length == 2 && dims[1] != 1)) throw TridentException.file(file, "Velox stream data has shape of " + dims.length + " dimensions; a 1-column stream expected");
        long n = data.getDimensionsAsLong()[0];
        if (into != null && (into.bins() != bins || into.width() != width || into.height() != height
                || Math.abs(into.axis().offset() - axis.offset()) > 1e-9 || Math.abs(into.axis().scale() - axis.scale()) > 1e-12)) {
            return null;
        }
        Path tmp;
        try {
            tmp = into != null ? into.file() : Files.createTempFile("trident-velox-", ".npy");
            tmp.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new TridentException("cannot create a temporary file for the decoded EDS stream: " + e.getMessage(), e);
        }
        boolean addAll = into != null;
        long pixels = (long) width * height;
        int rowLen = width * bins;
        float[] row = new float[rowLen];
        long frames = 0, pixel = 0;
        int rowIndex = 0;
        boolean dirty = false;
        float[] chunk = new float[(int) Math.min(CHUNK, Math.max(1, n))];
        progress.start("decoding EDS stream", n);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] header = Npy.headerBytes("<f4", 1, height, width, bins);
            long dataStart = header.length;
            if (!addAll) {
                ch.write(ByteBuffer.wrap(header), 0);
                ch.truncate(dataStart);
                // size the file to the full cube (sparse where the file system allows) so rows may be added in any frame
                ch.write(ByteBuffer.allocate(1), dataStart + pixels * bins * 4L - 1);
            }
            for (long at = 0; at < n; at += chunk.length) {
                progress.checkCancelled();
                int k = (int) Math.min(chunk.length, n - at);
                if (dims.length == 2) Hdf5.slice(file, data, new long[]{at, 0}, new int[]{k, 1}, chunk, 0);
                else Hdf5.slice(file, data, new long[]{at}, new int[]{k}, chunk, 0);
                for (int i = 0; i < k; i++) {
                    int v = (int) chunk[i] & 0xffff;
                    if (v == NEXT_PIXEL) {
                        pixel++;
                        int nextRow = (int) (pixel / width);
                        if (pixel == pixels) {
                            flush(ch, dataStart, rowIndex, row, addAll || frames > 0);
                            dirty = false;
                            frames++;
                            pixel = 0;
                            rowIndex = 0;
                        } else if (nextRow != rowIndex) {
                            flush(ch, dataStart, rowIndex, row, addAll || frames > 0);
                            dirty = false;
                            rowIndex = nextRow;
                        }
                    } else {
                        if (v >= bins) throw TridentException.file(file, "corrupt EDS stream: value " + v + " at event " + (at + i) + " is beyond the " + bins + " channels");
                        row[(int) (pixel % width) * bins + v] += 1;
                        dirty = true;
                    }
                }
                progress.advance(k);
            }
            if (dirty || pixel > 0) flush(ch, dataStart, rowIndex, row, addAll || frames > 0);
        } catch (IOException e) {
            throw TridentException.file(tmp, "cannot write the decoded EDS stream: " + e.getMessage(), e);
        }
        String note = "EDS stream " + g.getName() + ": " + n + " events decoded into " + width + "x" + height + "x" + bins
                + (frames > 0 ? ", " + frames + " full frame(s) summed" : "") + (pixel > 0 ? (frames > 0 ? " plus" : ",") + " a partial frame of " + pixel + " pixels" : "");
        return new Decoded(Npy.openSpectra(tmp), axis, meta, note, tmp, width, height, bins);
    }

    /** Adds (or, in the first frame, writes) one scan row, then clears it. */
    private static void flush(FileChannel ch, long dataStart, int rowIndex, float[] row, boolean add) throws IOException {
        long pos = dataStart + (long) rowIndex * row.length * 4L;
        ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        if (add) {
            while (b.hasRemaining()) if (ch.read(b, pos + b.position()) < 0) break;
            b.flip();
            for (int i = 0; i < row.length; i++) row[i] += b.getFloat(i * 4);
            b.clear();
        }
        b.asFloatBuffer().put(row);
        while (b.hasRemaining()) ch.write(b, pos + b.position());
        java.util.Arrays.fill(row, 0f);
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : VeloxReader.parseOr(v.asText(""), -1);
    }

    /** Dispersion and OffsetEnergy (eV) of the first analytical detector that has them. */
    private static EnergyAxis energyAxis(Path file, JsonNode meta) {
        for (JsonNode d : meta.path("Detectors")) {
            double disp = number(d, "Dispersion");
            if (disp > 0) {
                JsonNode off = d.path("OffsetEnergy");
                double o = off.isMissingNode() || off.isNull() ? 0 : off.isNumber() ? off.asDouble() : VeloxReader.parseOr(off.asText(), Double.NaN);
                if (!Double.isFinite(o)) {
                    throw TridentException.file(file, "Velox detector OffsetEnergy is '" + AngleFiles.clip(off.asText()) + "', not a number in eV");
                }
                return new EnergyAxis(o / 1000.0, disp / 1000.0, "keV");
            }
        }
        throw TridentException.file(file, "Velox stream metadata gives no detector Dispersion, so the energy axis is unknown");
    }

}
