/**
 * Side-by-side timing of lib/core's FFT and RNG against numpy (Debian's /usr/bin/python3): complex FFT of 2^14
 * points and 1e6 standard normals. `deno run -A bench/peers/fft.ts` prints a table; `compare()` returns the rows.
 *
 * @module
 */
import { fft } from "../../lib/core/fft.ts";
import { Rng } from "../../lib/core/rng.ts";
import type { PeerRow } from "./types.ts";
import { runPython } from "./_common.ts";

// scipy.fft is timed too when installed: numpy 1.24's pocketfft is unusually slow on 2^14 (≈1.2 ms against
// ≈0.08 ms for n = 10000 on the dev machine), so scipy gives the fairer compiled baseline for that size.
const NUMPY_CODE = `
import json, timeit
import numpy as np
def best(f, number):
    f()
    return min(timeit.repeat(f, number=number, repeat=5)) / number
rng = np.random.default_rng(0)
x = rng.standard_normal(2 ** 14) + 1j * rng.standard_normal(2 ** 14)
y = rng.standard_normal(10000) + 1j * rng.standard_normal(10000)
out = {
    "numpy_fft_16384": 1 / best(lambda: np.fft.fft(x), 100),
    "numpy_fft_10000": 1 / best(lambda: np.fft.fft(y), 100),
    "numpy_normals": 1e6 / best(lambda: rng.standard_normal(1_000_000), 5),
}
try:
    import scipy.fft
    out["scipy_fft_16384"] = 1 / best(lambda: scipy.fft.fft(x), 100)
except ImportError:
    pass
print(json.dumps(out))
`;

type PeerRates = Record<string, number>;

/** Best-of-`repeats` seconds per call of `fn`, each sample timing `inner` calls. */
function bestSeconds(fn: () => void, inner: number, repeats = 5): number {
  for (let i = 0; i < inner; i++) fn(); // warm up the JIT
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    best = Math.min(best, (performance.now() - t0) / 1000 / inner);
  }
  return best;
}

async function numpyRates(): Promise<PeerRates | string> {
  const out = await runPython(["-c", NUMPY_CODE]);
  return typeof out === "string" ? `numpy run failed: ${out}` : out as unknown as PeerRates;
}

/**
 * Time our FFT (complex, forward; 2^14 and 10000 points) and RNG (1e6 normals) against numpy (and scipy.fft when
 * installed). Returns `[]` (and logs why) when /usr/bin/python3 or numpy is missing.
 *
 * @example
 * ```ts
 * import { compare } from "./fft.ts";
 * console.table(await compare());
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const peer = await numpyRates();
  if (typeof peer === "string") {
    console.error(`bench/peers/fft.ts: skipping numpy comparison (${peer})`);
    return [];
  }
  const rng = new Rng(0);
  const opsPerSecond = (n: number): number => {
    const re = rng.fillNormal(new Float64Array(n));
    const im = rng.fillNormal(new Float64Array(n));
    const out = { re: new Float64Array(n), im: new Float64Array(n) };
    return 1 / bestSeconds(() => fft(re, im, out), 100);
  };
  const fft16k = opsPerSecond(2 ** 14);
  const fft10k = opsPerSecond(10_000);
  const normals = new Float64Array(1_000_000);
  const normalsPerS = 1e6 / bestSeconds(() => rng.fillNormal(normals), 5);
  const rows: Omit<PeerRow, "ratio">[] = [
    { name: "fft complex 2^14 vs numpy.fft.fft", ours: fft16k, peer: peer.numpy_fft_16384, unit: "ops/s" },
  ];
  if (peer.scipy_fft_16384 !== undefined) {
    rows.push({
      name: "fft complex 2^14 vs scipy.fft.fft",
      ours: fft16k,
      peer: peer.scipy_fft_16384,
      unit: "ops/s",
    });
  }
  rows.push(
    {
      name: "fft complex 10000 (Bluestein) vs numpy.fft.fft",
      ours: fft10k,
      peer: peer.numpy_fft_10000,
      unit: "ops/s",
    },
    {
      name: "1e6 standard normals vs numpy default_rng",
      ours: normalsPerS,
      peer: peer.numpy_normals,
      unit: "normals/s",
    },
  );
  return rows.map((row) => ({ ...row, ratio: row.ours / row.peer }));
}

if (import.meta.main) console.table(await compare());
