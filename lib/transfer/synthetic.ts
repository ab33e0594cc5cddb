/**
 * Synthetic transfer matrices in MBTL's "ideal" setting (the official repository names data sets `ideal` and
 * `ideal_n1`..`ideal_n10`; their CSVs are not in it, so this is our construction from the paper's model):
 * J(π_x, y) = f(x) − θ·|x − y| (the linear generalisation gap) plus optional Gaussian noise, clipped at 0, with
 * a training-performance curve f that is constant, or a smooth random function drawn from a GP.
 *
 * @module
 */
import { checkInRange, checkInteger, checkOneOf } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";
import { sampleGpPrior } from "../bo/mod.ts";
import type { TransferMatrix } from "./matrix.ts";

/** Options of {@link syntheticTransferMatrix}. */
export interface SyntheticOptions {
  /** Number of contexts (evenly spaced on [0, 1]); default 50. */
  n?: number;
  /** Generalisation-gap slope θ per unit of context (the full range is 1); default 0.5. */
  slope?: number;
  /** Standard deviation of i.i.d. Gaussian noise on every entry; default 0. */
  noise?: number;
  /** Training performance f(x): `"constant"` (1 everywhere) or `"smooth"` (a GP draw mapped into [0.6, 1]). */
  shape?: "constant" | "smooth";
  /** Seed or stream; default 0. */
  rng?: Seed;
}

/**
 * A synthetic transfer matrix with a linear generalisation gap.
 *
 * @example
 * ```ts
 * import { syntheticTransferMatrix } from "./synthetic.ts";
 * const m = syntheticTransferMatrix({ n: 5, slope: 1 });
 * m.values[0]; // [1, 0.75, 0.5, 0.25, 0]
 * ```
 */
export function syntheticTransferMatrix(opts: SyntheticOptions = {}): TransferMatrix {
  const n = checkInteger("n", opts.n ?? 50, { min: 2 });
  const slope = checkInRange("slope", opts.slope ?? 0.5, { min: 0 });
  const noise = checkInRange("noise", opts.noise ?? 0, { min: 0 });
  const shape = checkOneOf("shape", opts.shape ?? "constant", ["constant", "smooth"] as const);
  const rng = toRng(opts.rng ?? 0);
  const contexts = Array.from({ length: n }, (_, i) => i / (n - 1));
  let f = new Array<number>(n).fill(1);
  if (shape === "smooth") {
    const draw = sampleGpPrior(contexts, { amplitude: 1, lengthscales: [0.2], noise: 1e-8 }, {
      rng: rng.split(),
    });
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of draw) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    f = Array.from(draw, (v) => 0.6 + (0.4 * (v - lo)) / Math.max(hi - lo, 1e-12));
  }
  const values = contexts.map((x, i) =>
    contexts.map((y) => Math.max(0, f[i] - slope * Math.abs(x - y) + (noise > 0 ? noise * rng.normal() : 0)))
  );
  return { contexts, values };
}
