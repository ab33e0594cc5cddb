/**
 * The effective-horizon analysis of a deterministic, finite-horizon, undiscounted tabular MDP, computed as the
 * official analysis does (Laidlaw, Russell & Dragan 2023, "Bridging RL Theory and Practice with the Effective
 * Horizon"): Q of the uniformly random policy, Q*, the worst-case Q, k-QVI-solvability (`minK`), the effective
 * planning window, the Theorem 5.4 bound on the effective horizon, and random-policy occupancies (covering length).
 *
 * Conventions: timesteps t = 0, ..., T − 1 here are the paper's 1, ..., T; only states reachable from the start
 * within t steps enter layer t; an action whose successor is −1 ends the episode (the official code routes it to an
 * absorbing zero-reward state, which gives the same values). Rewards within 1e-4 of optimal count as optimal
 * (`REWARD_PRECISION`), greedy ties count as greedy.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import type { TabularMdp } from "../tabular/mdp.ts";
import { buildLayers, type Layers } from "./layers.ts";

/** An action counts as optimal when Q*(s, a) ≥ V*(s) − REWARD_PRECISION (as the official analysis). */
export const REWARD_PRECISION = 1e-4;

/** Q-functions per layer: `q[t][i * A + a]` for the i-th reachable state of layer t. */
export interface LayeredValues {
  /** The layers the values live on. */
  layers: Layers;
  /** Q of the uniformly random policy. */
  qRandom: Float64Array[];
  /** Optimal Q*. */
  qStar: Float64Array[];
  /** Worst-case Q (min over actions at every later step). */
  qWorst: Float64Array[];
  /** V*(start). */
  optimalReturn: number;
  /** V of the random policy at the start. */
  randomReturn: number;
  /** Worst return from the start. */
  worstReturn: number;
}

/**
 * Q of the random policy, Q* and the worst-case Q by one backward pass (paper Sec. 3; official `value_iteration`).
 * The random policy's V is clamped into [V_worst, V*] against rounding, as the official code does.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { layeredValues } from "./analysis.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * layeredValues(mdp).randomReturn; // 0.5
 * ```
 */
export function layeredValues(mdp: TabularMdp | Layers, opts: { horizon?: number } = {}): LayeredValues {
  const layers = "states" in mdp ? mdp : buildLayers(mdp, opts.horizon ?? mdp.horizon);
  const { horizon: T, numActions: A } = layers;
  const qRandom: Float64Array[] = new Array(T);
  const qStar: Float64Array[] = new Array(T);
  const qWorst: Float64Array[] = new Array(T);
  let vR = new Float64Array(0), vS = new Float64Array(0), vW = new Float64Array(0);
  for (let t = T - 1; t >= 0; t--) {
    const n = layers.states[t].length;
    const nx = layers.next[t];
    const r = layers.reward[t];
    const qr = new Float64Array(n * A), qs = new Float64Array(n * A), qw = new Float64Array(n * A);
    const nvR = new Float64Array(n), nvS = new Float64Array(n), nvW = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0, best = -Infinity, worst = Infinity;
      for (let a = 0; a < A; a++) {
        const k = i * A + a;
        const j = nx[k];
        qr[k] = r[k] + (j >= 0 ? vR[j] : 0);
        qs[k] = r[k] + (j >= 0 ? vS[j] : 0);
        qw[k] = r[k] + (j >= 0 ? vW[j] : 0);
        sum += qr[k];
        if (qs[k] > best) best = qs[k];
        if (qw[k] < worst) worst = qw[k];
      }
      nvS[i] = best;
      nvW[i] = worst;
      nvR[i] = Math.min(best, Math.max(worst, sum / A));
    }
    qRandom[t] = qr;
    qStar[t] = qs;
    qWorst[t] = qw;
    vR = nvR;
    vS = nvS;
    vW = nvW;
  }
  return { layers, qRandom, qStar, qWorst, optimalReturn: vS[0], randomReturn: vR[0], worstReturn: vW[0] };
}

/** One Q-value-iteration step Q^{k+1}_t(s, a) = r(s, a) + max_b Q^k_{t+1}(s', b), in place, for t < T − 1. */
function backupInPlace(layers: Layers, q: Float64Array[]): void {
  const A = layers.numActions;
  // Ascending t reads layer t + 1 before it is overwritten: every update uses the old Q^k.
  for (let t = 0; t < layers.horizon - 1; t++) {
    const qt = q[t], qn = q[t + 1], nx = layers.next[t], r = layers.reward[t];
    for (let k = 0; k < qt.length; k++) {
      const j = nx[k];
      let m = 0;
      if (j >= 0) {
        m = -Infinity;
        for (let b = 0; b < A; b++) if (qn[j * A + b] > m) m = qn[j * A + b];
      }
      qt[k] = r[k] + m;
    }
  }
}

/** Max over the actions of a row. */
function rowMax(q: Float64Array, base: number, A: number): number {
  let m = -Infinity;
  for (let a = 0; a < A; a++) if (q[base + a] > m) m = q[base + a];
  return m;
}

/**
 * Whether every policy greedy on `q` (ties included) is optimal: a forward pass from the start along greedy
 * actions, failing at the first greedy action that is suboptimal.
 */
function greedyIsOptimal(values: LayeredValues, q: Float64Array[]): boolean {
  const { layers, qStar } = values;
  const A = layers.numActions;
  let visited = Uint8Array.of(1);
  for (let t = 0; t < layers.horizon; t++) {
    const n = layers.states[t].length;
    const nextVisited = new Uint8Array(t + 1 < layers.horizon ? layers.states[t + 1].length : 0);
    for (let i = 0; i < n; i++) {
      if (!visited[i]) continue;
      const base = i * A;
      const maxQ = rowMax(q[t], base, A);
      const vStar = rowMax(qStar[t], base, A);
      for (let a = 0; a < A; a++) {
        if (q[t][base + a] < maxQ) continue;
        if (qStar[t][base + a] < vStar - REWARD_PRECISION) return false;
        const j = layers.next[t][base + a];
        if (j >= 0) nextVisited[j] = 1;
      }
    }
    visited = nextVisited;
  }
  return true;
}

/**
 * The smallest k such that the MDP is k-QVI-solvable (every policy greedy on Q^k is optimal, Q^1 = Q^random,
 * Q^{k+1} one value-iteration step on Q^k; paper Def. 5.2), or, with `startWithRewards`, the effective planning
 * window (Q^1 = r). Always ≤ T.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { layeredValues, minK } from "./analysis.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * minK(layeredValues(mdp)); // 1
 * ```
 */
export function minK(values: LayeredValues, opts: { startWithRewards?: boolean } = {}): number {
  const { layers } = values;
  const q = (opts.startWithRewards ? layers.reward : values.qRandom).map((x) => x.slice());
  for (let k = 1;; k++) {
    if (greedyIsOptimal(values, q)) return k;
    if (k >= layers.horizon) return k; // cannot happen: Q^T = Q*; guards against rounding
    backupInPlace(layers, q);
  }
}

/** Per-k terms of the Theorem 5.4 bound. */
export interface HorizonTerm {
  /** Planning depth k. */
  k: number;
  /** Whether the MDP is k-QVI-solvable along the greedy paths checked (if not, no bound at this k). */
  solvable: boolean;
  /** max over visited (t, s) of m_t(s) = ⌈16·σ²/Δ²·ln(2·T·A^k)⌉ (1 where no action is suboptimal). */
  m: number | null;
  /** H_k = k + log_A m. */
  hk: number | null;
  /** Smallest gap Δ between the best and the best suboptimal Q^k over visited states. */
  gap: number | null;
  /** Largest σ² used. */
  variance: number | null;
}

/** Result of {@link effectiveHorizon}. */
export interface HorizonResult {
  /** min(T, min_k H_k): the Theorem 5.4 upper bound on the effective horizon H. */
  effectiveHorizon: number;
  /** Smallest k with the MDP k-QVI-solvable. */
  minK: number;
  /** Effective planning window W. */
  epw: number;
  /** The terms for each k evaluated (k runs while k < the best bound so far, as the official analysis). */
  perK: HorizonTerm[];
  /** V*(start), V^random(start), worst return. */
  optimalReturn: number;
  /** Expected return of the uniformly random policy. */
  randomReturn: number;
  /** Worst return. */
  worstReturn: number;
}

/**
 * The effective-horizon bound of Theorem 5.4 as the official analysis computes it, with `minK` and the effective
 * planning window. At each state on the k-greedy paths: Δ = max_a Q^k − max over suboptimal a of Q^k,
 * σ² = max_a (Q^rand − Q^worst)(Q* − Q^worst) backed up k − 1 steps, m = ⌈16 σ²/Δ² ln(2 T A^k)⌉;
 * H_k = k + log_A max m; the result is min(T, min_k H_k).
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { effectiveHorizon } from "./analysis.ts";
 * // one state, 10 actions, action 0 pays 1, T = 10 (a dense-reward bandit chain)
 * const mdp = fromDeterministic({
 *   transitions: new Array(10).fill(0), rewards: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], numStates: 1, numActions: 10,
 *   horizon: 10,
 * });
 * effectiveHorizon(mdp).effectiveHorizon; // 1 + log10(687) ≈ 3.837
 * ```
 */
export function effectiveHorizon(
  mdp: TabularMdp | LayeredValues,
  opts: { maxK?: number; horizon?: number } = {},
): HorizonResult {
  const values = "qStar" in mdp ? mdp : layeredValues(mdp, { horizon: opts.horizon });
  const { layers, qRandom, qStar, qWorst } = values;
  const T = layers.horizon, A = layers.numActions;
  const maxK = checkInteger("maxK", opts.maxK ?? T, { min: 1 });
  const q = qRandom.map((x) => x.slice());
  const variance = qRandom.map((qr, t) => {
    const out = new Float64Array(qr.length);
    for (let k = 0; k < qr.length; k++) out[k] = (qr[k] - qWorst[t][k]) * (qStar[t][k] - qWorst[t][k]);
    return out;
  });
  let bound = T;
  const perK: HorizonTerm[] = [];
  for (let k = 1; k < bound && k <= maxK; k++) {
    const logTerm = Math.log(2 * T * Math.pow(A, k));
    let visited = Uint8Array.of(1);
    let solvable = true, maxM = 1, minGap = Infinity, maxVar = 0;
    for (let t = 0; t < T && solvable; t++) {
      const nextVisited = new Uint8Array(t + 1 < T ? layers.states[t + 1].length : 0);
      for (let i = 0; i < visited.length; i++) {
        if (!visited[i]) continue;
        const base = i * A;
        const vStar = rowMax(qStar[t], base, A);
        let maxQ = -Infinity, maxSubQ = -Infinity, sigma2 = -Infinity;
        for (let a = 0; a < A; a++) {
          const x = q[t][base + a];
          if (x > maxQ) maxQ = x;
          if (qStar[t][base + a] < vStar - REWARD_PRECISION && x > maxSubQ) maxSubQ = x;
          if (variance[t][base + a] > sigma2) sigma2 = variance[t][base + a];
        }
        if (maxQ === maxSubQ) {
          solvable = false;
          break;
        }
        if (maxSubQ > -Infinity) {
          const gap = maxQ - maxSubQ;
          const m = Math.max(1, Math.ceil(16 * sigma2 / (gap * gap) * logTerm));
          if (m > maxM) maxM = m;
          if (gap < minGap) minGap = gap;
          if (sigma2 > maxVar) maxVar = sigma2;
        }
        for (let a = 0; a < A; a++) {
          if (q[t][base + a] > maxSubQ) {
            const j = layers.next[t][base + a];
            if (j >= 0) nextVisited[j] = 1;
          }
        }
      }
      visited = nextVisited;
    }
    if (solvable) {
      const hk = k + Math.log(maxM) / Math.log(A);
      bound = Math.min(bound, hk);
      perK.push({ k, solvable, m: maxM, hk, gap: minGap === Infinity ? null : minGap, variance: maxVar });
    } else {
      perK.push({ k, solvable, m: null, hk: null, gap: null, variance: null });
    }
    backupInPlace(layers, q);
    backupVarianceInPlace(layers, variance);
  }
  return {
    effectiveHorizon: bound,
    minK: minK(values),
    epw: minK(values, { startWithRewards: true }),
    perK,
    optimalReturn: values.optimalReturn,
    randomReturn: values.randomReturn,
    worstReturn: values.worstReturn,
  };
}

/** σ²_{k+1,t}(s, a) = max_b σ²_{k,t+1}(s', b) (no reward term; 0 when the episode ends), in place, t < T − 1. */
function backupVarianceInPlace(layers: Layers, v: Float64Array[]): void {
  const A = layers.numActions;
  for (let t = 0; t < layers.horizon - 1; t++) {
    const vt = v[t], vn = v[t + 1], nx = layers.next[t];
    for (let k = 0; k < vt.length; k++) {
      const j = nx[k];
      vt[k] = j >= 0 ? rowMax(vn, j * A, A) : 0;
    }
  }
}

/** Random-policy occupancies and the covering-length bound. */
export interface OccupancyResult {
  /** min over visited (s, a) of max_t μ_t(s, a). */
  minStateActionOccupancy: number;
  /** min over visited (s, a) of Σ_t μ_t(s, a). */
  minSumStateActionOccupancy: number;
  /** Covering length bound L ≤ ln(2·S·A) / minStateActionOccupancy (S = states visited). */
  coveringLength: number;
  /** Number of distinct states visited within the horizon. */
  numVisitedStates: number;
}

/**
 * Occupancy of the uniformly random policy (μ_0(start) = 1, μ_t(s, a) = μ_t(s)/A) and the covering-length bound
 * that the paper compares against (official `occupancy_measures`).
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { occupancy } from "./analysis.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * occupancy(mdp).minStateActionOccupancy; // 0.5
 * ```
 */
export function occupancy(mdp: TabularMdp, opts: { horizon?: number } = {}): OccupancyResult {
  const layers = buildLayers(mdp, opts.horizon ?? mdp.horizon);
  const A = layers.numActions;
  const maxOcc = new Float64Array(mdp.numStates * A);
  const sumOcc = new Float64Array(mdp.numStates * A);
  const seen = new Uint8Array(mdp.numStates);
  let mu = Float64Array.of(1);
  for (let t = 0; t < layers.horizon; t++) {
    const layer = layers.states[t];
    const nextMu = new Float64Array(t + 1 < layers.horizon ? layers.states[t + 1].length : 0);
    for (let i = 0; i < layer.length; i++) {
      if (mu[i] === 0) continue;
      seen[layer[i]] = 1;
      const per = mu[i] / A;
      for (let a = 0; a < A; a++) {
        const g = layer[i] * A + a;
        if (per > maxOcc[g]) maxOcc[g] = per;
        sumOcc[g] += per;
        const j = layers.next[t][i * A + a];
        if (j >= 0) nextMu[j] += per;
      }
    }
    mu = nextMu;
  }
  let minMax = Infinity, minSum = Infinity, visited = 0;
  for (let s = 0; s < mdp.numStates; s++) {
    if (!seen[s]) continue;
    visited++;
    for (let a = 0; a < A; a++) {
      const g = s * A + a;
      if (maxOcc[g] < minMax) minMax = maxOcc[g];
      if (sumOcc[g] < minSum) minSum = sumOcc[g];
    }
  }
  return {
    minStateActionOccupancy: minMax,
    minSumStateActionOccupancy: minSum,
    coveringLength: Math.log(2 * visited * A) / minMax,
    numVisitedStates: visited,
  };
}
