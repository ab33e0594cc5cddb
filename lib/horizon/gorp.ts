/**
 * GORP, Greedy Over Random Policy (Laidlaw et al. 2023, Algorithm 1): for each timestep i it tries every length-k
 * action sequence σ after the actions learned so far, estimates Q̂(σ) as the mean return of m episodes that play the
 * learned prefix, then σ, then uniformly random actions, and appends σ's first action for the best σ (ties → the
 * lexicographically first). The empirical effective horizon is H_k = k + log_A m for the smallest m with which GORP
 * finds an optimal policy in at least half of its runs.
 *
 * @module
 */
import { checkInRange, checkInteger, describe } from "../core/errors.ts";
import { Rng, type Seed, toRng } from "../core/rng.ts";
import { Discrete } from "../core/spaces.ts";
import type { VecEnv } from "../core/env.ts";
import type { TabularMdp } from "../tabular/mdp.ts";
import { deterministicTransitions } from "./layers.ts";

/** GORP's hyperparameters. */
export interface GorpConfig {
  /** Planning depth k ≥ 1 (A^k sequences per timestep). */
  k: number;
  /** Episodes per action sequence m ≥ 1. */
  m: number;
  /** Horizon T; default the MDP's (tabular) or the env's `maxEpisodeSteps`. */
  horizon?: number;
}

/** What a GORP run learned and what it cost. */
export interface GorpResult {
  /** The learned open-loop action sequence a_0, ..., a_{T−1}. */
  actions: Int32Array;
  /** Return of playing `actions` (exact for tabular MDPs; one deterministic episode for envs). */
  finalReturn: number;
  /** Environment steps used (the sample complexity counts these). */
  timesteps: number;
  /** Episodes used. */
  episodes: number;
}

function checkConfig(config: GorpConfig, defaultHorizon: number) {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`config must be an object { k, m, horizon? }, got ${describe(config)}`);
  }
  const k = checkInteger("k", config.k, { min: 1 });
  const m = checkInteger("m", config.m, { min: 1 });
  const horizon = checkInteger("horizon", config.horizon ?? defaultHorizon, { min: 1 });
  return { k, m, horizon };
}

/** The digits of sequence index `index` in base A, most significant first (σ_1 most significant, as official). */
function sequenceOf(index: number, k: number, A: number, out: Int32Array): Int32Array {
  for (let d = k - 1; d >= 0; d--) {
    out[d] = index % A;
    index = Math.floor(index / A);
  }
  return out;
}

/**
 * GORP on a deterministic tabular MDP (`sticky` > 0: each step after the first repeats the previous action with
 * that probability, as the ICLR 2024 paper's sticky-action MDPs; the learned sequence is then scored by its
 * expected return under stickiness).
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { gorpTabular } from "./gorp.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * gorpTabular(mdp, { k: 1, m: 1 }, { rng: 0 }).finalReturn; // 1
 * ```
 */
export function gorpTabular(
  mdp: TabularMdp,
  config: GorpConfig,
  run: { rng: Seed; sticky?: number },
): GorpResult {
  const transitions = deterministicTransitions(mdp);
  const { k, m, horizon: T } = checkConfig(config, mdp.horizon);
  const sticky = checkInRange("sticky", run.sticky ?? 0, { min: 0, max: 1, maxOpen: true });
  const rng = toRng(run.rng);
  const A = mdp.numActions, r = mdp.rewards;
  const numSeq = A ** k;
  const actions = new Int32Array(T);
  const seq = new Int32Array(k);
  let timesteps = 0, episodes = 0;
  for (let i = 0; i < T; i++) {
    let best = -Infinity, bestFirst = 0;
    for (let q = 0; q < numSeq; q++) {
      sequenceOf(q, k, A, seq);
      let total = 0;
      for (let e = 0; e < m; e++) {
        let s = mdp.initialState, ret = 0, prev = -1, t = 0;
        for (; t < T && s >= 0; t++) {
          let a = t < i ? actions[t] : t < i + k ? seq[t - i] : rng.integer(A);
          if (sticky > 0 && prev >= 0 && rng.uniform() < sticky) a = prev;
          ret += r[s * A + a];
          s = transitions[s * A + a];
          prev = a;
        }
        timesteps += t;
        episodes++;
        total += ret;
      }
      const mean = total / m;
      if (mean > best) {
        best = mean;
        bestFirst = seq[0];
      }
    }
    actions[i] = bestFirst;
  }
  return { actions, finalReturn: openLoopReturn(mdp, transitions, actions, sticky, T), timesteps, episodes };
}

/** Expected return of an open-loop action sequence, exactly (sticky actions: a distribution over (state, prev)). */
function openLoopReturn(
  mdp: TabularMdp,
  transitions: Int32Array,
  actions: Int32Array,
  sticky: number,
  T: number,
) {
  const A = mdp.numActions, r = mdp.rewards;
  if (sticky === 0) {
    let s = mdp.initialState, ret = 0;
    for (let t = 0; t < T && s >= 0; t++) {
      ret += r[s * A + actions[t]];
      s = transitions[s * A + actions[t]];
    }
    return ret;
  }
  // distribution over (state, previous action) pairs
  let dist = new Map<number, number>([[mdp.initialState * A + actions[0], 1]]);
  let ret = 0;
  for (let t = 0; t < T && dist.size > 0; t++) {
    const next = new Map<number, number>();
    for (const [key, p] of dist) {
      const s = Math.floor(key / A), prev = key % A;
      const options: [number, number][] = t === 0 || prev === actions[t]
        ? [[actions[t], 1]]
        : [[actions[t], 1 - sticky], [prev, sticky]];
      for (const [a, pa] of options) {
        ret += p * pa * r[s * A + a];
        const s2 = transitions[s * A + a];
        if (s2 >= 0) next.set(s2 * A + a, (next.get(s2 * A + a) ?? 0) + p * pa);
      }
    }
    dist = next;
  }
  return ret;
}

/** Result of {@link empiricalEffectiveHorizon}. */
export interface EmpiricalHorizon {
  /** Planning depth. */
  k: number;
  /** Smallest m (searched over powers of two, then bisected) with GORP optimal in ≥ half the runs; null if none. */
  m: number | null;
  /** H_k = k + log_A m, or null. */
  hk: number | null;
  /** Median timesteps of the runs at that m (the empirical sample complexity). */
  sampleComplexity: number | null;
  /** Fraction of runs that found an optimal policy at that m. */
  successRate: number | null;
}

/**
 * The empirical H_k of a deterministic tabular MDP: the smallest m such that GORP(k, m) returns an optimal policy in
 * at least half of `runs` independent runs (official `run_gorp.jl` uses 101 runs), searched by doubling then
 * bisection up to `maxM`.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { empiricalEffectiveHorizon } from "./gorp.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * empiricalEffectiveHorizon(mdp, { k: 1 }, 0).hk; // 1 (m = 1)
 * ```
 */
export function empiricalEffectiveHorizon(
  mdp: TabularMdp,
  opts: { k: number; runs?: number; maxM?: number; optimalReturn?: number; sticky?: number },
  seed: Seed,
): EmpiricalHorizon {
  const k = checkInteger("k", opts.k, { min: 1 });
  const runs = checkInteger("runs", opts.runs ?? 21, { min: 1 });
  const maxM = checkInteger("maxM", opts.maxM ?? 2 ** 16, { min: 1, max: 2 ** 20 - 1 });
  const rng = toRng(seed);
  const optimal = opts.optimalReturn ?? exactOptimum(mdp);
  const A = mdp.numActions;
  const trial = (m: number, r: Rng) => {
    const results: GorpResult[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(gorpTabular(mdp, { k, m }, { rng: r.split(), sticky: opts.sticky }));
    }
    const ok = results.filter((x) => x.finalReturn >= optimal - 1e-9);
    const steps = results.map((x) => x.finalReturn >= optimal - 1e-9 ? x.timesteps : Infinity).sort((a, b) =>
      a - b
    );
    return { success: ok.length / runs, median: steps[Math.floor(runs / 2)] };
  };
  // each m gets its own stream derived from the seed, so the result does not depend on the search path
  const base = rng.nextUint32();
  const streamFor = (m: number) => new Rng(base * 2 ** 20 + m);
  const cache = new Map<number, { success: number; median: number }>();
  const at = (m: number) => {
    if (!cache.has(m)) cache.set(m, trial(m, streamFor(m)));
    return cache.get(m)!;
  };
  let hi = 1;
  while (hi <= maxM && at(hi).success < 0.5) hi *= 2;
  if (hi > maxM) return { k, m: null, hk: null, sampleComplexity: null, successRate: null };
  let lo = Math.floor(hi / 2) + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid).success >= 0.5) hi = mid;
    else lo = mid + 1;
  }
  const best = at(hi);
  return {
    k,
    m: hi,
    hk: k + Math.log(hi) / Math.log(A),
    sampleComplexity: best.median,
    successRate: best.success,
  };
}

function exactOptimum(mdp: TabularMdp): number {
  // finite-horizon optimum of a deterministic MDP by backward induction over all states
  const transitions = deterministicTransitions(mdp);
  const S = mdp.numStates, A = mdp.numActions;
  let v = new Float64Array(S);
  for (let t = mdp.horizon - 1; t >= 0; t--) {
    const nv = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let best = -Infinity;
      for (let a = 0; a < A; a++) {
        const s2 = transitions[s * A + a];
        const q = mdp.rewards[s * A + a] + (s2 >= 0 ? v[s2] : 0);
        if (q > best) best = q;
      }
      nv[s] = best;
    }
    v = nv;
  }
  return v[mdp.initialState];
}

/**
 * GORP on any environment with a discrete action space and a seeded reset (one copy: `numEnvs` must be 1; every
 * episode starts with `reset(seed)`, so a deterministic environment restarts from the same state). The return of
 * an episode is the sum of its rewards until it ends or `horizon` steps pass.
 *
 * @example
 * ```ts ignore
 * import { gorp } from "./gorp.ts";
 * const result = gorp(env, { k: 1, m: 8, horizon: 20 }, { rng: 0, seed: 0 });
 * ```
 */
export function gorp(
  env: VecEnv,
  config: GorpConfig,
  run: {
    rng: Seed;
    seed?: number;
    onProgress?: (info: { done: number; total: number }) => void;
    signal?: AbortSignal;
  },
): GorpResult {
  if (env.numEnvs !== 1) throw new RangeError(`env.numEnvs must be 1 for GORP, got ${env.numEnvs}`);
  if (!(env.actionSpace instanceof Discrete)) {
    throw new TypeError(`env.actionSpace must be Discrete for GORP, got ${describe(env.actionSpace)}`);
  }
  const { k, m, horizon: T } = checkConfig(config, env.maxEpisodeSteps);
  const rng = toRng(run.rng);
  const seed = checkInteger("seed", run.seed ?? 0, {});
  const A = env.actionSpace.n, start = env.actionSpace.start;
  const numSeq = A ** k;
  const actions = new Int32Array(T);
  const seq = new Int32Array(k);
  const act = new Int32Array(1);
  let timesteps = 0, episodes = 0;
  const episode = (i: number, choose: (t: number) => number): number => {
    env.reset(seed);
    let ret = 0, t = 0;
    for (; t < T; t++) {
      act[0] = start + choose(t);
      const res = env.step(act);
      ret += res.rewards[0];
      if (res.terminated[0] || res.truncated[0]) {
        t++;
        break;
      }
    }
    if (i >= 0) {
      timesteps += t;
      episodes++;
    }
    return ret;
  };
  for (let i = 0; i < T; i++) {
    run.signal?.throwIfAborted();
    let best = -Infinity, bestFirst = 0;
    for (let q = 0; q < numSeq; q++) {
      sequenceOf(q, k, A, seq);
      let total = 0;
      for (let e = 0; e < m; e++) {
        total += episode(i, (t) => t < i ? actions[t] : t < i + k ? seq[t - i] : rng.integer(A));
      }
      if (total / m > best) {
        best = total / m;
        bestFirst = seq[0];
      }
    }
    actions[i] = bestFirst;
    run.onProgress?.({ done: i + 1, total: T });
  }
  const finalReturn = episode(-1, (t) => actions[t]);
  return { actions, finalReturn, timesteps, episodes };
}
