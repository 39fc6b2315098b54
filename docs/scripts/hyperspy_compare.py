"""Power-law background and Pearson L3/L2 of real Mn L2,3 spectra with HyperSpy 1.7 (Debian
python3-hyperspy), for Trident's cross-check (src/test/resources/quant/hyperspy-comparison.json).
Run: /usr/bin/python3 docs/scripts/hyperspy_compare.py ../shared/data > src/test/resources/quant/hyperspy-comparison.json"""
import json, sys
import numpy as np
import hyperspy.api as hs

data = sys.argv[1]
cases = [("eels_mn_o_coreloss_lowloss_hyperspy/coreloss_spectrum.msa", "Mn", (600.0, 632.0))]
cases += [("eels_linescan_lsmo_sto_hyperspy_demos/LSMO_STO_linescan.csv#%d" % row, "Mn", (600.0, 632.0)) for row in (8, 9)]


def load(path):
    if "#" not in path:
        return hs.load(data + "/" + path, signal_type="EELS")
    f, row = path.split("#")
    ax = json.load(open(data + "/" + f.replace(".csv", ".axes.json")))["axes"][-1]
    arr = np.loadtxt(data + "/" + f, delimiter=",", comments="#")[int(row)]
    s = hs.signals.EELSSpectrum(arr)
    s.axes_manager[-1].offset = ax["offset"]
    s.axes_manager[-1].scale = ax["scale"]
    s.axes_manager[-1].units = "eV"
    return s

out = {"tool": "HyperSpy " + hs.__version__, "method": "remove_background(PowerLaw, fast=False) on the pre-edge window; "
       "Pearson double step (2/3 at L3 max, 1/3 at L2 max, height = mean of the background-subtracted post-edge window) in numpy",
       "cases": []}
for path, el, pre in cases:
    s = load(path)
    ax = s.axes_manager[-1]
    e = ax.axis
    bs = s.remove_background(signal_range=pre, background_type="PowerLaw", fast=False, show_progressbar=False)
    y = bs.data.astype(float)
    bg = s.data.astype(float) - y
    # the fitted power law, read back from the background HyperSpy removed: r from two energies
    ia, ib = np.argmin(abs(e - 640.0)), np.argmin(abs(e - 700.0))
    r = float(-np.log(bg[ib] / bg[ia]) / np.log(e[ib] / e[ia])); A = float(bg[ia] * e[ia] ** r)
    def win(a, b):
        return (e >= a) & (e < b)
    i3 = np.argmax(np.where(win(635, 656), y, -np.inf)); e3 = float(e[i3])
    i2 = np.argmax(np.where(win(e3 + 7, e3 + 15), y, -np.inf)); e2 = float(e[i2])
    mid = 0.5 * (e3 + e2)
    post = (e2 + 10, e2 + 40)
    h = float(y[win(*post)].mean())
    step = 2.0 / 3 * (e >= e3) + 1.0 / 3 * (e >= e2)
    net = y - h * step
    l3 = float(net[win(e3 - 6, mid)].sum()); l2 = float(net[win(mid, e2 + 6)].sum())
    l23 = float(y[win(e3 - 8, e2 + 20)].sum())
    out["cases"].append({"file": path, "element": el, "preEdgeEv": list(pre), "r": r, "A": A,
                         "backgroundAt": {str(x): float(bg[np.argmin(abs(e - x))]) for x in (640.0, 660.0, 700.0)},
                         "l3PeakEv": e3, "l2PeakEv": e2, "l3": l3, "l2": l2, "l3l2": l3 / l2, "l23": l23})
print(json.dumps(out, indent=1))
