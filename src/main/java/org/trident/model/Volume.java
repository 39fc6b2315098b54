package org.trident.model;

/**
 * A 3-D float volume {@code [k][j][i]} with {@code x = i} fastest (MRC order), voxel size in nm.
 * Centred coordinates as in the contract: {@code x = i - (X-1)/2} etc., z along the beam at 0°.
 */
public final class Volume {
    private final int nx, ny, nz;
    private final float[] data;
    private final double voxelSizeNm;

    public Volume(int nx, int ny, int nz, float[] data, double voxelSizeNm) {
        if (nx <= 0 || ny <= 0 || nz <= 0) throw new TridentException("volume size must be positive, got " + nx + "x" + ny + "x" + nz);
        if ((long) nx * ny * nz != data.length) throw new TridentException("volume " + nx + "x" + ny + "x" + nz + " needs "
                + (long) nx * ny * nz + " values, got " + data.length);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.data = data;
        this.voxelSizeNm = voxelSizeNm;
    }

    public static Volume zeros(int nx, int ny, int nz, double voxelSizeNm) {
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 8) throw new TridentException("a volume of " + nx + "x" + ny + "x" + nz + " voxels is too large for one array");
        return new Volume(nx, ny, nz, new float[(int) n], voxelSizeNm);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public double voxelSizeNm() { return voxelSizeNm; }
    /** Live data, x fastest then y then z. */
    public float[] data() { return data; }

    public int index(int i, int j, int k) { return (k * ny + j) * nx + i; }
    public float get(int i, int j, int k) { return data[index(i, j, k)]; }
    public void set(int i, int j, int k, float v) { data[index(i, j, k)] = v; }

    public Volume copy() { return new Volume(nx, ny, nz, data.clone(), voxelSizeNm); }

    public boolean sameShape(Volume o) { return nx == o.nx && ny == o.ny && nz == o.nz; }
}
