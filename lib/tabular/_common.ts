/**
 * Internal helpers shared by the tabular algorithms (not part of the public API).
 *
 * @module
 */
import { checkInRange, checkOneOf, describe, type IntervalBounds } from "../core/errors.ts";
import { isDeterministic, PROB_TOLERANCE, type TabularMdp } from "./mdp.ts";
import type { FiniteHorizonValues } from "./value_iteration.ts";

/** Which Q-values a finite-horizon computation keeps: every timestep, or only t = 0. */
export type KeepQ = "all" | "first";

/** Largest T·S·A for which `keep` defaults to "all" (2^25 doubles = 256 MiB). */
export const KEEP_ALL_LIMIT: number = 2 ** 25;

/** Resolve the `keep` option: explicit values are honoured; the default is "all" only up to {@link KEEP_ALL_LIMIT}. */
export function resolveKeep(keep: unknown, mdp: TabularMdp): KeepQ {
  if (keep !== undefined) return checkOneOf("keep", keep, ["all", "first"] as const);
  const size = mdp.horizon * mdp.numStates * mdp.numActions;
  if (size > KEEP_ALL_LIMIT) {
    throw new RangeError(
      `keep must be given explicitly when horizon * numStates * numActions > ${KEEP_ALL_LIMIT}, got ${size} ` +
        `(${(size * 8 / 2 ** 20).toFixed(0)} MiB of Q-values): pass keep: "first" to keep Q at t = 0 only, ` +
        `or keep: "all" to accept the memory`,
    );
  }
  return "all";
}

/** Resolve `gamma` (default: the MDP's own). */
export function resolveGamma(
  gamma: unknown,
  mdp: TabularMdp,
  bounds: IntervalBounds = { min: 0, max: 1 },
): number {
  if (gamma === undefined) return checkInRange("gamma (from mdp.gamma)", mdp.gamma, bounds);
  return checkInRange("gamma", gamma, bounds);
}

/** Require an options object (or undefined → {}). */
export function checkOptions<T extends object>(name: string, opts: T | undefined): T {
  if (opts === undefined) return {} as T;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts)) {
    throw new TypeError(`${name} must be an options object, got ${describe(opts)}`);
  }
  return opts;
}

/** Σ_s μ0(s) · v[s]: the expected value from the start distribution. */
export function startValue(mdp: TabularMdp, v: Float64Array): number {
  if (mdp.initialState >= 0) return v[mdp.initialState];
  let total = 0;
  const mu = mdp.initialDistribution;
  for (let s = 0; s < mdp.numStates; s++) if (mu[s] > 0) total += mu[s] * v[s];
  return total;
}

/**
 * A policy for a tabular MDP: deterministic `Int32Array` of actions (length T·S, indexed t·S + s, or S for a
 * stationary policy) or stochastic `Float64Array` of action probabilities (length T·S·A, indexed (t·S + s)·A + a,
 * or S·A for a stationary policy).
 */
export type TabularPolicy = Int32Array | Float64Array;

/** A validated policy with its layout. */
export interface PolicyView {
  stochastic: boolean;
  /** Entries per timestep (0 for a stationary policy): S for deterministic, S·A for stochastic. */
  stride: number;
  actions: Int32Array;
  probs: Float64Array;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_F64 = new Float64Array(0);

/** Validate a {@link TabularPolicy} against an MDP. */
export function resolvePolicy(mdp: TabularMdp, policy: unknown): PolicyView {
  const { numStates: S, numActions: A, horizon: T } = mdp;
  if (policy instanceof Int32Array) {
    if (policy.length !== S && policy.length !== T * S) {
      throw new RangeError(
        `policy (deterministic) must have length ${S} (stationary) or ${T * S} (horizon * numStates), ` +
          `got length ${policy.length}`,
      );
    }
    for (let i = 0; i < policy.length; i++) {
      const a = policy[i];
      if (a < 0 || a >= A) throw new RangeError(`policy[${i}] must be an action in [0, ${A - 1}], got ${a}`);
    }
    return { stochastic: false, stride: policy.length === S ? 0 : S, actions: policy, probs: EMPTY_F64 };
  }
  if (policy instanceof Float64Array) {
    if (policy.length !== S * A && policy.length !== T * S * A) {
      throw new RangeError(
        `policy (stochastic) must have length ${S * A} (stationary) or ${T * S * A} ` +
          `(horizon * numStates * numActions), got length ${policy.length}`,
      );
    }
    for (let row = 0; row < policy.length / A; row++) {
      let sum = 0;
      for (let a = 0; a < A; a++) {
        const p = policy[row * A + a];
        if (!(p >= 0) || !Number.isFinite(p)) {
          throw new RangeError(`policy[${row * A + a}] must be a probability >= 0, got ${describe(p)}`);
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > PROB_TOLERANCE) {
        throw new RangeError(
          `policy row ${row} (entries ${row * A}..${row * A + A - 1}) must sum to 1, got ${sum}`,
        );
      }
    }
    return {
      stochastic: true,
      stride: policy.length === S * A ? 0 : S * A,
      actions: EMPTY_I32,
      probs: policy,
    };
  }
  throw new TypeError(
    `policy must be an Int32Array (deterministic) or Float64Array (stochastic), got ${describe(policy)}`,
  );
}

/** Entry index k of row i's successor list selected by a uniform draw u ∈ [0, 1) (inverse CDF). */
export function outcomeIndex(mdp: TabularMdp, i: number, u: number): number {
  const { offsets, prob } = mdp;
  const lo = offsets[i];
  const hi = offsets[i + 1];
  for (let k = lo; k < hi; k++) {
    u -= prob[k];
    if (u < 0) return k;
  }
  for (let k = hi - 1; k > lo; k--) if (prob[k] > 0) return k; // rounding at the top of the CDF
  return lo;
}

/** Start state selected by a uniform draw u ∈ [0, 1). */
export function startIndex(mdp: TabularMdp, u: number): number {
  if (mdp.initialState >= 0) return mdp.initialState;
  const mu = mdp.initialDistribution;
  for (let s = 0; s < mu.length; s++) {
    u -= mu[s];
    if (u < 0) return s;
  }
  for (let s = mu.length - 1; s > 0; s--) if (mu[s] > 0) return s;
  return 0;
}

/** Reward paid by entry k of row i when sampling (the outcome's reward if the MDP has them, else r(s, a)). */
export function sampledReward(mdp: TabularMdp, i: number, k: number): number {
  return mdp.outcomeRewards === undefined ? mdp.rewards[i] : mdp.outcomeRewards[k];
}

// ---- Kernels. Each is a small function called once per sweep, so V8 optimises it after the first few calls
// (a single long function with the loops inline is left to on-stack replacement, measured ~1.7× slower). ----

/**
 * One Bellman backup of every (s, a): qt[i] = r[i] + γ Σ_k prob[k] · vNext[next[k]] (terminal entries add 0).
 * `deterministic` (one entry per row, probability 1) skips the CSR walk; the sums are bitwise the same.
 */
export function backupQ(
  mdp: TabularMdp,
  deterministic: boolean,
  gamma: number,
  vNext: Float64Array,
  qt: Float64Array,
): void {
  const { offsets, next, prob, rewards } = mdp;
  const rows = qt.length;
  if (deterministic) {
    for (let i = 0; i < rows; i++) {
      const n = next[i];
      qt[i] = rewards[i] + gamma * (n >= 0 ? vNext[n] : 0);
    }
    return;
  }
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let k = offsets[i], end = offsets[i + 1]; k < end; k++) {
      const n = next[k];
      if (n >= 0) acc += prob[k] * vNext[n];
    }
    qt[i] = rewards[i] + gamma * acc;
  }
}

/** vOut[s] = max_a qt[s·A + a], policyOut[s] = the first maximising a. */
export function maxRows(qt: Float64Array, A: number, vOut: Float64Array, policyOut: Int32Array): void {
  const S = vOut.length;
  for (let s = 0; s < S; s++) {
    const base = s * A;
    let best = qt[base];
    let arg = 0;
    for (let a = 1; a < A; a++) {
      const x = qt[base + a];
      if (x > best) {
        best = x;
        arg = a;
      }
    }
    vOut[s] = best;
    policyOut[s] = arg;
  }
}

/** vOut[s] = qt[s·A + actions[s]]. */
export function pickRows(qt: Float64Array, A: number, actions: Int32Array, vOut: Float64Array): void {
  for (let s = 0; s < vOut.length; s++) vOut[s] = qt[s * A + actions[s]];
}

/** vOut[s] = Σ_a probs[s·A + a] · qt[s·A + a] (zero-probability actions skipped). */
export function averageRows(qt: Float64Array, A: number, probs: Float64Array, vOut: Float64Array): void {
  for (let s = 0; s < vOut.length; s++) {
    const base = s * A;
    let total = 0;
    for (let a = 0; a < A; a++) {
      const p = probs[base + a];
      if (p > 0) total += p * qt[base + a];
    }
    vOut[s] = total;
  }
}

/** vOut[s] = (Σ_a qt[s·A + a]) / A. */
export function meanRows(qt: Float64Array, A: number, vOut: Float64Array): void {
  for (let s = 0; s < vOut.length; s++) {
    const base = s * A;
    let total = 0;
    for (let a = 0; a < A; a++) total += qt[base + a];
    vOut[s] = total / A;
  }
}

/**
 * Finite-horizon backward induction shared by value iteration and policy evaluation: for t = T − 1, ..., 0,
 * Q_t = r + γ P V_{t+1}, then `reduce(qt, t, vOut)` turns Q_t into V_t (max, a policy's pick, or an average).
 */
export function backwardInduction(
  mdp: TabularMdp,
  opts: { gamma?: number; keep?: KeepQ } | undefined,
  reduce: (qt: Float64Array, t: number, vOut: Float64Array) => void,
): FiniteHorizonValues {
  const o = checkOptions("opts", opts);
  const gamma = resolveGamma(o.gamma, mdp);
  const keep = resolveKeep(o.keep, mdp);
  const { numStates: S, numActions: A, horizon: T } = mdp;
  const SA = S * A;
  const deterministic = isDeterministic(mdp);
  const q = new Float64Array(keep === "all" ? T * SA : SA);
  const v = new Float64Array((T + 1) * S);
  const scratch = keep === "all" || T === 1 ? q : new Float64Array(SA);
  for (let t = T - 1; t >= 0; t--) {
    const qt = keep === "all" ? q.subarray(t * SA, (t + 1) * SA) : t === 0 ? q : scratch;
    backupQ(mdp, deterministic, gamma, v.subarray((t + 1) * S, (t + 2) * S), qt);
    reduce(qt, t, v.subarray(t * S, (t + 1) * S));
  }
  return { numStates: S, numActions: A, horizon: T, gamma, keep, q, v, initialValue: startValue(mdp, v) };
}
