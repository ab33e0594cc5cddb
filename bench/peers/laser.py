"""numpy peer of lib/laser: the same physics chain and env step, vectorised over copies.

`python3 laser.py bench [copies]` prints {"steps_per_s": ...} for random increments with `copies` copies;
`python3 laser.py check` prints FWHM (ps) and peak ratio at three normalised controls (tests/laser uses them).
"""
import json
import sys
import time

import numpy as np

try:  # scipy's pocketfft build is much faster than numpy 1.24's on these sizes; same results
    import scipy.fft as fftlib
except ImportError:  # pragma: no cover
    fftlib = np.fft

C = 299792458.0
LAMBDA0 = 1030e-9
N, DF, PAD, PASSES, B = 2048, 0.6e9, 4, 50, 2.0
COMPRESSOR = np.array([-267.422e-24, 2.384e-36, -9.54893e-50])
LOWER = np.array([2.3522e-22, -1.003635e-34, 4.774465e-50])
UPPER = np.array([2.99624e-22, 9.55955e-35, 1.4323395e-49])


def width_hz(nm):
    return C * nm * 1e-9 / LAMBDA0**2


def build():
    f = np.fft.fftfreq(N, 1 / (N * DF))
    w = 2 * np.pi * f
    seed = np.exp(-2 * np.log(2) * (f / width_hz(1.23)) ** 2)
    gain = np.exp(-4 * np.log(2) * (f / width_hz(11.74)) ** 2)
    amp = seed * gain ** (PASSES / 2)
    mono = np.stack([w**2 / 2, w**3 / 6, w**4 / 24])  # (3, N)
    comp = np.exp(1j * (COMPRESSOR @ mono))
    return amp, mono, comp


AMP, MONO, COMP = build()
DT = 1 / (N * PAD * DF)


def output(controls_si, b=B):
    """Intensity (copies, N*PAD), centred, for SI controls (copies, 3)."""
    phase = controls_si @ MONO
    e1 = fftlib.ifft(AMP * np.exp(1j * phase), axis=1)
    i1 = np.abs(e1) ** 2
    e2 = e1 * np.exp(1j * b * i1 / i1.max(axis=1, keepdims=True))
    e3 = fftlib.fft(e2, axis=1) * COMP
    padded = np.zeros((e3.shape[0], N * PAD), complex)
    h = N // 2
    padded[:, :h] = e3[:, :h]
    padded[:, -h:] = e3[:, h:]
    return np.fft.fftshift(np.abs(fftlib.ifft(padded, axis=1)) ** 2, axes=1)


def fwhm(i):
    """Outermost half-maximum crossings, linear interpolation, per row (s)."""
    m = i.max(axis=1)
    above = i >= (m / 2)[:, None]
    first = above.argmax(axis=1)
    last = i.shape[1] - 1 - above[:, ::-1].argmax(axis=1)
    r = np.arange(i.shape[0])
    h = m / 2
    left = first - 1 + (h - i[r, first - 1]) / (i[r, first] - i[r, first - 1])
    right = last + (i[r, last] - h) / (i[r, last] - i[r, last + 1])
    return (right - left) * DT


TL_PEAK = output(np.zeros((1, 3)) - COMPRESSOR, b=0.0).max()


def step(psi, actions):
    """One env step (LaserEnv_v2 reward) for all copies; returns new psi, rewards, terminated."""
    psi = np.clip(psi + 0.1 * np.clip(actions, -1, 1), 0, 1)
    intensity = output(LOWER + psi * (UPPER - LOWER))
    x = intensity.max(axis=1) / TL_PEAK
    fw = fwhm(intensity) * 1e12
    bonus = np.where(x >= 1, 7.0, np.minimum(0.1 / np.maximum(1 - x, 1e-300) - 0.1, 7.0))
    reward = 0.04 + bonus - 0.1 * fw
    term = fw >= 20
    return psi, reward - 20 * term, term


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "bench"
    if mode == "check":
        psi = np.array([[0.5, 0.5, 0.5], [0, 0, 0], [1, 1, 1]])
        i = output(LOWER + psi * (UPPER - LOWER))
        print(json.dumps({"fwhm_ps": (fwhm(i) * 1e12).tolist(), "peak_ratio": (i.max(axis=1) / TL_PEAK).tolist()}))
        return
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    rng = np.random.default_rng(0)
    psi = np.clip(0.5 + np.sqrt(0.1) * rng.standard_normal((copies, 3)), 0, 1)
    best = 0.0
    for _ in range(3):
        t0 = time.perf_counter()
        n = 0
        while time.perf_counter() - t0 < 1.0:
            psi, _, term = step(psi, rng.uniform(-1, 1, (copies, 3)))
            reset = np.clip(0.5 + np.sqrt(0.1) * rng.standard_normal((copies, 3)), 0, 1)
            psi = np.where(term[:, None], reset, psi)
            n += 1
        best = max(best, n * copies / (time.perf_counter() - t0))
    print(json.dumps({"steps_per_s": best, "fft": fftlib.__name__}))


if __name__ == "__main__":
    main()
