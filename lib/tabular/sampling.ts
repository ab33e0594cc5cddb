/**
 * Sampling on a {@link TabularMdp}: one step, a start state, a whole episode under a policy.
 *
 * Sampled rewards: when the MDP has `outcomeRewards` (gridworlds do), a step pays the reward of the sampled
 * outcome; otherwise it pays the expected reward r(s, a) (the only reward the MDP stores). Either way the mean
 * return of sampled episodes equals the exact value from `evaluatePolicy`.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";
import {
  checkOptions,
  outcomeIndex,
  resolveGamma,
  resolvePolicy,
  sampledReward,
  startIndex,
  type TabularPolicy,
} from "./_common.ts";
import { checkMdp, type TabularMdp } from "./mdp.ts";

/** One sampled transition. */
export interface StepOutcome {
  /** Next state, −1 = the episode terminated. */
  next: number;
  /** Reward paid (see the module doc). */
  reward: number;
}

/**
 * Sample one transition from (s, a).
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { fromDense } from "./mdp.ts";
 * import { sampleStep } from "./sampling.ts";
 * const mdp = fromDense([[[0.5, 0.5]], [[0, 1]]], [[0], [1]], { horizon: 5 });
 * const { next, reward } = sampleStep(mdp, 0, 0, new Rng(1)); // next is 0 or 1, reward 0
 * ```
 */
export function sampleStep(mdp: TabularMdp, s: number, a: number, rng: Seed): StepOutcome {
  checkMdp("mdp", mdp);
  checkInteger("s", s, { min: 0, max: mdp.numStates - 1 });
  checkInteger("a", a, { min: 0, max: mdp.numActions - 1 });
  const r = toRng(rng);
  const i = s * mdp.numActions + a;
  const k = outcomeIndex(mdp, i, r.uniform());
  return { next: mdp.next[k], reward: sampledReward(mdp, i, k) };
}

/**
 * Sample a start state from the MDP's start distribution (no draw is used when it has a single start state).
 *
 * @example
 * ```ts
 * import { fromDense } from "./mdp.ts";
 * import { sampleInitialState } from "./sampling.ts";
 * const mdp = fromDense([[[1, 0]], [[0, 1]]], [[0], [0]], { horizon: 1, initialDistribution: [0.5, 0.5] });
 * sampleInitialState(mdp, 3); // 0 or 1
 * ```
 */
export function sampleInitialState(mdp: TabularMdp, rng: Seed): number {
  checkMdp("mdp", mdp);
  const r = toRng(rng);
  return mdp.initialState >= 0 ? mdp.initialState : startIndex(mdp, r.uniform());
}

/** Options of {@link rollout}. */
export interface RolloutOptions {
  /** Discount applied to the return; default the MDP's `gamma`. */
  gamma?: number;
}

/**
 * Sample one episode of at most T steps under a policy (deterministic or stochastic, stationary or time-indexed;
 * see `evaluatePolicy`) and return its return Σ_t γ^t r_t.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "./mdp.ts";
 * import { rollout } from "./sampling.ts";
 * const mdp = fromDeterministic({
 *   transitions: [0, -1], rewards: [1, 2], numStates: 1, numActions: 2, horizon: 3,
 * });
 * rollout(mdp, new Int32Array([0]), 0); // 3
 * ```
 */
export function rollout(mdp: TabularMdp, policy: TabularPolicy, rng: Seed, opts?: RolloutOptions): number {
  checkMdp("mdp", mdp);
  const view = resolvePolicy(mdp, policy);
  const gamma = resolveGamma(checkOptions("opts", opts).gamma, mdp);
  const r = toRng(rng);
  const { numActions: A, horizon: T } = mdp;
  let s = mdp.initialState >= 0 ? mdp.initialState : startIndex(mdp, r.uniform());
  let total = 0;
  let discount = 1;
  for (let t = 0; t < T && s >= 0; t++) {
    let a: number;
    if (view.stochastic) {
      const off = t * view.stride + s * A;
      let u = r.uniform();
      a = A - 1;
      for (let b = 0; b < A; b++) {
        u -= view.probs[off + b];
        if (u < 0) {
          a = b;
          break;
        }
      }
      while (a > 0 && view.probs[off + a] === 0) a--; // rounding at the top of the CDF
    } else {
      a = view.actions[t * view.stride + s];
    }
    const i = s * A + a;
    const k = outcomeIndex(mdp, i, r.uniform());
    total += discount * sampledReward(mdp, i, k);
    discount *= gamma;
    s = mdp.next[k];
  }
  return total;
}
