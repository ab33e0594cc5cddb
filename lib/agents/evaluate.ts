/**
 * Policy evaluation on a vectorised environment: mean undiscounted return over a fixed number of episodes.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import { checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { Rng } from "../core/rng.ts";
import { mean, std } from "../core/stats.ts";
import { act, type Policy } from "./policy.ts";

/** Options of {@link evaluatePolicy}. */
export interface EvaluateOptions {
  /** Number of episodes (default 10). */
  episodes?: number;
  /** Seed of the environment resets and of sampled actions (default 0). */
  seed?: number;
  /** Act with the mode of the policy (default true). */
  deterministic?: boolean;
  /** Stop after this many batched steps even if episodes are unfinished (default 100 000). */
  maxSteps?: number;
}

/** What {@link evaluatePolicy} returns. */
export interface Evaluation {
  /** Mean undiscounted return. */
  mean: number;
  /** Standard deviation (n − 1) of the returns (0 for one episode). */
  std: number;
  /** Each episode's return, in the order copies finished them (first `episodes` finished episodes). */
  returns: number[];
  /** Each episode's length. */
  lengths: number[];
}

/**
 * Run `episodes` full episodes of `policy` in `env` (reset with `seed`) and report their returns. Episodes are
 * taken as copies finish them; every copy starts at a reset, so no episode is cut short by the evaluation itself.
 * Only the first episode of each copy counts when `episodes ≤ numEnvs`, which avoids favouring short episodes.
 *
 * @example
 * ```ts
 * import { evaluatePolicy } from "./evaluate.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * // const { mean } = evaluatePolicy(makeEnv("CartPole-v1", { numEnvs: 10 }), result.policy, { episodes: 10 });
 * ```
 */
export function evaluatePolicy(env: VecEnv, policy: Policy, opts: EvaluateOptions = {}): Evaluation {
  const episodes = checkInteger("episodes", opts.episodes ?? 10, { min: 1 });
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const maxSteps = checkInteger("maxSteps", opts.maxSteps ?? 100_000, { min: 1 });
  const deterministic = opts.deterministic ?? true;
  checkVecEnv("env", env);
  const d = obsDim(env.observationSpace);
  if (d !== policy.obsSize) {
    throw new RangeError(`policy expects observations of size ${policy.obsSize}, env gives ${d}`);
  }
  const rng = new Rng(seed).split();
  const n = env.numEnvs;
  const perCopy = Math.ceil(episodes / n);
  const counts = new Int32Array(n);
  const tracker = episodeTracker(n);
  const returns: number[] = [];
  const lengths: number[] = [];
  let obs = env.reset(seed);
  for (let t = 0; t < maxSteps && returns.length < episodes; t++) {
    const actions = act(policy, obs, n, { rng, deterministic });
    const result = env.step(actions);
    obs = result.observations;
    for (const ep of tracker.record(result)) {
      if (counts[ep.env] < perCopy && returns.length < episodes) {
        counts[ep.env]++;
        returns.push(ep.return);
        lengths.push(ep.length);
      }
    }
  }
  if (returns.length === 0) {
    throw new RangeError(`no episode finished within maxSteps = ${maxSteps} batched steps`);
  }
  return { mean: mean(returns), std: returns.length > 1 ? std(returns) : 0, returns, lengths };
}
