/**
 * Temporally correlated exploration noise for Box actions.
 *
 * @module
 */
import { checkInRange, checkInteger, checkPositive, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import type { Box } from "../core/spaces.ts";

/**
 * An Ornstein–Uhlenbeck action process, one per copy and action dimension: x ← x − theta·x + sigma·N(0, 1) each
 * call (one env step = one time unit, x starts at 0), clipped to [−1, 1] and mapped affinely onto the space's
 * bounds. Its stationary std is sigma/√(2·theta − theta²) and its correlation time about 1/theta steps, so with
 * theta 0.15 and sigma 0.5 the actions keep a sign for several steps: on MountainCarContinuous-v0 that swings the
 * car to the goal in most 999-step episodes, where uniform random actions almost never get there.
 * (rl-baselines3-zoo's TD3/DDPG MountainCarContinuous-v0 entries use OU noise of std 0.5; SB3's process has
 * dt = 0.01, i.e. much slower, here dt = 1.)
 *
 * @example
 * ```ts
 * import { ornsteinUhlenbeck } from "./noise.ts";
 * import { Box } from "../core/spaces.ts";
 * import { Rng } from "../core/rng.ts";
 * const noise = ornsteinUhlenbeck(new Box([-1], [1]), 2);
 * const rng = new Rng(0);
 * noise(rng).length; // 2 (copies × action size)
 * ```
 */
export function ornsteinUhlenbeck(
  space: Box,
  numEnvs: number,
  opts: { theta?: number; sigma?: number } = {},
): (rng: Rng) => Float32Array {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  const theta = checkInRange("theta", opts.theta ?? 0.15, { min: 0, max: 1 });
  const sigma = checkPositive("sigma", opts.sigma ?? 0.5);
  const a = space.size;
  if (!(a >= 1)) {
    throw new RangeError(`space must be a Box with at least one dimension, got ${describe(space)}`);
  }
  const x = new Float64Array(numEnvs * a);
  return (rng: Rng): Float32Array => {
    const out = new Float32Array(numEnvs * a);
    for (let k = 0; k < x.length; k++) {
      x[k] += -theta * x[k] + sigma * rng.normal();
      const j = k % a, u = Math.min(Math.max(x[k], -1), 1);
      out[k] = space.low[j] + ((u + 1) / 2) * (space.high[j] - space.low[j]);
    }
    return out;
  };
}
