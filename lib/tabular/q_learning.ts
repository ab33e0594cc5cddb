/**
 * Tabular Q-learning (Watkins & Dayan 1992) on sampled episodes of a {@link TabularMdp}: the sampled counterpart
 * of value iteration, for learning curves that can be checked against the exact V*.
 *
 * Update after each step (s, a, r, s'):
 *   Q(s, a) ← Q(s, a) + α [r + γ max_{a'} Q(s', a') − Q(s, a)],
 * where the bracketed bootstrap term is 0 when s' is terminal (−1). Reaching the horizon T is a time limit
 * (Gymnasium's `truncated`), not termination, so the last step still bootstraps. Q is stationary (one table for
 * every t).
 *
 * @module
 */
import { checkFinite, checkFunction, checkInRange, checkInteger, describe } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";
import { checkOptions, outcomeIndex, resolveGamma, sampledReward, startIndex } from "./_common.ts";
import { checkMdp, type TabularMdp } from "./mdp.ts";

/** Hyperparameters of {@link qLearning} (plain data). */
export interface QLearningConfig {
  /** Number of episodes (each at most the MDP's horizon T steps). */
  episodes: number;
  /** Learning rate α in (0, 1]; default 0.1. */
  alpha?: number;
  /**
   * Step-size decay exponent ω in [0, 1]; default 0 (constant α). The n-th update of (s, a) uses α · n^(−ω), the
   * polynomial rate of Even-Dar & Mansour (2003); ω in (0.5, 1] meets the Robbins–Monro conditions, so Q-learning
   * converges in stochastic MDPs where a constant α keeps fluctuating.
   */
  alphaExponent?: number;
  /** Exploration rate ε in [0, 1] (uniform random action with probability ε, else greedy); default 0.1. */
  epsilon?: number;
  /** Discount γ in [0, 1] used in the update; default the MDP's `gamma` (1 unless set). */
  gamma?: number;
  /** Initial value of every Q(s, a); default 0. */
  initialQ?: number;
  /** If given, each episode row gets `success = return >= successReturn`. */
  successReturn?: number;
}

/** One logged episode. */
export interface QLearningEpisode {
  /** Episode index, from 0. */
  episode: number;
  /** Return Σ_t γ_mdp^t r_t under the MDP's own `gamma` (the objective `valueIteration` maximises). */
  return: number;
  /** Steps taken (≤ T; fewer when the episode terminated). */
  length: number;
  /** `return >= successReturn`, when `successReturn` is configured. */
  success?: boolean;
}

/** Run-time arguments of {@link qLearning}: randomness, progress and cancellation. */
export interface QLearningRun {
  /** Seed or stream; same seed → identical results. */
  rng: Seed;
  /**
   * Called after every episode with its row and the live Q table (S·A, read-only: copy it to keep a snapshot;
   * e.g. `evaluatePolicy(mdp, greedyPolicy(q, A))` gives the exact value of the current greedy policy).
   */
  onEpisode?: (row: QLearningEpisode, q: Float64Array) => void;
  /** Checked between episodes; when aborted, `qLearning` throws the signal's reason. */
  signal?: AbortSignal;
}

/** Result of {@link qLearning}. */
export interface QLearningResult {
  /** Learned Q(s, a) at s·A + a. */
  q: Float64Array;
  /** Return of each training episode (with exploration), as in {@link QLearningEpisode.return}. */
  returns: Float64Array;
  /** Length of each training episode. */
  lengths: Int32Array;
  /** Greedy stationary policy argmax_a Q(s, a), ties → lowest index; evaluate it exactly with `evaluatePolicy`. */
  greedyPolicy: Int32Array;
}

/**
 * Train tabular Q-learning with ε-greedy exploration (greedy ties broken uniformly at random, so an untrained
 * all-equal table explores). Episodes start from the MDP's start distribution and run until termination or T steps.
 *
 * @example
 * ```ts
 * import { gridworld } from "./gridworld.ts";
 * import { evaluatePolicy } from "./policy_evaluation.ts";
 * import { qLearning } from "./q_learning.ts";
 * const { mdp } = gridworld(["S.G"], { horizon: 5, stepReward: -0.1 });
 * const { greedyPolicy, returns } = qLearning(mdp, { episodes: 200, alpha: 0.5 }, { rng: 0 });
 * evaluatePolicy(mdp, greedyPolicy).initialValue; // 0.8 = V*: right, right
 * ```
 */
export function qLearning(mdp: TabularMdp, config: QLearningConfig, run: QLearningRun): QLearningResult {
  checkMdp("mdp", mdp);
  const c = checkOptions("config", config);
  const episodes = checkInteger("episodes", c.episodes, { min: 1 });
  const alpha = checkInRange("alpha", c.alpha ?? 0.1, { min: 0, max: 1, minOpen: true });
  const alphaExponent = checkInRange("alphaExponent", c.alphaExponent ?? 0, { min: 0, max: 1 });
  const epsilon = checkInRange("epsilon", c.epsilon ?? 0.1, { min: 0, max: 1 });
  const gamma = resolveGamma(c.gamma, mdp);
  const initialQ = checkFinite("initialQ", c.initialQ ?? 0);
  const successReturn = c.successReturn === undefined
    ? undefined
    : checkFinite("successReturn", c.successReturn);
  if (typeof run !== "object" || run === null) {
    throw new TypeError(`run must be an object { rng, onEpisode?, signal? }, got ${describe(run)}`);
  }
  const rng = toRng(run.rng);
  const onEpisode = run.onEpisode;
  if (onEpisode !== undefined) checkFunction("onEpisode", onEpisode);
  const signal = run.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(signal)}`);
  }

  const { numStates: S, numActions: A, horizon: T, next } = mdp;
  const mdpGamma = mdp.gamma;
  const q = new Float64Array(S * A).fill(initialQ);
  const returns = new Float64Array(episodes);
  const lengths = new Int32Array(episodes);
  const ties = new Int32Array(A);
  const visits = alphaExponent > 0 ? new Float64Array(S * A) : undefined;

  for (let ep = 0; ep < episodes; ep++) {
    signal?.throwIfAborted();
    let s = mdp.initialState >= 0 ? mdp.initialState : startIndex(mdp, rng.uniform());
    let ret = 0;
    let discount = 1;
    let t = 0;
    for (; t < T && s >= 0; t++) {
      const base = s * A;
      let a: number;
      if (epsilon > 0 && rng.uniform() < epsilon) {
        a = rng.integer(A);
      } else {
        let best = -Infinity;
        let count = 0;
        for (let b = 0; b < A; b++) {
          const x = q[base + b];
          if (x > best) {
            best = x;
            count = 0;
          }
          if (x === best) ties[count++] = b;
        }
        a = count === 1 ? ties[0] : ties[rng.integer(count)];
      }
      const i = base + a;
      const k = outcomeIndex(mdp, i, rng.uniform());
      const r = sampledReward(mdp, i, k);
      const sNext = next[k];
      let target = r;
      if (sNext >= 0) {
        const nb = sNext * A;
        let m = q[nb];
        for (let b = 1; b < A; b++) if (q[nb + b] > m) m = q[nb + b];
        target += gamma * m;
      }
      const step = visits === undefined ? alpha : alpha * Math.pow(++visits[i], -alphaExponent);
      q[i] += step * (target - q[i]);
      ret += discount * r;
      discount *= mdpGamma;
      s = sNext;
    }
    returns[ep] = ret;
    lengths[ep] = t;
    if (onEpisode !== undefined) {
      const row: QLearningEpisode = { episode: ep, return: ret, length: t };
      if (successReturn !== undefined) row.success = ret >= successReturn;
      onEpisode(row, q);
    }
  }

  return { q, returns, lengths, greedyPolicy: greedyPolicy(q, A) };
}

/**
 * The greedy stationary policy of a Q table laid out at s·A + a: argmax_a Q(s, a), ties → lowest index.
 *
 * @example
 * ```ts
 * import { greedyPolicy } from "./q_learning.ts";
 * greedyPolicy(new Float64Array([0, 1, 2, 2]), 2); // Int32Array [1, 0]
 * ```
 */
export function greedyPolicy(q: Float64Array, numActions: number): Int32Array {
  if (!(q instanceof Float64Array)) throw new TypeError(`q must be a Float64Array, got ${describe(q)}`);
  const A = checkInteger("numActions", numActions, { min: 1 });
  if (q.length % A !== 0) {
    throw new RangeError(`q length must be a multiple of numActions = ${A}, got ${q.length}`);
  }
  const S = q.length / A;
  const policy = new Int32Array(S);
  for (let s = 0; s < S; s++) {
    let arg = 0;
    for (let b = 1; b < A; b++) if (q[s * A + b] > q[s * A + arg]) arg = b;
    policy[s] = arg;
  }
  return policy;
}
