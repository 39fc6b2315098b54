#!/usr/bin/python3
"""scikit-image SART on Trident's exact-strip-integral uniform disc (issue 12 yardstick).

Data: written by the test helper org.trident.recon.DiscPhantom (main DIR):
sinogram.npy (tilts x N), angles.npy (degrees), truth.npy (N x N), sirt50-*.npy.
Run with Debian's python3-skimage:  /usr/bin/python3 skimage_sart_disc.py DIR
Prints high-pass texture (RMS of x minus its 3x3 box mean within 0.6 R of the centre, the
same definition as DiscPhantom.texture) and RMSE to the truth for several SART settings.
The disc is centred in an odd-sized slice, so skimage's rotation centre (N // 2) and
orientation conventions coincide with Trident's for these data.
"""
import sys
import numpy as np
import skimage
from skimage.transform import iradon_sart

R = 40.0


def texture(s):
    n = s.shape[0]
    c = (n - 1) / 2.0
    acc = []
    for k in range(1, n - 1):
        for i in range(1, n - 1):
            x, z = i - c, k - c
            if x * x + z * z > 0.36 * R * R:
                continue
            m = s[k - 1:k + 2, i - 1:i + 2].mean()
            acc.append(s[k, i] - m)
    return float(np.sqrt(np.mean(np.square(acc))))


def main(d):
    sino = np.load(f"{d}/sinogram.npy").astype(np.float64)   # tilts x N
    ang = np.load(f"{d}/angles.npy").astype(np.float64)
    truth = np.load(f"{d}/truth.npy").astype(np.float64)
    print(f"scikit-image {skimage.__version__}, {len(ang)} tilts {ang.min():.0f}..{ang.max():.0f} deg, N = {sino.shape[1]}")
    for name in ("strip-area", "linear"):
        s = np.load(f"{d}/sirt50-{name}.npy")
        print(f"trident SIRT 50 {name:10s}: texture {texture(s):.5f}  RMSE {np.sqrt(np.mean((s - truth) ** 2)):.5f}")
    radon = sino.T.copy()   # skimage: detector x angles
    for clip in (None, (0, None)):
        rec = None
        for it in range(1, 51):
            rec = iradon_sart(radon, theta=ang, image=rec, clip=clip)
            if it in (1, 2, 3, 5, 10, 20, 50):
                e = np.sqrt(np.mean((rec - truth) ** 2))
                print(f"skimage SART {it:2d} it, clip {str(clip):9s}: texture {texture(rec):.5f}  RMSE {e:.5f}")


if __name__ == "__main__":
    main(sys.argv[1])
