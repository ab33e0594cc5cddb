/**
 * Source-task selection baselines of MBTL's comparison (Cho et al. 2024, baselines of the experiments; the
 * official `collect_result.py` and `utils.py`): random order, equidistant ("coarse-to-fine"), greedy bisection ("pseudo-greedy") and the
 * sequential oracle. Each returns the ordered source indices; {@link generalizedPerformance} scores them.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";
import { checkTransferMatrix, generalizedPerformance, type TransferMatrix } from "./matrix.ts";

function checkBudget(n: number, budget: number | undefined): number {
  return checkInteger("budget", budget ?? n, { min: 1, max: n });
}

/** Index of the context nearest to a position `p` in index units, skipping `taken` (ties: lower index). */
function nearestFree(p: number, n: number, taken: Set<number>): number {
  let best = -1;
  let dist = Infinity;
  for (let i = 0; i < n; i++) {
    if (taken.has(i)) continue;
    const d = Math.abs(i - p);
    if (d < dist - 1e-12) {
      dist = d;
      best = i;
    }
  }
  return best;
}

/**
 * A uniformly random order of `budget` distinct sources.
 *
 * @example
 * ```ts
 * import { randomSelection } from "./baselines.ts";
 * randomSelection(10, { budget: 3, rng: 1 }).length; // 3
 * ```
 */
export function randomSelection(n: number, opts: { budget?: number; rng?: Seed } = {}): number[] {
  checkInteger("n", n, { min: 1 });
  const budget = checkBudget(n, opts.budget);
  const rng = toRng(opts.rng ?? 0);
  return rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, budget);
}

/**
 * Equidistant sources for a budget k: the midpoints of k equal segments of the context range,
 * x_i = x_min + (2i + 1)/(2k)·(x_max − x_min) (i = 0..k−1), each snapped to the nearest unused context. Unlike a sequential
 * strategy, the set changes with k; {@link equidistantCurve} scores every budget.
 *
 * @example
 * ```ts
 * import { equidistantSources } from "./baselines.ts";
 * equidistantSources(9, 3); // [1, 4, 7]
 * ```
 */
export function equidistantSources(n: number, k: number): number[] {
  checkInteger("n", n, { min: 1 });
  checkInteger("k", k, { min: 1, max: n });
  const taken = new Set<number>();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const s = nearestFree(((2 * i + 1) / (2 * k)) * (n - 1), n, taken);
    taken.add(s);
    out.push(s);
  }
  return out;
}

/**
 * Generalised performance of the equidistant strategy at every budget 1..`budget` (each budget its own set).
 *
 * @example
 * ```ts
 * import { equidistantCurve } from "./baselines.ts";
 * import { syntheticTransferMatrix } from "./synthetic.ts";
 * equidistantCurve(syntheticTransferMatrix({ n: 9 }), 3).length; // 3
 * ```
 */
export function equidistantCurve(m: TransferMatrix, budget?: number): number[] {
  checkTransferMatrix(m);
  const n = m.contexts.length;
  const b = checkBudget(n, budget);
  return Array.from({ length: b }, (_, k) => {
    const perf = generalizedPerformance(m, equidistantSources(n, k + 1));
    return perf[perf.length - 1];
  });
}

/**
 * Greedy bisection ("pseudo-greedy" of the official code): first the middle context, then repeatedly the middle
 * of the largest gap between chosen sources and the range ends, where a gap touching an end is split at its
 * third nearest the chosen source (so ends are not wasted on).
 *
 * @example
 * ```ts
 * import { greedyBisection } from "./baselines.ts";
 * greedyBisection(10, { budget: 3 }); // [4, 7, 1]
 * ```
 */
export function greedyBisection(n: number, opts: { budget?: number } = {}): number[] {
  checkInteger("n", n, { min: 1 });
  const budget = checkBudget(n, opts.budget);
  const taken = new Set<number>();
  const out: number[] = [];
  const cuts = [0, n - 1];
  for (let k = 0; k < budget; k++) {
    let target: number;
    if (k === 0) {
      target = (n - 1) / 2;
    } else {
      let g = 0;
      for (let i = 1; i < cuts.length - 1; i++) if (cuts[i + 1] - cuts[i] > cuts[g + 1] - cuts[g]) g = i;
      const [lo, hi] = [cuts[g], cuts[g + 1]];
      target = g === 0 ? (2 * lo + hi) / 3 : g === cuts.length - 2 ? (lo + 2 * hi) / 3 : (lo + hi) / 2;
    }
    const s = nearestFree(target, n, taken);
    taken.add(s);
    out.push(s);
    cuts.push(s);
    cuts.sort((a, b) => a - b);
  }
  return out;
}

/**
 * Sequential oracle: with the true matrix, greedily add the source that maximises the generalised performance
 * (first: the best row mean). An upper reference for any sequential strategy.
 *
 * @example
 * ```ts
 * import { sequentialOracle } from "./baselines.ts";
 * sequentialOracle({ contexts: [0, 1, 2], values: [[1, 0.5, 0], [0.5, 1, 0.5], [0, 0.5, 1]] }, { budget: 1 }); // [1]
 * ```
 */
export function sequentialOracle(m: TransferMatrix, opts: { budget?: number } = {}): number[] {
  checkTransferMatrix(m);
  const n = m.contexts.length;
  const budget = checkBudget(n, opts.budget);
  const best = new Float64Array(n).fill(-Infinity);
  const taken = new Set<number>();
  const out: number[] = [];
  for (let k = 0; k < budget; k++) {
    let arg = -1;
    let val = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken.has(i)) continue;
      let total = 0;
      for (let j = 0; j < n; j++) total += Math.max(best[j], m.values[i][j]);
      if (total > val + 1e-12) {
        val = total;
        arg = i;
      }
    }
    taken.add(arg);
    out.push(arg);
    for (let j = 0; j < n; j++) best[j] = Math.max(best[j], m.values[arg][j]);
  }
  return out;
}
