/*
 * The projector kernels for one instruction set: this file is compiled once per set with
 * -DTK_SFX=avx512|avx2|sse2 and that set's -m flags (see src/build/NativeBuild.java). GCC's
 * generic 16-float vectors become one AVX-512 register, two AVX registers or four SSE registers.
 *
 * Order of additions: every detector bin receives its contributions, and every voxel its views,
 * in the same order as org.trident.recon.Kernels. The build lets the compiler fuse multiply and
 * add (-ffp-contract=fast: measured 1.3-1.4x faster than separate operations), so results agree
 * with the Java kernels to float rounding rather than bit for bit.
 */
#include <stddef.h>
#include <stdlib.h>
#include "kernels.h"


#ifndef TK_SFX
#error "compile with -DTK_SFX=<instruction set>"
#endif
#define TK_CAT2(a, b) a##_##b
#define TK_CAT(a, b) TK_CAT2(a, b)
#define FN(name) TK_CAT(name, TK_SFX)
#define AI static inline __attribute__((always_inline))

/*
 * Block strides are whole chunks of 16 floats; each chunk is CPV vectors of the instruction set's
 * own width VW (a 64-byte generic vector without AVX-512 is lowered element by element: measured
 * 10x slower).
 */
#if defined(__AVX512F__)
#define VW 16
#elif defined(__AVX__)
#define VW 8
#else
#define VW 4
#endif
#define CPV (16 / VW)
typedef float vfl __attribute__((vector_size(VW * 4)));
typedef float vflu __attribute__((vector_size(VW * 4), aligned(4)));   /* Java arrays are only 4-byte aligned */
#define LD(ptr) (*(const vflu *)(ptr))
#define ST(ptr, v) (*(vflu *)(ptr) = (v))

/*
 * Side of the square voxel tiles, as in the Java kernels (Kernels.SIDE): smaller tiles that keep
 * the accumulator in L1 measured no faster (docs/decisions/1201-native-kernels.md).
 */
AI int tile_side(int S) {
    (void)S;
    return TK_SIDE;
}

/* first padded bin and weights of voxel v at the view whose entries/weights start at et/tt */
#define BIN(e) ((size_t)((unsigned)(e) >> 16))
#define TAPS(tt, e) ((tt) + 3 * ((e) & 0xFFFF))

/* p0[b] += w0·x[b], p0[S+b] += w1·x[b], p0[2S+b] += w2·x[b] for the S lanes (nvec vectors, 0 = scalar) */
AI void fwd_vox(float *p0, int S, const float *xv, float w0, float w1, float w2, int nvec) {
    if (nvec == 0) {
        for (int b = 0; b < S; b++) {
            float xb = xv[b];
            p0[b] += w0 * xb;
            p0[S + b] += w1 * xb;
            p0[2 * S + b] += w2 * xb;
        }
        return;
    }
    for (int c = 0; c < nvec * CPV; c++) {
        vfl xx = LD(xv + VW * c);
        float *q0 = p0 + VW * c, *q1 = q0 + S, *q2 = q1 + S;
        ST(q0, LD(q0) + w0 * xx);
        ST(q1, LD(q1) + w1 * xx);
        ST(q2, LD(q2) + w2 * xx);
    }
}

/* writes the three-row window back to detector rows q, q + S, q + 2S */
AI void store_window(float *q, int S, const vfl *r0, const vfl *r1, const vfl *r2, int nvec) {
    for (int c = 0; c < nvec * CPV; c++) {
        ST(q + VW * c, r0[c]);
        ST(q + S + VW * c, r1[c]);
        ST(q + 2 * S + VW * c, r2[c]);
    }
}

/*
 * One view over one row segment [v0, v1) of voxels with a sliding window of three detector rows
 * held in registers: along a voxel row the first bin advances by 0 or 1 (|cos θ| ≤ 1), so each
 * bin is read and written once per segment instead of once per voxel, and no voxel waits for
 * the previous voxel's stores. Each bin still receives its terms in voxel order. Voxels that
 * reach no bin (code NONE, all weights zero) add nothing and are skipped.
 */
AI void fwd_segment(const int *et, const float *tt, float *pt, const float *x, int S, int v0, int v1, int nvec) {
    vfl r0[4 * CPV], r1[4 * CPV], r2[4 * CPV];
    size_t cur = (size_t)-1;
    for (int v = v0; v < v1; v++) {
        int e = et[v];
        if ((e & 0xFFFF) == TK_CODES - 1) continue;
        size_t o = BIN(e);
        if (o != cur) {
            if (cur != (size_t)-1 && o == cur + 1) {
                float *q = pt + cur * S, *n = pt + (o + 2) * S;
                for (int c = 0; c < nvec * CPV; c++) {
                    ST(q + VW * c, r0[c]);
                    r0[c] = r1[c];
                    r1[c] = r2[c];
                    r2[c] = LD(n + VW * c);
                }
            } else {
                if (cur != (size_t)-1) store_window(pt + cur * S, S, r0, r1, r2, nvec);
                const float *q = pt + o * S;
                for (int c = 0; c < nvec * CPV; c++) {
                    r0[c] = LD(q + VW * c);
                    r1[c] = LD(q + S + VW * c);
                    r2[c] = LD(q + 2 * S + VW * c);
                }
            }
            cur = o;
        }
        const float *w = TAPS(tt, e), *xv = x + (size_t)v * S;
        float w0 = w[0], w1 = w[1], w2 = w[2];
        for (int c = 0; c < nvec * CPV; c++) {
            vfl xx = LD(xv + VW * c);
            r0[c] += w0 * xx;
            r1[c] += w1 * xx;
            r2[c] += w2 * xx;
        }
    }
    if (cur != (size_t)-1) store_window(pt + cur * S, S, r0, r1, r2, nvec);
}

/* fwd_segment for one slice (S = 1): the window is three scalars */
AI void fwd_segment1(const int *et, const float *tt, float *pt, const float *x, int v0, int v1) {
    float r0 = 0.f, r1 = 0.f, r2 = 0.f;
    size_t cur = (size_t)-1;
    for (int v = v0; v < v1; v++) {
        int e = et[v];
        if ((e & 0xFFFF) == TK_CODES - 1) continue;
        size_t o = BIN(e);
        if (o != cur) {
            if (cur != (size_t)-1 && o == cur + 1) {
                pt[cur] = r0;
                r0 = r1;
                r1 = r2;
                r2 = pt[o + 2];
            } else {
                if (cur != (size_t)-1) {
                    pt[cur] = r0;
                    pt[cur + 1] = r1;
                    pt[cur + 2] = r2;
                }
                r0 = pt[o];
                r1 = pt[o + 1];
                r2 = pt[o + 2];
            }
            cur = o;
        }
        const float *w = TAPS(tt, e);
        float xv = x[v];
        r0 += w[0] * xv;
        r1 += w[1] * xv;
        r2 += w[2] * xv;
    }
    if (cur != (size_t)-1) {
        pt[cur] = r0;
        pt[cur + 1] = r1;
        pt[cur + 2] = r2;
    }
}

/*
 * Square tiles of voxels (tiled) or the whole slice as one tile; per tile every view; per view the
 * tile's voxels row by row. Blocks of whole vectors run each row segment through a register
 * window (fwd_segment, fwd_segment1 for one slice); other strides go four views at a time, so
 * that four independent chains of read-add-write replace one (consecutive voxels of a view write
 * overlapping bins).
 */
AI void fwd_body(const tk_geom *g, const float *x, float *p, int S, const int *views, int from, int to, int tiled, int nvec) {
    int nx = g->nx, nz = g->nz, nv = nx * nz, pw = g->pw;
    int side = tile_side(S);
    int sk = tiled ? side : nz, si = tiled ? side : nx;
    for (int k0 = 0; k0 < nz; k0 += sk) {
        int k1 = k0 + sk < nz ? k0 + sk : nz;
        for (int i0 = 0; i0 < nx; i0 += si) {
            int i1 = i0 + si < nx ? i0 + si : nx;
            int vi = from;
            if (S == 1) {
                for (; vi < to; vi++) {
                    int t = views[vi];
                    const int *et = g->ent + (size_t)t * nv;
                    const float *tt = g->tap + (size_t)t * TK_CODES * 3;
                    float *pt = p + (size_t)t * pw;
                    for (int k = k0; k < k1; k++) fwd_segment1(et, tt, pt, x, k * nx + i0, k * nx + i1);
                }
                continue;
            }
            if (nvec > 0) {
                for (; vi < to; vi++) {
                    int t = views[vi];
                    const int *et = g->ent + (size_t)t * nv;
                    const float *tt = g->tap + (size_t)t * TK_CODES * 3;
                    float *pt = p + (size_t)t * pw * S;
                    for (int k = k0; k < k1; k++) fwd_segment(et, tt, pt, x, S, k * nx + i0, k * nx + i1, nvec);
                }
                continue;
            }
            for (; vi + 4 <= to; vi += 4) {
                const int *et[4];
                const float *tt[4];
                float *pt[4];
                for (int j = 0; j < 4; j++) {
                    int t = views[vi + j];
                    et[j] = g->ent + (size_t)t * nv;
                    tt[j] = g->tap + (size_t)t * TK_CODES * 3;
                    pt[j] = p + (size_t)t * pw * S;
                }
                for (int k = k0; k < k1; k++) {
                    for (int v = k * nx + i0, ve = k * nx + i1; v < ve; v++) {
                        const float *xv = x + (size_t)v * S;
                        for (int j = 0; j < 4; j++) {
                            int e = et[j][v];
                            const float *w = TAPS(tt[j], e);
                            fwd_vox(pt[j] + BIN(e) * S, S, xv, w[0], w[1], w[2], nvec);
                        }
                    }
                }
            }
            for (; vi < to; vi++) {
                int t = views[vi];
                const int *et = g->ent + (size_t)t * nv;
                const float *tt = g->tap + (size_t)t * TK_CODES * 3;
                float *pt = p + (size_t)t * pw * S;
                for (int k = k0; k < k1; k++) {
                    for (int v = k * nx + i0, ve = k * nx + i1; v < ve; v++) {
                        int e = et[v];
                        const float *w = TAPS(tt, e);
                        fwd_vox(pt + BIN(e) * S, S, x + (size_t)v * S, w[0], w[1], w[2], nvec);
                    }
                }
            }
        }
    }
}

void FN(tk_forward)(const tk_geom *g, const float *x, float *p, int S, const int *views, int from, int to, int tiled) {
    switch (S) {
        case 16: fwd_body(g, x, p, S, views, from, to, tiled, 1); break;
        case 32: fwd_body(g, x, p, S, views, from, to, tiled, 2); break;
        case 48: fwd_body(g, x, p, S, views, from, to, tiled, 3); break;
        case 64: fwd_body(g, x, p, S, views, from, to, tiled, 4); break;
        default:
            fwd_body(g, x, p, S, views, from, to, tiled, 0); /* other strides: plain loops */
    }
}

/* acc[c] += w0·p0 + w1·p1 + w2·p2 over one voxel's S lanes (nvec vectors, 0 = scalar) */
AI void back_vox(float *a, const float *pr, int S, float w0, float w1, float w2, int nvec) {
    if (nvec == 0) {
        for (int b = 0; b < S; b++) a[b] += w0 * pr[b] + w1 * pr[S + b] + w2 * pr[2 * S + b];
        return;
    }
    for (int c = 0; c < nvec * CPV; c++) {
        const float *q = pr + VW * c;
        ST(a + VW * c, LD(a + VW * c) + (w0 * LD(q) + w1 * LD(q + S) + w2 * LD(q + 2 * S)));
    }
}

/* as back_vox for two views in list order: (acc + view 1) + view 2 */
AI void back_vox2(float *a, const float *pr, const float *ps, int S, float w0, float w1, float w2, float y0, float y1, float y2, int nvec) {
    if (nvec == 0) {
        for (int b = 0; b < S; b++) {
            float r = a[b] + (w0 * pr[b] + w1 * pr[S + b] + w2 * pr[2 * S + b]);
            a[b] = r + (y0 * ps[b] + y1 * ps[S + b] + y2 * ps[2 * S + b]);
        }
        return;
    }
    for (int c = 0; c < nvec * CPV; c++) {
        const float *q = pr + VW * c, *r = ps + VW * c;
        vfl sum = LD(a + VW * c) + (w0 * LD(q) + w1 * LD(q + S) + w2 * LD(q + 2 * S));
        ST(a + VW * c, sum + (y0 * LD(r) + y1 * LD(r + S) + y2 * LD(r + 2 * S)));
    }
}

AI void back_body(const tk_geom *g, const float *p, float *out, int S, const int *views, int from, int to,
                  const float *inv_col, float relax, int non_neg, const float *mask, int part, int parts, int update,
                  float *acc, int side, int nvec) {
    int nx = g->nx, nz = g->nz, nv = nx * nz, pw = g->pw;
    int tile = 0;
    for (int k0 = 0; k0 < nz; k0 += side) {
        int k1 = k0 + side < nz ? k0 + side : nz;
        for (int i0 = 0; i0 < nx; i0 += side) {
            if (tile++ % parts != part) continue;
            int i1 = i0 + side < nx ? i0 + side : nx;
            for (int k = k0; k < k1; k++) {
                float *a = acc + (size_t)(k - k0) * side * S;
                for (int b = 0; b < (i1 - i0) * S; b++) a[b] = 0.f;
            }
            int vi = from;
            for (; vi + 2 <= to; vi += 2) { /* two views per pass: one read and write of the accumulator for both */
                int t = views[vi], u = views[vi + 1];
                const int *et = g->ent + (size_t)t * nv, *eu = g->ent + (size_t)u * nv;
                const float *tt = g->tap + (size_t)t * TK_CODES * 3, *tu = g->tap + (size_t)u * TK_CODES * 3;
                const float *pt = p + (size_t)t * pw * S, *pu = p + (size_t)u * pw * S;
                for (int k = k0; k < k1; k++) {
                    float *a = acc + ((size_t)(k - k0) * side - i0) * S;
                    for (int i = i0; i < i1; i++) {
                        int e = et[k * nx + i], f = eu[k * nx + i];
                        const float *w = TAPS(tt, e), *y = TAPS(tu, f);
                        back_vox2(a + (size_t)i * S, pt + BIN(e) * S, pu + BIN(f) * S, S, w[0], w[1], w[2], y[0], y[1], y[2], nvec);
                    }
                }
            }
            for (; vi < to; vi++) {
                int t = views[vi];
                const int *et = g->ent + (size_t)t * nv;
                const float *tt = g->tap + (size_t)t * TK_CODES * 3;
                const float *pt = p + (size_t)t * pw * S;
                for (int k = k0; k < k1; k++) {
                    float *a = acc + ((size_t)(k - k0) * side - i0) * S;
                    for (int i = i0; i < i1; i++) {
                        int e = et[k * nx + i];
                        const float *w = TAPS(tt, e);
                        back_vox(a + (size_t)i * S, pt + BIN(e) * S, S, w[0], w[1], w[2], nvec);
                    }
                }
            }
            for (int k = k0; k < k1; k++) {
                for (int i = i0; i < i1; i++) {
                    int v = k * nx + i;
                    const float *a = acc + ((size_t)(k - k0) * side + i - i0) * S;
                    float *dst = out + (size_t)v * S;
                    if (!update) {
                        for (int b = 0; b < S; b++) dst[b] = a[b];
                        continue;
                    }
                    float s = relax * inv_col[v];
                    const float *m = mask ? mask + (size_t)v * S : 0;
                    for (int b = 0; b < S; b++) {
                        float r = dst[b] + s * a[b];
                        if (non_neg) r = r > 0.f ? r : 0.f;
                        if (m) r *= m[b];
                        dst[b] = r;
                    }
                }
            }
        }
    }
}

void FN(tk_back)(const tk_geom *g, const float *p, float *out, int S, const int *views, int from, int to,
                 const float *inv_col, float relax, int non_neg, const float *mask, int part, int parts, int update) {
    int side = tile_side(S);
    float *acc = aligned_alloc(64, ((size_t)side * side * S * sizeof(float) + 63) / 64 * 64);
    if (!acc) return;
    switch (S) {
        case 16: back_body(g, p, out, S, views, from, to, inv_col, relax, non_neg, mask, part, parts, update, acc, side, 1); break;
        case 32: back_body(g, p, out, S, views, from, to, inv_col, relax, non_neg, mask, part, parts, update, acc, side, 2); break;
        case 48: back_body(g, p, out, S, views, from, to, inv_col, relax, non_neg, mask, part, parts, update, acc, side, 3); break;
        case 64: back_body(g, p, out, S, views, from, to, inv_col, relax, non_neg, mask, part, parts, update, acc, side, 4); break;
        default:
            if (S % 16 == 0) back_body(g, p, out, S, views, from, to, inv_col, relax, non_neg, mask, part, parts, update, acc, side, S / 16);
            else back_body(g, p, out, S, views, from, to, inv_col, relax, non_neg, mask, part, parts, update, acc, side, 0);
    }
    free(acc);
}

/*
 * One slice (S = 1): out[v] = (Aᵀp)[v] for v in [v0, v1), views in list order for every voxel
 * (as SliceKernels.back). With AVX-512 or AVX2, 16 or 8 voxels at a time: entries are loaded
 * as a vector and the three weights and three bins gathered (the compiler does not vectorise
 * these indirect loads by itself, and the scalar loop measured slower than the JIT's).
 */
#if defined(__AVX512F__)
#include <immintrin.h>
#define TK_W 16
typedef __m512 vf;
typedef __m512i vi;
#define VLOADI(ptr) _mm512_loadu_si512((const void *)(ptr))
#define VAND(a, m) _mm512_and_si512(a, _mm512_set1_epi32(m))
#define VSRL16(a) _mm512_srli_epi32(a, 16)
#define VMUL3(a) _mm512_add_epi32(a, _mm512_add_epi32(a, a))
#define VGATHER(idx, base) _mm512_i32gather_ps(idx, base, 4)
#define VZERO() _mm512_setzero_ps()
#define VADD(a, b) _mm512_add_ps(a, b)
#define VMUL(a, b) _mm512_mul_ps(a, b)
#define VFMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define VSTORE(ptr, a) _mm512_storeu_ps(ptr, a)
#elif defined(__AVX2__)
#include <immintrin.h>
#define TK_W 8
typedef __m256 vf;
typedef __m256i vi;
#define VLOADI(ptr) _mm256_loadu_si256((const __m256i *)(ptr))
#define VAND(a, m) _mm256_and_si256(a, _mm256_set1_epi32(m))
#define VSRL16(a) _mm256_srli_epi32(a, 16)
#define VMUL3(a) _mm256_add_epi32(a, _mm256_add_epi32(a, a))
#define VGATHER(idx, base) _mm256_i32gather_ps(base, idx, 4)
#define VZERO() _mm256_setzero_ps()
#define VADD(a, b) _mm256_add_ps(a, b)
#define VMUL(a, b) _mm256_mul_ps(a, b)
#define VFMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define VSTORE(ptr, a) _mm256_storeu_ps(ptr, a)
#else
#define TK_W 0
#endif

void FN(tk_back_range)(const tk_geom *g, const float *restrict p, float *restrict out, const int *views, int from, int to, int v0, int v1) {
    int nv = g->nx * g->nz, pw = g->pw;
    const int *restrict ent = g->ent;
    const float *restrict tap = g->tap;
    const int c3 = TK_CODES * 3;
    int v = v0;
#if TK_W > 0
    for (; v + TK_W <= v1; v += TK_W) {
        vf acc = VZERO();
        for (int vi_ = from; vi_ < to; vi_++) {
            int t = views[vi_];
            vi e = VLOADI(ent + (size_t)t * nv + v);
            vi k = VMUL3(VAND(e, 0xFFFF)), o = VSRL16(e);
            const float *tt = tap + (size_t)t * c3, *pt = p + (size_t)t * pw;
            vf s = VMUL(VGATHER(k, tt), VGATHER(o, pt));
            s = VFMA(VGATHER(k, tt + 1), VGATHER(o, pt + 1), s);
            s = VFMA(VGATHER(k, tt + 2), VGATHER(o, pt + 2), s);
            acc = VADD(acc, s);
        }
        VSTORE(out + v, acc);
    }
#endif
    for (; v < v1; v++) {
        float acc = 0.f;
        for (int vi_ = from; vi_ < to; vi_++) {
            int t = views[vi_];
            int e = ent[(size_t)t * nv + v], k = 3 * (e & 0xFFFF), o = (int)((unsigned)e >> 16);
            const float *q = tap + (size_t)t * c3, *r = p + (size_t)t * pw;
#if TK_W > 0
            /* the vector loop's exact operations, so a voxel has the same bits whichever loop made it */
            float s = q[k] * r[o];
            s = __builtin_fmaf(q[k + 1], r[o + 1], s);
            s = __builtin_fmaf(q[k + 2], r[o + 2], s);
            acc += s;
#else
            acc += q[k] * r[o] + q[k + 1] * r[o + 1] + q[k + 2] * r[o + 2];
#endif
        }
        out[v] = acc;
    }
}

/*
 * Volume (x fastest, then y, then z) slices j0..j0+nb into lanes 0..nb of the flat block x[v·S + b]
 * and zeros into lanes nb..pad: the layout change is here so that it runs at memory speed rather
 * than as a Java loop. (x may point into the block at a lane offset: threads share a block by lanes.)
 */
void FN(tk_gather)(const float *restrict vol, int nx, int ny, int nz, int j0, int nb, int S, float *restrict x, int pad) {
    for (int k = 0; k < nz; k++) {
        size_t plane = (size_t)k * ny + j0;
        float *xk = x + (size_t)k * nx * S;
        for (int i0 = 0; i0 < nx; i0 += 16) { /* 16 voxels at a time: the lines written stay in L1 */
            int i1 = i0 + 16 < nx ? i0 + 16 : nx;
            for (int b = 0; b < nb; b++) {
                const float *row = vol + (plane + b) * nx;
                for (int i = i0; i < i1; i++) xk[(size_t)i * S + b] = row[i];
            }
        }
        for (int i = 0; i < nx; i++) for (int b = nb; b < pad; b++) xk[(size_t)i * S + b] = 0.f;
    }
}

/*
 * The flat block back into the volume; per slice b the squared change and squared new value are
 * summed in double over the voxels in the same order as Blocks.scatterVolume and added to
 * change[b] and norm[b].
 */
void FN(tk_scatter)(const float *restrict x, int S, float *restrict vol, int nx, int ny, int nz, int j0, int nb,
                    double *restrict change, double *restrict norm) {
    double c[nb > 0 ? nb : 1], n[nb > 0 ? nb : 1];
    for (int b = 0; b < nb; b++) c[b] = n[b] = 0;
    for (int k = 0; k < nz; k++) {
        size_t plane = (size_t)k * ny + j0;
        const float *xk = x + (size_t)k * nx * S;
        for (int i0 = 0; i0 < nx; i0 += 16) { /* 16 voxels at a time: the lines read stay in L1 */
            int i1 = i0 + 16 < nx ? i0 + 16 : nx;
            for (int b = 0; b < nb; b++) {
                float *row = vol + (plane + b) * nx;
                double cb = c[b], nbv = n[b];
                for (int i = i0; i < i1; i++) {
                    float nv = xk[(size_t)i * S + b];
                    double d = (double)(nv - row[i]);
                    cb += d * d;
                    nbv += (double)nv * nv;
                    row[i] = nv;
                }
                c[b] = cb;
                n[b] = nbv;
            }
        }
    }
    for (int b = 0; b < nb; b++) {
        change[b] += c[b];
        norm[b] += n[b];
    }
}

/*
 * ---- One slice, SIRT, by mirror pairs (the live preview; docs/decisions/1202-preview-pair-kernels.md) ----
 * A unit is a view t and its mirror m (or t alone, m < 0): voxel (i, k) at m has exactly the entry
 * (first bin, position code, weights) of voxel (i, Z-1-k) at t (SliceKernels.mirrorUnits checks
 * this entry by entry), so one read of an entry and its three weights serves two voxel-view terms.
 */

/* two register windows (fwd_segment1) along one voxel row of t's entries: row xa into pt, its mirror row xb into pm */
AI void fwd_pair_row(const int *et, const float *tt, float *pt, float *pm, const float *xa, const float *xb, int n) {
    float a0 = 0.f, a1 = 0.f, a2 = 0.f, b0 = 0.f, b1 = 0.f, b2 = 0.f;
    size_t cur = (size_t)-1;
    for (int i = 0; i < n; i++) {
        int e = et[i];
        if ((e & 0xFFFF) == TK_CODES - 1) continue;
        size_t o = BIN(e);
        if (o != cur) {
            if (cur != (size_t)-1 && o == cur + 1) {
                pt[cur] = a0; a0 = a1; a1 = a2; a2 = pt[o + 2];
                pm[cur] = b0; b0 = b1; b1 = b2; b2 = pm[o + 2];
            } else {
                if (cur != (size_t)-1) {
                    pt[cur] = a0; pt[cur + 1] = a1; pt[cur + 2] = a2;
                    pm[cur] = b0; pm[cur + 1] = b1; pm[cur + 2] = b2;
                }
                a0 = pt[o]; a1 = pt[o + 1]; a2 = pt[o + 2];
                b0 = pm[o]; b1 = pm[o + 1]; b2 = pm[o + 2];
            }
            cur = o;
        }
        const float *w = TAPS(tt, e);
        float w0 = w[0], w1 = w[1], w2 = w[2], va = xa[i], vb = xb[i];
        a0 += w0 * va; a1 += w1 * va; a2 += w2 * va;
        b0 += w0 * vb; b1 += w1 * vb; b2 += w2 * vb;
    }
    if (cur != (size_t)-1) {
        pt[cur] = a0; pt[cur + 1] = a1; pt[cur + 2] = a2;
        pm[cur] = b0; pm[cur + 1] = b1; pm[cur + 2] = b2;
    }
}

/* view t's row of p (holding A_t x) becomes R (b_t - A_t x), guards 0; returns the sum of (b - Ax)^2 over the real bins, in bin order */
AI double residual_row(float *pt, const float *bt, const float *irt, int pw, int w) {
    int gu = (pw - w) / 2;
    double r2 = 0;
    for (int bin = 0; bin < gu; bin++) pt[bin] = 0.f;
    for (int bin = gu; bin < gu + w; bin++) {
        float e = bt[bin] - pt[bin];
        r2 += (double)e * e;
        pt[bin] = e * irt[bin];
    }
    for (int bin = gu + w; bin < pw; bin++) pt[bin] = 0.f;
    return r2;
}

/*
 * Units [u0, u1): the rows of p of both views cleared, A x added (a pair reads each entry and
 * weight once for both views), then turned into the weighted residual R (b - A x) from the
 * measured rows b (same padded layout as p), with r2[t] = sum of (b - A x)^2 of view t.
 */
void FN(tk_pair_forward)(const tk_geom *g, const float *restrict x, float *restrict p, const float *restrict b, const float *restrict ir,
                         const int *first, const int *second, int u0, int u1, int w, double *r2) {
    int nx = g->nx, nz = g->nz, nv = nx * nz, pw = g->pw;
    for (int u = u0; u < u1; u++) {
        int t = first[u], m = second[u];
        const int *et = g->ent + (size_t)t * nv;
        const float *tt = g->tap + (size_t)t * TK_CODES * 3;
        float *pt = p + (size_t)t * pw;
        for (int bin = 0; bin < pw; bin++) pt[bin] = 0.f;
        if (m < 0) {
            for (int k = 0; k < nz; k++) fwd_segment1(et, tt, pt, x, k * nx, (k + 1) * nx);
        } else {
            float *pm = p + (size_t)m * pw;
            for (int bin = 0; bin < pw; bin++) pm[bin] = 0.f;
            for (int k = 0; k < nz; k++) fwd_pair_row(et + (size_t)k * nx, tt, pt, pm, x + (size_t)k * nx, x + (size_t)(nz - 1 - k) * nx, nx);
            r2[m] = residual_row(pm, b + (size_t)m * pw, ir + (size_t)m * pw, pw, w);
        }
        r2[t] = residual_row(pt, b + (size_t)t * pw, ir + (size_t)t * pw, pw, w);
    }
}

/* scalar: w0·p[o] + w1·p[o+1] + w2·p[o+2] for one entry's weights w and bin o */
AI float dot3s(const float *w, size_t o, const float *pt) {
#if defined(__FMA__) || defined(__AVX512F__)
    float s = w[0] * pt[o];
    s = __builtin_fmaf(w[1], pt[o + 1], s);
    return __builtin_fmaf(w[2], pt[o + 2], s);
#else
    return w[0] * pt[o] + w[1] * pt[o + 1] + w[2] * pt[o + 2];
#endif
}

#if TK_W > 0
/* weights and bins of one vector of entries (the weight table is small and cached: gathered) */
AI void taps_of(vi e, const float *tt, vf *w0, vf *w1, vf *w2, vi *o) {
    vi k = VMUL3(VAND(e, 0xFFFF));
    *o = VSRL16(e);
    *w0 = VGATHER(k, tt);
    *w1 = VGATHER(k, tt + 1);
    *w2 = VGATHER(k, tt + 2);
}

AI vf dot3_gather(vf w0, vf w1, vf w2, vi o, const float *pt) {
    vf s = VMUL(w0, VGATHER(o, pt));
    s = VFMA(w1, VGATHER(o, pt + 1), s);
    return VFMA(w2, VGATHER(o, pt + 2), s);
}
#endif

#if TK_W == 16
/*
 * AVX-512: along a voxel row the first bin advances by 0 or 1, so 16 neighbouring voxels read
 * bins base .. base + 17 of a view's row: two vector loads and three two-register permutes
 * replace three gathers. Applies when every lane reaches the detector and the bins lie within
 * 30 of lane 0's (else the gathers run).
 */
AI int window_of(__mmask16 real, vi o, int *base, vi *rel) {
    /* lanes that reach the detector are a contiguous run (the bin is monotonic along a row): the first one is the base */
    int first = __builtin_ctz((unsigned)real);
    int b = _mm_cvtsi128_si32(_mm512_castsi512_si128(_mm512_permutexvar_epi32(_mm512_set1_epi32(first), o)));
    vi r = _mm512_maskz_sub_epi32(real, o, _mm512_set1_epi32(b)); /* lanes off the detector: 0 (their weights are zero) */
    if (_mm512_cmpgt_epu32_mask(r, _mm512_set1_epi32(29))) return 0;
    *base = b;
    *rel = r;
    return 1;
}

AI vf dot3_perm(vf w0, vf w1, vf w2, vi r0, vi r1, vi r2, const float *pt, int base, int pw) {
    vf lo, hi;
    if (base + 32 <= pw) {
        lo = _mm512_loadu_ps(pt + base);
        hi = _mm512_loadu_ps(pt + base + 16);
    } else { /* do not read past the row (the last view's row ends the array) */
        int n = pw - base;
        __mmask16 ml = n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1);
        __mmask16 mh = n <= 16 ? (__mmask16)0 : (__mmask16)((1u << (n - 16)) - 1);
        lo = _mm512_maskz_loadu_ps(ml, pt + base);
        hi = _mm512_maskz_loadu_ps(mh, pt + base + 16);
    }
    vf s = VMUL(w0, _mm512_permutex2var_ps(lo, r0, hi));
    s = VFMA(w1, _mm512_permutex2var_ps(lo, r1, hi), s);
    return VFMA(w2, _mm512_permutex2var_ps(lo, r2, hi), s);
}
#endif

/*
 * One entry vector e (of view t, read at some voxel row) applied to two detector rows: *ca += its
 * term from row pa, *cb += its term from row pb (pb null: none).
 */
#if TK_W > 0
AI void pair_terms(vi e, const float *tt, const float *pa, const float *pb, int pw, vf *ca, vf *cb) {
    vf w0, w1, w2;
    vi o;
#if TK_W == 16
    __mmask16 real = _mm512_cmpneq_epi32_mask(VAND(e, 0xFFFF), _mm512_set1_epi32(TK_CODES - 1));
    if (!real) return; /* no voxel of the 16 reaches the detector at this view: all terms zero */
    taps_of(e, tt, &w0, &w1, &w2, &o);
    int base;
    vi r0;
    if (window_of(real, o, &base, &r0)) {
        vi one = _mm512_set1_epi32(1);
        vi r1 = _mm512_add_epi32(r0, one), r2 = _mm512_add_epi32(r1, one);
        *ca = VADD(*ca, dot3_perm(w0, w1, w2, r0, r1, r2, pa, base, pw));
        if (pb) *cb = VADD(*cb, dot3_perm(w0, w1, w2, r0, r1, r2, pb, base, pw));
        return;
    }
#else
    taps_of(e, tt, &w0, &w1, &w2, &o);
#endif
    (void)pw;
    *ca = VADD(*ca, dot3_gather(w0, w1, w2, o, pa));
    if (pb) *cb = VADD(*cb, dot3_gather(w0, w1, w2, o, pb));
}
#endif

/*
 * x += relax · inv_col · Aᵀ p (then max(x, 0) when non_neg) for the voxel row pairs (k, Z-1-k),
 * k in [k0, k1) (k < Z - 1 - k, or the middle row alone): the two rows of a pair take their
 * terms from the same entries (row k's entry at t is row Z-1-k's at m and the other way round),
 * so each entry and weight triple is read once for two terms. Row pairs go in groups of
 * PAIR_GROUP, each group unit by unit into acc (the group's rows of a voxels-long scratch): one
 * view's weight table, detector rows and the group's accumulators stay in L1 while its entries
 * stream (voxel by voxel over all views, the tables of 61 views miss L1 at every gather:
 * measured 1.6x slower). Each voxel sums its views unit by unit (t, then m) whatever the split
 * into row pairs or groups, so the result does not depend on it.
 */
#define PAIR_GROUP 8
void FN(tk_pair_update)(const tk_geom *g, const float *restrict p, float *restrict x, const int *first, const int *second, int units,
                        const float *restrict inv_col, float relax, int non_neg, int k0, int k1, float *restrict acc) {
    int nx = g->nx, nz = g->nz, nv = nx * nz, pw = g->pw;
    if (k1 > (nz + 1) / 2) k1 = (nz + 1) / 2;
    for (int g0 = k0; g0 < k1; g0 += PAIR_GROUP) {
        int g1 = g0 + PAIR_GROUP < k1 ? g0 + PAIR_GROUP : k1;
        for (int ka = g0; ka < g1; ka++) {
            int kb = nz - 1 - ka;
            for (int i = 0; i < nx; i++) acc[(size_t)ka * nx + i] = acc[(size_t)kb * nx + i] = 0.f;
        }
        for (int u = 0; u < units; u++) {
            int t = first[u], m = second[u];
            const int *et = g->ent + (size_t)t * nv;
            const float *tt = g->tap + (size_t)t * TK_CODES * 3;
            const float *pt = p + (size_t)t * pw, *pm = m >= 0 ? p + (size_t)m * pw : NULL;
            for (int ka = g0; ka < g1; ka++) {
                int kb = nz - 1 - ka;
                int mid = ka == kb;
                float *aa = acc + (size_t)ka * nx, *ab = acc + (size_t)kb * nx;
                const int *ra = et + (size_t)ka * nx, *rb = et + (size_t)kb * nx;
                int i = 0;
#if TK_W > 0
                for (; i + TK_W <= nx; i += TK_W) {
                    vi ea = VLOADI(ra + i);
                    if (mid) {
                        vf sa = VZERO(), sm = VZERO();
                        pair_terms(ea, tt, pt, pm, pw, &sa, &sm);
                        vf ca = VADD(LD(aa + i), sa);
                        if (pm) ca = VADD(ca, sm);
                        ST(aa + i, ca);
                        continue;
                    }
                    vi eb = VLOADI(rb + i);
                    /* entry of row ka at t: row ka's term at t, row kb's term at m; entry of row kb at t: the other two */
                    vf ta = VZERO(), tb = VZERO(), ma = VZERO(), mb = VZERO();
                    pair_terms(ea, tt, pt, pm, pw, &ta, &mb);
                    pair_terms(eb, tt, pt, pm, pw, &tb, &ma);
                    ST(aa + i, VADD(VADD(LD(aa + i), ta), ma));
                    ST(ab + i, VADD(VADD(LD(ab + i), tb), mb));
                }
#endif
                for (; i < nx; i++) {
                    int ea = ra[i];
                    const float *wa = TAPS(tt, ea);
                    if (mid) {
                        float s = dot3s(wa, BIN(ea), pt);
                        float ca = aa[i] + s;
                        if (pm) ca += dot3s(wa, BIN(ea), pm);
                        aa[i] = ca;
                        continue;
                    }
                    int eb = rb[i];
                    const float *wb = TAPS(tt, eb);
                    float ta = dot3s(wa, BIN(ea), pt), tb = dot3s(wb, BIN(eb), pt);
                    float ma = pm ? dot3s(wb, BIN(eb), pm) : 0.f, mb = pm ? dot3s(wa, BIN(ea), pm) : 0.f;
                    aa[i] = (aa[i] + ta) + ma;
                    ab[i] = (ab[i] + tb) + mb;
                }
            }
        }
        for (int ka = g0; ka < g1; ka++) {
            int kb = nz - 1 - ka;
            for (int r = 0; r < (ka == kb ? 1 : 2); r++) {
                size_t v0 = (size_t)(r == 0 ? ka : kb) * nx;
                for (int i = 0; i < nx; i++) {
                    float v = x[v0 + i] + relax * inv_col[v0 + i] * acc[v0 + i];
                    x[v0 + i] = non_neg && !(v > 0.f) ? 0.f : v;
                }
            }
        }
    }
}
