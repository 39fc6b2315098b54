/*
 * JNI entry points of org.trident.recon.NativeKernels. The instruction set is chosen once, when
 * the library is loaded, from what the CPU reports (__builtin_cpu_supports); the arrays are used
 * in place (GetPrimitiveArrayCritical, no copy on HotSpot) for the length of one kernel call.
 */
#include <jni.h>
#include <stddef.h>
#include "kernels.h"

static tk_forward_fn k_forward;
static tk_back_fn k_back;
static tk_back_range_fn k_back_range;
static tk_pair_forward_fn k_pair_forward;
static tk_pair_update_fn k_pair_update;
static tk_gather_fn k_gather;
static tk_scatter_fn k_scatter;
static const char *k_name;

/* Uses the named instruction set when the CPU has it; returns whether it does. */
static int use(const char *name) {
    if (name[0] == 'a' && name[3] == '5') {
        if (!(__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl"))) return 0;
        k_forward = tk_forward_avx512; k_back = tk_back_avx512; k_back_range = tk_back_range_avx512;
        k_pair_forward = tk_pair_forward_avx512; k_pair_update = tk_pair_update_avx512;
        k_gather = tk_gather_avx512; k_scatter = tk_scatter_avx512; k_name = "avx512";
    } else if (name[0] == 'a' && name[3] == '2') {
        if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) return 0;
        k_forward = tk_forward_avx2; k_back = tk_back_avx2; k_back_range = tk_back_range_avx2;
        k_pair_forward = tk_pair_forward_avx2; k_pair_update = tk_pair_update_avx2;
        k_gather = tk_gather_avx2; k_scatter = tk_scatter_avx2; k_name = "avx2";
    } else {
        k_forward = tk_forward_sse2; k_back = tk_back_sse2; k_back_range = tk_back_range_sse2;
        k_pair_forward = tk_pair_forward_sse2; k_pair_update = tk_pair_update_sse2;
        k_gather = tk_gather_sse2; k_scatter = tk_scatter_sse2; k_name = "sse2";
    }
    return 1;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void)vm; (void)reserved;
    __builtin_cpu_init();
    if (!use("avx512") && !use("avx2")) use("sse2");
    return JNI_VERSION_1_8;
}

JNIEXPORT jboolean JNICALL Java_org_trident_recon_NativeKernels_useVariant0(JNIEnv *env, jclass cls, jstring name) {
    (void)cls;
    const char *n = (*env)->GetStringUTFChars(env, name, NULL);
    if (!n) return JNI_FALSE;
    int ok = (n[0] == 'a' && n[1] == 'v' && n[2] == 'x' && (n[3] == '5' || n[3] == '2')) || (n[0] == 's' && n[1] == 's' && n[2] == 'e')
            ? use(n) : 0;
    (*env)->ReleaseStringUTFChars(env, name, n);
    return ok ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jstring JNICALL Java_org_trident_recon_NativeKernels_variant(JNIEnv *env, jclass cls) {
    (void)cls;
    return (*env)->NewStringUTF(env, k_name);
}

JNIEXPORT jint JNICALL Java_org_trident_recon_NativeKernels_constants(JNIEnv *env, jclass cls) {
    (void)env; (void)cls;
    return TK_CODES * 1000 + TK_SIDE;
}

#define PIN(a) ((a) ? (*env)->GetPrimitiveArrayCritical(env, (a), NULL) : NULL)
#define UNPIN(a, ptr, mode) do { if (ptr) (*env)->ReleasePrimitiveArrayCritical(env, (a), (ptr), (mode)); } while (0)

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_forward(JNIEnv *env, jclass cls, jintArray ent, jfloatArray tap,
        jint nx, jint nz, jint pw, jfloatArray x, jfloatArray p, jint stride, jintArray views, jint from, jint to, jboolean tiled) {
    (void)cls;
    int *e = PIN(ent), *vw = PIN(views);
    float *t = PIN(tap), *xp = PIN(x), *pp = PIN(p);
    if (e && vw && t && xp && pp) {
        tk_geom g = {e, t, nx, nz, pw};
        k_forward(&g, xp, pp, stride, vw, from, to, tiled);
    }
    UNPIN(p, pp, 0);
    UNPIN(x, xp, JNI_ABORT);
    UNPIN(tap, t, JNI_ABORT);
    UNPIN(views, vw, JNI_ABORT);
    UNPIN(ent, e, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_back(JNIEnv *env, jclass cls, jintArray ent, jfloatArray tap,
        jint nx, jint nz, jint pw, jfloatArray p, jfloatArray out, jint stride, jintArray views, jint from, jint to,
        jfloatArray invCol, jfloat relax, jboolean nonNeg, jfloatArray mask, jint part, jint parts, jboolean update) {
    (void)cls;
    int *e = PIN(ent), *vw = PIN(views);
    float *t = PIN(tap), *pp = PIN(p), *op = PIN(out), *ic = PIN(invCol), *mk = PIN(mask);
    if (e && vw && t && pp && op && (ic || !update) && (mk || !mask)) {
        tk_geom g = {e, t, nx, nz, pw};
        k_back(&g, pp, op, stride, vw, from, to, ic, relax, nonNeg, mk, part, parts, update);
    }
    UNPIN(mask, mk, JNI_ABORT);
    UNPIN(invCol, ic, JNI_ABORT);
    UNPIN(out, op, 0);
    UNPIN(p, pp, JNI_ABORT);
    UNPIN(tap, t, JNI_ABORT);
    UNPIN(views, vw, JNI_ABORT);
    UNPIN(ent, e, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_backRange(JNIEnv *env, jclass cls, jintArray ent, jfloatArray tap,
        jint nx, jint nz, jint pw, jfloatArray p, jfloatArray out, jintArray views, jint from, jint to, jint v0, jint v1) {
    (void)cls;
    int *e = PIN(ent), *vw = PIN(views);
    float *t = PIN(tap), *pp = PIN(p), *op = PIN(out);
    if (e && vw && t && pp && op) {
        tk_geom g = {e, t, nx, nz, pw};
        k_back_range(&g, pp, op, vw, from, to, v0, v1);
    }
    UNPIN(out, op, 0);
    UNPIN(p, pp, JNI_ABORT);
    UNPIN(tap, t, JNI_ABORT);
    UNPIN(views, vw, JNI_ABORT);
    UNPIN(ent, e, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_pairForward(JNIEnv *env, jclass cls, jintArray ent, jfloatArray tap,
        jint nx, jint nz, jint pw, jint w, jfloatArray x, jfloatArray p, jfloatArray b, jfloatArray ir, jintArray first, jintArray second,
        jint u0, jint u1, jdoubleArray r2) {
    (void)cls;
    int *e = PIN(ent), *f = PIN(first), *s = PIN(second);
    float *t = PIN(tap), *xp = PIN(x), *pp = PIN(p), *bp = PIN(b), *ip = PIN(ir);
    double *rp = PIN(r2);
    if (e && f && s && t && xp && pp && bp && ip && rp) {
        tk_geom g = {e, t, nx, nz, pw};
        k_pair_forward(&g, xp, pp, bp, ip, f, s, u0, u1, w, rp);
    }
    UNPIN(r2, rp, 0);
    UNPIN(p, pp, 0);
    UNPIN(ir, ip, JNI_ABORT);
    UNPIN(b, bp, JNI_ABORT);
    UNPIN(x, xp, JNI_ABORT);
    UNPIN(tap, t, JNI_ABORT);
    UNPIN(second, s, JNI_ABORT);
    UNPIN(first, f, JNI_ABORT);
    UNPIN(ent, e, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_pairUpdate(JNIEnv *env, jclass cls, jintArray ent, jfloatArray tap,
        jint nx, jint nz, jint pw, jfloatArray p, jfloatArray x, jintArray first, jintArray second, jint units,
        jfloatArray invCol, jfloat relax, jboolean nonNeg, jint k0, jint k1, jfloatArray acc) {
    (void)cls;
    int *e = PIN(ent), *f = PIN(first), *s = PIN(second);
    float *t = PIN(tap), *pp = PIN(p), *xp = PIN(x), *ic = PIN(invCol), *ap = PIN(acc);
    if (e && f && s && t && pp && xp && ic && ap) {
        tk_geom g = {e, t, nx, nz, pw};
        k_pair_update(&g, pp, xp, f, s, units, ic, relax, nonNeg, k0, k1, ap);
    }
    UNPIN(acc, ap, 0);
    UNPIN(invCol, ic, JNI_ABORT);
    UNPIN(x, xp, 0);
    UNPIN(p, pp, JNI_ABORT);
    UNPIN(tap, t, JNI_ABORT);
    UNPIN(second, s, JNI_ABORT);
    UNPIN(first, f, JNI_ABORT);
    UNPIN(ent, e, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_gather0(JNIEnv *env, jclass cls, jfloatArray vol, jint nx, jint ny, jint nz,
        jint j0, jint lane0, jint count, jint stride, jfloatArray x, jboolean last) {
    (void)cls;
    float *v = PIN(vol), *xp = PIN(x);
    if (v && xp) k_gather(v, nx, ny, nz, j0 + lane0, count, stride, xp + lane0, last ? stride - lane0 : count);
    UNPIN(x, xp, 0);
    UNPIN(vol, v, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_org_trident_recon_NativeKernels_scatter0(JNIEnv *env, jclass cls, jfloatArray x, jint stride, jfloatArray vol,
        jint nx, jint ny, jint nz, jint j0, jint lane0, jint count, jdoubleArray change, jdoubleArray norm) {
    (void)cls;
    float *xp = PIN(x), *v = PIN(vol);
    double *c = PIN(change), *n = PIN(norm);
    if (xp && v && c && n) k_scatter(xp + lane0, stride, v, nx, ny, nz, j0 + lane0, count, c + j0 + lane0, n + j0 + lane0);
    UNPIN(norm, n, 0);
    UNPIN(change, c, 0);
    UNPIN(vol, v, 0);
    UNPIN(x, xp, JNI_ABORT);
}
