/**
 * Running mean and variance over batches (Chan et al.'s parallel update, initial count 1e-4, as Gymnasium's
 * `RunningMeanStd`), and the observation / reward normalisers CleanRL's continuous PPO wraps its env with
 * (`NormalizeObservation`, `NormalizeReward`, both clipped to ±10).
 *
 * @module
 */
import { checkInteger, checkLength, checkPositive } from "../core/errors.ts";

/** Running per-dimension mean and (population) variance. */
export interface RunningMeanStd {
  /** Per-dimension mean. */
  readonly mean: Float64Array;
  /** Per-dimension population variance. */
  readonly var: Float64Array;
  /** Number of samples folded in (starts at 1e-4). */
  count: number;
}

/**
 * Fresh statistics of `size` dimensions: mean 0, variance 1, count 1e-4.
 *
 * @example
 * ```ts
 * import { runningMeanStd, updateRunningMeanStd } from "./running_stats.ts";
 * const rms = runningMeanStd(1);
 * updateRunningMeanStd(rms, new Float32Array([1, 3]), 2);
 * rms.mean[0]; // ≈ 2
 * ```
 */
export function runningMeanStd(size: number): RunningMeanStd {
  checkInteger("size", size, { min: 1 });
  return { mean: new Float64Array(size), var: new Float64Array(size).fill(1), count: 1e-4 };
}

/**
 * Fold `batch` rows of `x` (row-major `batch × size`) into the statistics.
 *
 * @example
 * ```ts
 * import { runningMeanStd, updateRunningMeanStd } from "./running_stats.ts";
 * const rms = runningMeanStd(2);
 * updateRunningMeanStd(rms, new Float32Array([0, 10, 2, 10]), 2); // mean ≈ [1, 10], var ≈ [1, 0]
 * ```
 */
export function updateRunningMeanStd(rms: RunningMeanStd, x: ArrayLike<number>, batch: number): void {
  const d = rms.mean.length;
  checkInteger("batch", batch, { min: 1 });
  checkLength("x", x, batch * d);
  const total = rms.count + batch;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let b = 0; b < batch; b++) m += x[b * d + j];
    m /= batch;
    let v = 0;
    for (let b = 0; b < batch; b++) v += (x[b * d + j] - m) ** 2;
    v /= batch;
    const delta = m - rms.mean[j];
    const m2 = rms.var[j] * rms.count + v * batch + delta * delta * rms.count * batch / total;
    rms.mean[j] += delta * batch / total;
    rms.var[j] = m2 / total;
  }
  rms.count = total;
}

/**
 * Gymnasium's `NormalizeReward`: keeps a discounted return per copy, updates running statistics of it, and divides
 * rewards by its standard deviation (clipped to ±clip). The return restarts at episode ends.
 *
 * @example
 * ```ts
 * import { rewardNormalizer } from "./running_stats.ts";
 * const norm = rewardNormalizer(1, 0.99);
 * const scaled = norm.normalize(new Float64Array([1]), new Uint8Array([0]));
 * ```
 */
export function rewardNormalizer(numEnvs: number, gamma: number, clip = 10): {
  normalize(rewards: Float64Array, done: Uint8Array): Float64Array;
  readonly stats: RunningMeanStd;
} {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  checkPositive("clip", clip);
  const returns = new Float64Array(numEnvs);
  const stats = runningMeanStd(1);
  const out = new Float64Array(numEnvs);
  return {
    stats,
    normalize(rewards: Float64Array, done: Uint8Array): Float64Array {
      for (let i = 0; i < numEnvs; i++) returns[i] = returns[i] * gamma + rewards[i];
      updateRunningMeanStd(stats, returns, numEnvs);
      const scale = Math.sqrt(stats.var[0] + 1e-8);
      for (let i = 0; i < numEnvs; i++) {
        out[i] = Math.max(-clip, Math.min(clip, rewards[i] / scale));
        if (done[i]) returns[i] = 0;
      }
      return out;
    },
  };
}
