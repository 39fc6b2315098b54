/*
 * Trident native projector kernels: the same forward and back-projection as
 * org.trident.recon.Kernels, on one flat array per block with S floats per voxel / detector bin
 * (the slices of the block, padded to S). kernels_impl.c is compiled once per instruction set
 * (AVX-512, AVX2 + FMA, SSE2) with its own suffix; jni.c picks one at load time.
 */
#ifndef TRIDENT_KERNELS_H
#define TRIDENT_KERNELS_H

/* SliceGeometry.CODES (LEVELS + 2) and Kernels.SIDE: must match the Java constants (checked at load). */
#define TK_CODES 514
#define TK_SIDE 32

typedef struct {
    const int *ent;    /* packed (first padded bin << 16 | position code) per (tilt, voxel), tilt-major */
    const float *tap;  /* three weights per (tilt, code) */
    int nx, nz, pw;    /* voxels per row, rows, padded detector width */
} tk_geom;

typedef void (*tk_forward_fn)(const tk_geom *g, const float *x, float *p, int S, const int *views, int from, int to, int tiled);
typedef void (*tk_back_fn)(const tk_geom *g, const float *p, float *out, int S, const int *views, int from, int to,
                           const float *inv_col, float relax, int non_neg, const float *mask, int part, int parts, int update);
typedef void (*tk_gather_fn)(const float *vol, int nx, int ny, int nz, int j0, int nb, int S, float *x, int pad);
typedef void (*tk_scatter_fn)(const float *x, int S, float *vol, int nx, int ny, int nz, int j0, int nb, double *change, double *norm);
typedef void (*tk_back_range_fn)(const tk_geom *g, const float *p, float *out, const int *views, int from, int to, int v0, int v1);
typedef void (*tk_pair_forward_fn)(const tk_geom *g, const float *x, float *p, const float *b, const float *ir,
                                   const int *first, const int *second, int u0, int u1, int w, double *r2);
typedef void (*tk_pair_update_fn)(const tk_geom *g, const float *p, float *x, const int *first, const int *second, int units,
                                  const float *inv_col, float relax, int non_neg, int k0, int k1, float *acc);

#define TK_DECLARE(sfx) \
    void tk_forward_##sfx(const tk_geom *g, const float *x, float *p, int S, const int *views, int from, int to, int tiled); \
    void tk_back_##sfx(const tk_geom *g, const float *p, float *out, int S, const int *views, int from, int to, \
                       const float *inv_col, float relax, int non_neg, const float *mask, int part, int parts, int update); \
    void tk_back_range_##sfx(const tk_geom *g, const float *p, float *out, const int *views, int from, int to, int v0, int v1); \
    void tk_pair_forward_##sfx(const tk_geom *g, const float *x, float *p, const float *b, const float *ir, \
                               const int *first, const int *second, int u0, int u1, int w, double *r2); \
    void tk_pair_update_##sfx(const tk_geom *g, const float *p, float *x, const int *first, const int *second, int units, \
                              const float *inv_col, float relax, int non_neg, int k0, int k1, float *acc); \
    void tk_gather_##sfx(const float *vol, int nx, int ny, int nz, int j0, int nb, int S, float *x, int pad); \
    void tk_scatter_##sfx(const float *x, int S, float *vol, int nx, int ny, int nz, int j0, int nb, double *change, double *norm);

TK_DECLARE(avx512)
TK_DECLARE(avx2)
TK_DECLARE(sse2)

#endif
