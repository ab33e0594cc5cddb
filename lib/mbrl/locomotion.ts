/**
 * The known termination rules of MuJoCo locomotion for model rollouts (MBPO's "static functions", which VaGraM's
 * code reuses): a rollout state is terminal when the observation says the robot fell, by the same health ranges as
 * Gymnasium's v4 tasks. The reward of these tasks depends on the x position, which the observation omits, so MBPO
 * learns it (`learnedReward`); only termination is given. Distractor dimensions appended after the task's own
 * observation are ignored.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import type { MbpoTask } from "./mbpo.ts";

/** Whether the first `n` entries of row `o` (stride `stride`) are finite. */
function finiteRow(obs: Float32Array, o: number, stride: number, n: number): boolean {
  for (let j = 0; j < n; j++) if (!Number.isFinite(obs[o * stride + j])) return false;
  return true;
}

/**
 * Hopper-v4 (observation qpos[1:] ++ clip(qvel, ±10), 11 values): terminal unless every entry is finite, every
 * entry after the height is within ±100, the height (obs[0]) is above 0.7 and the torso angle (obs[1]) within ±0.2.
 * `obsSize` is the row stride (11 plus any distractor dimensions).
 *
 * @example
 * ```ts
 * import { hopperTask } from "./locomotion.ts";
 * const row = new Float32Array(11);
 * row[0] = 1.25;
 * hopperTask().terminal!(row, 0); // false: standing
 * row[0] = 0.5;
 * hopperTask().terminal!(row, 0); // true: fallen
 * ```
 */
export function hopperTask(obsSize = 11): MbpoTask {
  checkInteger("obsSize", obsSize, { min: 11 });
  return {
    terminal(obs, o) {
      if (!finiteRow(obs, o, obsSize, 11)) return true;
      const b = o * obsSize;
      for (let j = 1; j < 11; j++) if (Math.abs(obs[b + j]) >= 100) return true;
      return !(obs[b] > 0.7 && Math.abs(obs[b + 1]) < 0.2);
    },
  };
}

/**
 * Walker2d-v4 (17 values): terminal unless finite with the height (obs[0]) in (0.8, 2.0) and the torso angle
 * (obs[1]) in (−1, 1).
 *
 * @example
 * ```ts
 * import { walker2dTask } from "./locomotion.ts";
 * const row = new Float32Array(17);
 * row[0] = 1.25;
 * walker2dTask().terminal!(row, 0); // false
 * ```
 */
export function walker2dTask(obsSize = 17): MbpoTask {
  checkInteger("obsSize", obsSize, { min: 17 });
  return {
    terminal(obs, o) {
      if (!finiteRow(obs, o, obsSize, 17)) return true;
      const b = o * obsSize;
      return !(obs[b] > 0.8 && obs[b] < 2 && obs[b + 1] > -1 && obs[b + 1] < 1);
    },
  };
}

/**
 * HalfCheetah-v4: never terminal (episodes end only by the time limit).
 *
 * @example
 * ```ts
 * import { halfCheetahTask } from "./locomotion.ts";
 * halfCheetahTask().terminal!(new Float32Array(17), 0); // false
 * ```
 */
export function halfCheetahTask(): MbpoTask {
  return { terminal: () => false };
}
