/**
 * Tabular MDPs as plain data: sizes, a finite horizon, a start state (or distribution), sparse successors in CSR
 * form per (state, action) and expected rewards, all in typed arrays. The layout is chosen so that an MDP with
 * 10^6 states × 7 actions (the BRIDGE scale of the effective-horizon paper) fits in ~100 MB and every algorithm
 * in this folder walks it with flat loops.
 *
 * Index conventions: the row of (s, a) is `i = s * numActions + a`; its successors are the entries
 * `k = offsets[i] ..< offsets[i + 1]` of `next`/`prob` (and `outcomeRewards` when present); `next[k] = -1` means
 * the episode terminates (an absorbing state with zero future value, as BRIDGE's `-1`).
 *
 * @module
 */
import { checkFinite, checkInRange, checkInteger, describe } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";

/** Tolerance on probability sums (successor lists and start distributions). */
export const PROB_TOLERANCE = 1e-9;

/**
 * A finite-horizon tabular MDP. Plain data: build it with {@link tabularMdp} (which validates) or one of the helpers
 * ({@link fromDeterministic}, {@link fromDense}, {@link randomMdp}, `gridworld`).
 *
 * @example
 * ```ts
 * import { successors, tabularMdp } from "./mdp.ts";
 * // one state, one action: reward 1, then the episode ends
 * const mdp = tabularMdp({
 *   numStates: 1, numActions: 1, horizon: 1,
 *   offsets: new Int32Array([0, 1]), next: new Int32Array([-1]), prob: new Float64Array([1]),
 *   rewards: new Float64Array([1]),
 * });
 * successors(mdp, 0, 0).next; // Int32Array [-1]
 * ```
 */
export interface TabularMdp {
  /** Number of states S. */
  readonly numStates: number;
  /** Number of actions A (every action is available in every state). */
  readonly numActions: number;
  /** Horizon T: an episode takes at most T actions, at timesteps t = 0, ..., T − 1. */
  readonly horizon: number;
  /** Discount per step; 1 (undiscounted over T steps, as in BRIDGE) unless given. */
  readonly gamma: number;
  /** The start state when episodes always start in one state, else −1 (see `initialDistribution`). */
  readonly initialState: number;
  /** Start distribution μ0 (length S, sums to 1); one-hot at `initialState` when that is set. */
  readonly initialDistribution: Float64Array;
  /** CSR row pointers, length S·A + 1: successors of (s, a) are entries offsets[s·A + a] ..< offsets[s·A + a + 1]. */
  readonly offsets: Int32Array;
  /** Successor state of each entry; −1 = terminal (the episode ends; zero future value). */
  readonly next: Int32Array;
  /** Probability of each entry; each (s, a) row sums to 1. */
  readonly prob: Float64Array;
  /** Expected reward r(s, a) of taking a in s, at s·A + a. */
  readonly rewards: Float64Array;
  /**
   * Optional reward of each outcome entry (aligned with `next`), used only when sampling episodes, so that a
   * sampled reward is what that outcome pays (e.g. entering the goal) rather than the expectation.
   * Invariant: rewards[i] = Σ_k prob[k] · outcomeRewards[k] over the row's entries.
   */
  readonly outcomeRewards?: Float64Array;
}

/** Input of {@link tabularMdp}: the {@link TabularMdp} fields, with the start and `gamma` optional. */
export interface TabularMdpSpec {
  numStates: number;
  numActions: number;
  horizon: number;
  /** Discount per step, in [0, 1]; default 1. */
  gamma?: number;
  /** Start state; default 0 unless `initialDistribution` is given. Give one of the two. */
  initialState?: number;
  /** Start distribution over states (length S, sums to 1). */
  initialDistribution?: ArrayLike<number>;
  /** CSR row pointers, length S·A + 1 (an Int32Array is used as is; other arrays are copied). */
  offsets: ArrayLike<number>;
  /** Successor indices (−1 = terminal). */
  next: ArrayLike<number>;
  /** Successor probabilities. */
  prob: ArrayLike<number>;
  /** Expected rewards r(s, a), length S·A. */
  rewards: ArrayLike<number>;
  /** Optional per-outcome rewards (see {@link TabularMdp.outcomeRewards}). */
  outcomeRewards?: ArrayLike<number>;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function toInt32(name: string, value: unknown): Int32Array {
  if (value instanceof Int32Array) return value;
  if (!isArrayLike(value)) {
    throw new TypeError(`${name} must be an Int32Array or array of integers, got ${describe(value)}`);
  }
  const out = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const x = Number(value[i]); // BigInt64Array (int64 .npy) entries convert here
    if (!Number.isInteger(x) || x < -2147483648 || x > 2147483647) {
      throw new RangeError(`${name}[${i}] must be a 32-bit integer, got ${describe(value[i])}`);
    }
    out[i] = x;
  }
  return out;
}

function toFloat64(name: string, value: unknown): Float64Array {
  if (value instanceof Float64Array) return value;
  if (!isArrayLike(value)) {
    throw new TypeError(`${name} must be a Float64Array or array of numbers, got ${describe(value)}`);
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (typeof x !== "number") throw new TypeError(`${name}[${i}] must be a number, got ${describe(x)}`);
    out[i] = x;
  }
  return out;
}

function checkLen(name: string, arr: ArrayLike<unknown>, length: number): void {
  if (arr.length !== length) {
    throw new RangeError(`${name} must have length ${length}, got length ${arr.length}`);
  }
}

function checkSizes(spec: { numStates: unknown; numActions: unknown; horizon: unknown }): void {
  checkInteger("numStates", spec.numStates, { min: 1, max: 2 ** 31 - 2 });
  checkInteger("numActions", spec.numActions, { min: 1 });
  checkInteger("horizon", spec.horizon, { min: 1 });
  const rows = (spec.numStates as number) * (spec.numActions as number);
  if (rows > 2 ** 31 - 2) {
    throw new RangeError(`numStates * numActions must be < 2^31 - 1, got ${rows}`);
  }
}

function resolveStart(
  numStates: number,
  initialState: unknown,
  initialDistribution: unknown,
): { initialState: number; initialDistribution: Float64Array } {
  if (initialDistribution !== undefined) {
    if (initialState !== undefined) {
      throw new TypeError("give either initialState or initialDistribution, not both");
    }
    const dist = toFloat64("initialDistribution", initialDistribution);
    checkLen("initialDistribution", dist, numStates);
    let sum = 0;
    for (let s = 0; s < numStates; s++) {
      const p = dist[s];
      if (!(p >= 0) || !Number.isFinite(p)) {
        throw new RangeError(`initialDistribution[${s}] must be a finite number >= 0, got ${describe(p)}`);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > PROB_TOLERANCE) {
      throw new RangeError(`initialDistribution must sum to 1 (±${PROB_TOLERANCE}), got ${sum}`);
    }
    return { initialState: -1, initialDistribution: dist };
  }
  const s0 = initialState === undefined ? 0 : checkInteger("initialState", initialState, {
    min: 0,
    max: numStates - 1,
  });
  const dist = new Float64Array(numStates);
  dist[s0] = 1;
  return { initialState: s0, initialDistribution: dist };
}

/**
 * Build a validated {@link TabularMdp}. Typed arrays of the right type are used as given (not copied), so a
 * BRIDGE-scale MDP costs no second copy; other arrays (plain arrays, other typed arrays, e.g. a BigInt64Array from
 * an int64 `.npy`) are converted.
 *
 * Checks: sizes are positive integers; `offsets` starts at 0, never decreases and ends at `next.length`;
 * successors are in [−1, S); probabilities are finite, ≥ 0 and sum to 1 (±1e-9) per (s, a); rewards are finite;
 * `outcomeRewards` average to `rewards`. Throws a `RangeError`/`TypeError` naming the offending entry.
 *
 * @example
 * ```ts
 * import { tabularMdp } from "./mdp.ts";
 * // 2 states, 1 action: s0 → s1 (r = 0), s1 → terminal (r = 1)
 * const mdp = tabularMdp({
 *   numStates: 2, numActions: 1, horizon: 2,
 *   offsets: [0, 1, 2], next: [1, -1], prob: [1, 1], rewards: [0, 1],
 * });
 * mdp.initialState; // 0
 * ```
 */
export function tabularMdp(spec: TabularMdpSpec): TabularMdp {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`spec must be an object, got ${describe(spec)}`);
  }
  checkSizes(spec);
  const { numStates: S, numActions: A, horizon } = spec;
  const gamma = spec.gamma === undefined ? 1 : checkInRange("gamma", spec.gamma, { min: 0, max: 1 });
  const rows = S * A;
  const offsets = toInt32("offsets", spec.offsets);
  checkLen("offsets", offsets, rows + 1);
  const next = toInt32("next", spec.next);
  const prob = toFloat64("prob", spec.prob);
  const rewards = toFloat64("rewards", spec.rewards);
  checkLen("rewards", rewards, rows);
  if (offsets[0] !== 0) throw new RangeError(`offsets[0] must be 0, got ${offsets[0]}`);
  const nnz = offsets[rows];
  checkLen("next", next, nnz);
  checkLen("prob", prob, nnz);
  const outcomeRewards = spec.outcomeRewards === undefined
    ? undefined
    : toFloat64("outcomeRewards", spec.outcomeRewards);
  if (outcomeRewards !== undefined) checkLen("outcomeRewards", outcomeRewards, nnz);
  for (let k = 0; k < nnz; k++) {
    const n = next[k];
    if (n < -1 || n >= S) throw new RangeError(`next[${k}] must be in [-1, ${S - 1}], got ${n}`);
    const p = prob[k];
    if (!(p >= 0) || !Number.isFinite(p)) {
      throw new RangeError(`prob[${k}] must be a finite number >= 0, got ${describe(p)}`);
    }
  }
  for (let i = 0; i < rows; i++) {
    const lo = offsets[i];
    const hi = offsets[i + 1];
    const where = `(s=${Math.floor(i / A)}, a=${i % A})`;
    if (hi < lo) {
      throw new RangeError(`offsets must not decrease: offsets[${i + 1}] = ${hi} < ${lo} at ${where}`);
    }
    let sum = 0;
    for (let k = lo; k < hi; k++) sum += prob[k];
    if (Math.abs(sum - 1) > PROB_TOLERANCE) {
      throw new RangeError(
        `successor probabilities of ${where} must sum to 1 (±${PROB_TOLERANCE}), got ${sum}`,
      );
    }
    const r = rewards[i];
    if (!Number.isFinite(r)) throw new RangeError(`rewards[${i}] ${where} must be a finite number, got ${r}`);
    if (outcomeRewards !== undefined) {
      let mean = 0;
      for (let k = lo; k < hi; k++) {
        const x = outcomeRewards[k];
        if (!Number.isFinite(x)) {
          throw new RangeError(`outcomeRewards[${k}] must be a finite number, got ${x}`);
        }
        mean += prob[k] * x;
      }
      if (Math.abs(mean - r) > PROB_TOLERANCE * Math.max(1, Math.abs(r))) {
        throw new RangeError(`outcomeRewards of ${where} must average to rewards[${i}] = ${r}, got ${mean}`);
      }
    }
  }
  const start = resolveStart(S, spec.initialState, spec.initialDistribution);
  const mdp: TabularMdp = {
    numStates: S,
    numActions: A,
    horizon,
    gamma,
    initialState: start.initialState,
    initialDistribution: start.initialDistribution,
    offsets,
    next,
    prob,
    rewards,
  };
  return outcomeRewards === undefined ? mdp : { ...mdp, outcomeRewards };
}

/** Input of {@link fromDeterministic}: the BRIDGE `consolidated.npz` layout plus the horizon. */
export interface DeterministicMdpSpec {
  /** `transitions[s * A + a]` = next state, −1 = terminal (BRIDGE `transitions[s, a]`, row-major). */
  transitions: ArrayLike<number>;
  /** `rewards[s * A + a]` (BRIDGE `rewards[s, a]`, row-major). */
  rewards: ArrayLike<number>;
  numStates: number;
  numActions: number;
  horizon: number;
  /** Start state; default 0 (BRIDGE's convention). */
  initialState?: number;
  /** Discount per step; default 1. */
  gamma?: number;
}

/**
 * A deterministic MDP from a next-state table (the BRIDGE `consolidated.npz` layout: `transitions[s, a]` = next
 * state or −1 for terminal, `rewards[s, a]`, start state 0). An Int32Array `transitions` becomes `next` without a
 * copy; `offsets` is 0, 1, ..., S·A and every probability is 1.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "./mdp.ts";
 * // chain 0 → 1 → terminal with reward 1 on the last step
 * const mdp = fromDeterministic({
 *   transitions: new Int32Array([1, -1]), rewards: new Float64Array([0, 1]),
 *   numStates: 2, numActions: 1, horizon: 2,
 * });
 * ```
 */
export function fromDeterministic(spec: DeterministicMdpSpec): TabularMdp {
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`spec must be an object, got ${describe(spec)}`);
  }
  checkSizes(spec);
  const rows = spec.numStates * spec.numActions;
  const next = toInt32("transitions", spec.transitions);
  checkLen("transitions", next, rows);
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) offsets[i] = i;
  return tabularMdp({
    numStates: spec.numStates,
    numActions: spec.numActions,
    horizon: spec.horizon,
    gamma: spec.gamma,
    initialState: spec.initialState ?? 0,
    offsets,
    next,
    prob: new Float64Array(rows).fill(1),
    rewards: spec.rewards,
  });
}

/** Options of {@link fromDense}. */
export interface DenseMdpOptions {
  horizon: number;
  /** Discount per step; default 1. */
  gamma?: number;
  /** Start state; default 0 unless `initialDistribution` is given. */
  initialState?: number;
  /** Start distribution (length S). */
  initialDistribution?: ArrayLike<number>;
}

/**
 * An MDP from dense tables `P[s][a][s']` and `R[s][a]`. Zero probabilities are dropped. A row `P[s][a]` that is
 * all zeros means taking a in s ends the episode (successor −1); any other row must sum to 1 (±1e-9).
 *
 * @example
 * ```ts
 * import { fromDense } from "./mdp.ts";
 * const mdp = fromDense(
 *   [[[0.5, 0.5], [0, 0]], [[0, 1], [1, 0]]], // P[s][a][s']; (s=0, a=1) terminates
 *   [[0, 1], [2, 0]],                          // R[s][a]
 *   { horizon: 3 },
 * );
 * mdp.next; // Int32Array [0, 1, -1, 1, 0]
 * ```
 */
export function fromDense(
  P: ArrayLike<ArrayLike<ArrayLike<number>>>,
  R: ArrayLike<ArrayLike<number>>,
  opts: DenseMdpOptions,
): TabularMdp {
  if (!isArrayLike(P) || P.length === 0) {
    throw new TypeError(`P must be a non-empty array P[s][a][s'], got ${describe(P)}`);
  }
  if (!isArrayLike(R)) throw new TypeError(`R must be an array R[s][a], got ${describe(R)}`);
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const S = P.length;
  checkLen("R", R, S);
  const row0 = P[0];
  if (!isArrayLike(row0) || row0.length === 0) {
    throw new TypeError(`P[0] must be a non-empty array, got ${describe(row0)}`);
  }
  const A = row0.length;
  const offsets = new Int32Array(S * A + 1);
  const next: number[] = [];
  const prob: number[] = [];
  const rewards = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    const Ps = P[s];
    const Rs = R[s];
    if (!isArrayLike(Ps)) throw new TypeError(`P[${s}] must be an array, got ${describe(Ps)}`);
    if (!isArrayLike(Rs)) throw new TypeError(`R[${s}] must be an array, got ${describe(Rs)}`);
    checkLen(`P[${s}]`, Ps, A);
    checkLen(`R[${s}]`, Rs, A);
    for (let a = 0; a < A; a++) {
      const row = Ps[a];
      if (!isArrayLike(row)) throw new TypeError(`P[${s}][${a}] must be an array, got ${describe(row)}`);
      checkLen(`P[${s}][${a}]`, row, S);
      const start = next.length;
      for (let sp = 0; sp < S; sp++) {
        const p = checkFinite(`P[${s}][${a}][${sp}]`, row[sp]);
        if (p < 0) throw new RangeError(`P[${s}][${a}][${sp}] must be >= 0, got ${p}`);
        if (p > 0) {
          next.push(sp);
          prob.push(p);
        }
      }
      if (next.length === start) {
        next.push(-1);
        prob.push(1);
      }
      rewards[s * A + a] = checkFinite(`R[${s}][${a}]`, Rs[a]);
      offsets[s * A + a + 1] = next.length;
    }
  }
  return tabularMdp({
    numStates: S,
    numActions: A,
    horizon: opts.horizon,
    gamma: opts.gamma,
    initialState: opts.initialState,
    initialDistribution: opts.initialDistribution,
    offsets,
    next: Int32Array.from(next),
    prob: Float64Array.from(prob),
    rewards,
  });
}

/** The successor list of one (state, action): views into the MDP's arrays (no copy). */
export interface Successors {
  /** Successor states, −1 = terminal. */
  next: Int32Array;
  /** Their probabilities (sum to 1). */
  prob: Float64Array;
  /** Per-outcome rewards, when the MDP has them. */
  outcomeRewards?: Float64Array;
}

/**
 * The successors of (s, a) as views into the MDP's arrays.
 *
 * @example
 * ```ts
 * import { fromDense, successors } from "./mdp.ts";
 * const mdp = fromDense([[[0.25, 0.75]], [[0, 1]]], [[0], [1]], { horizon: 2 });
 * const { next, prob } = successors(mdp, 0, 0); // next [0, 1], prob [0.25, 0.75]
 * ```
 */
export function successors(mdp: TabularMdp, s: number, a: number): Successors {
  checkInteger("s", s, { min: 0, max: mdp.numStates - 1 });
  checkInteger("a", a, { min: 0, max: mdp.numActions - 1 });
  const i = s * mdp.numActions + a;
  const lo = mdp.offsets[i];
  const hi = mdp.offsets[i + 1];
  const out: Successors = { next: mdp.next.subarray(lo, hi), prob: mdp.prob.subarray(lo, hi) };
  if (mdp.outcomeRewards !== undefined) out.outcomeRewards = mdp.outcomeRewards.subarray(lo, hi);
  return out;
}

/**
 * True when every (s, a) has exactly one successor entry (as BRIDGE MDPs), so `next[s * A + a]` is the next state.
 *
 * @example
 * ```ts
 * import { fromDeterministic, isDeterministic } from "./mdp.ts";
 * const mdp = fromDeterministic({
 *   transitions: [0], rewards: [1], numStates: 1, numActions: 1, horizon: 3,
 * });
 * isDeterministic(mdp); // true
 * ```
 */
export function isDeterministic(mdp: TabularMdp): boolean {
  const rows = mdp.numStates * mdp.numActions;
  if (mdp.next.length !== rows) return false;
  for (let i = 0; i <= rows; i++) if (mdp.offsets[i] !== i) return false;
  return true;
}

/**
 * States reachable at each timestep: layer t holds the states (sorted) in which some action sequence from the
 * start distribution can be at time t, i.e. after t steps without terminating (forward BFS over all actions and
 * every successor with positive probability; the official effective-horizon code's `visitable_states`).
 * Returns layers t = 0, ..., numLayers − 1 (default: the T decision steps 0..T−1).
 *
 * @example
 * ```ts
 * import { fromDeterministic, reachableStates } from "./mdp.ts";
 * // chain 0 → 1 → 2 → terminal
 * const mdp = fromDeterministic({
 *   transitions: [1, 2, -1], rewards: [0, 0, 1], numStates: 3, numActions: 1, horizon: 3,
 * });
 * reachableStates(mdp).map((l) => [...l]); // [[0], [1], [2]]
 * ```
 */
export function reachableStates(mdp: TabularMdp, numLayers: number = mdp.horizon): Int32Array[] {
  checkInteger("numLayers", numLayers, { min: 0 });
  const { numStates: S, numActions: A, offsets, next, prob } = mdp;
  const layers: Int32Array[] = [];
  if (numLayers === 0) return layers;
  const mark = new Int32Array(S).fill(-1);
  const buf = new Int32Array(S);
  let count = 0;
  for (let s = 0; s < S; s++) if (mdp.initialDistribution[s] > 0) buf[count++] = s;
  layers.push(buf.slice(0, count));
  for (let t = 1; t < numLayers; t++) {
    const frontier = layers[t - 1];
    count = 0;
    for (let j = 0; j < frontier.length; j++) {
      const base = frontier[j] * A;
      for (let k = offsets[base], end = offsets[base + A]; k < end; k++) {
        const n = next[k];
        if (n >= 0 && prob[k] > 0 && mark[n] !== t) {
          mark[n] = t;
          buf[count++] = n;
        }
      }
    }
    const layer = buf.slice(0, count);
    layer.sort();
    layers.push(layer);
  }
  return layers;
}

/** Options of {@link randomMdp}. */
export interface RandomMdpOptions {
  numStates: number;
  numActions: number;
  horizon: number;
  /** Successor entries per (s, a); default 2. */
  successors?: number;
  /** Probability that a successor entry is terminal (−1); default 0. */
  terminalProb?: number;
  /** Discount per step; default 1. */
  gamma?: number;
}

/**
 * A random sparse MDP for benchmarks and property tests: each (s, a) gets `successors` entries with uniform
 * random next states (each terminal with probability `terminalProb`), Dirichlet(1) probabilities and a
 * uniform [0, 1) reward; start state 0. Same seed → same MDP.
 *
 * @example
 * ```ts
 * import { randomMdp } from "./mdp.ts";
 * const mdp = randomMdp({ numStates: 1000, numActions: 4, horizon: 50, terminalProb: 0.05 }, 0);
 * mdp.next.length; // 8000
 * ```
 */
export function randomMdp(opts: RandomMdpOptions, seed: Seed): TabularMdp {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  checkSizes(opts);
  const { numStates: S, numActions: A } = opts;
  const m = checkInteger("successors", opts.successors ?? 2, { min: 1 });
  const terminalProb = checkInRange("terminalProb", opts.terminalProb ?? 0, { min: 0, max: 1 });
  const rng = toRng(seed);
  const rows = S * A;
  const offsets = new Int32Array(rows + 1);
  const next = new Int32Array(rows * m);
  const prob = new Float64Array(rows * m);
  const rewards = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const lo = i * m;
    offsets[i + 1] = lo + m;
    let total = 0;
    for (let j = 0; j < m; j++) {
      next[lo + j] = terminalProb > 0 && rng.uniform() < terminalProb ? -1 : rng.integer(S);
      const w = -Math.log(1 - rng.uniform()); // Exp(1) weights normalised → Dirichlet(1)
      prob[lo + j] = w;
      total += w;
    }
    if (total > 0) { for (let j = 0; j < m; j++) prob[lo + j] /= total; }
    else for (let j = 0; j < m; j++) prob[lo + j] = 1 / m;
    rewards[i] = rng.uniform();
  }
  return tabularMdp({
    numStates: S,
    numActions: A,
    horizon: opts.horizon,
    gamma: opts.gamma,
    offsets,
    next,
    prob,
    rewards,
  });
}

/**
 * Cheap structural check (sizes and array types/lengths, not entries) for functions that take an MDP which may
 * not have come through {@link tabularMdp}; O(1), so algorithms call it on entry.
 *
 * @example
 * ```ts
 * import { checkMdp, randomMdp } from "./mdp.ts";
 * checkMdp("mdp", randomMdp({ numStates: 10, numActions: 2, horizon: 5 }, 1)); // ok
 * // checkMdp("mdp", {}) throws TypeError: numStates must be an integer, got undefined
 * ```
 */
export function checkMdp(name: string, mdp: unknown): TabularMdp {
  if (typeof mdp !== "object" || mdp === null) {
    throw new TypeError(`${name} must be a TabularMdp, got ${describe(mdp)}`);
  }
  const m = mdp as TabularMdp;
  checkSizes(m);
  const rows = m.numStates * m.numActions;
  if (!(m.offsets instanceof Int32Array) || m.offsets.length !== rows + 1) {
    throw new TypeError(
      `${name}.offsets must be an Int32Array of length ${rows + 1}, got ${describe(m.offsets)}`,
    );
  }
  const nnz = m.offsets[rows];
  if (!(m.next instanceof Int32Array) || m.next.length !== nnz) {
    throw new TypeError(`${name}.next must be an Int32Array of length ${nnz}, got ${describe(m.next)}`);
  }
  if (!(m.prob instanceof Float64Array) || m.prob.length !== nnz) {
    throw new TypeError(`${name}.prob must be a Float64Array of length ${nnz}, got ${describe(m.prob)}`);
  }
  if (!(m.rewards instanceof Float64Array) || m.rewards.length !== rows) {
    throw new TypeError(
      `${name}.rewards must be a Float64Array of length ${rows}, got ${describe(m.rewards)}`,
    );
  }
  if (!(m.initialDistribution instanceof Float64Array) || m.initialDistribution.length !== m.numStates) {
    throw new TypeError(
      `${name}.initialDistribution must be a Float64Array of length ${m.numStates}, got ${
        describe(m.initialDistribution)
      }`,
    );
  }
  if (
    m.outcomeRewards !== undefined &&
    (!(m.outcomeRewards instanceof Float64Array) || m.outcomeRewards.length !== nnz)
  ) {
    throw new TypeError(
      `${name}.outcomeRewards must be a Float64Array of length ${nnz}, got ${describe(m.outcomeRewards)}`,
    );
  }
  checkInRange(`${name}.gamma`, m.gamma, { min: 0, max: 1 });
  return m;
}
