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

/**
 * State values per layer: `v[t][i]` for the i-th reachable state of layer t. Q follows from them,
 * Q_t(s, a) = r(s, a) + V_{t+1}(s') (0 when the episode ends or t = T − 1): see {@link qLayer}. Keeping V instead
 * of Q needs A times less memory.
 */
export interface LayeredValues {
  /** The layers the values live on. */
  layers: Layers;
  /** V of the uniformly random policy. */
  vRandom: Float64Array[];
  /** Optimal V*. */
  vStar: Float64Array[];
  /** Worst-case V (min over actions at every step). */
  vWorst: Float64Array[];
  /** V*(start). */
  optimalReturn: number;
  /** V of the random policy at the start. */
  randomReturn: number;
  /** Worst return from the start. */
  worstReturn: number;
}

/** Q_t(i, a) = r + V_{t+1}(next) over one layer, given next-layer values (`undefined` at the last step). */
function fillQ(
  layers: Layers,
  t: number,
  vNext: Float64Array | undefined,
  i: number,
  out: Float64Array,
): void {
  const A = layers.numActions, s = layers.states[t][i], nx = layers.next[t], r = layers.rewards;
  for (let a = 0; a < A; a++) {
    const j = nx[i * A + a];
    out[a] = r[s * A + a] + (j >= 0 && vNext !== undefined ? vNext[j] : 0);
  }
}

/**
 * The Q-values of one layer (`kind` random, star or worst) as a `Float64Array` at `i * A + a`.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { layeredValues, qLayer } from "./analysis.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * qLayer(layeredValues(mdp), 0, "random"); // Float64Array [0, 1]
 * ```
 */
export function qLayer(values: LayeredValues, t: number, kind: "random" | "star" | "worst"): Float64Array {
  const { layers } = values;
  checkInteger("t", t, { min: 0, max: layers.horizon - 1 });
  const v = kind === "random" ? values.vRandom : kind === "star" ? values.vStar : values.vWorst;
  const A = layers.numActions, n = layers.states[t].length;
  const out = new Float64Array(n * A);
  for (let i = 0; i < n; i++) fillQ(layers, t, v[t + 1], i, out.subarray(i * A, (i + 1) * A));
  return out;
}

/**
 * V of the random policy, V* and the worst-case V by one backward pass (paper Sec. 3; official `value_iteration`).
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
  const vRandom: Float64Array[] = new Array(T), vStar: Float64Array[] = new Array(T);
  const vWorst: Float64Array[] = new Array(T);
  const r = layers.rewards;
  for (let t = T - 1; t >= 0; t--) {
    const layer = layers.states[t], nx = layers.next[t], n = layer.length;
    const nR = vRandom[t + 1], nS = vStar[t + 1], nW = vWorst[t + 1];
    const vr = new Float64Array(n), vs = new Float64Array(n), vw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const base = layer[i] * A;
      let sum = 0, best = -Infinity, worst = Infinity;
      for (let a = 0; a < A; a++) {
        // Q_t(s, a) = r(s, a) + V_{t+1}(s') for the three value functions (inlined fillQ: the hot loop)
        const j = nx[i * A + a];
        const ra = r[base + a];
        const last = j < 0 || nR === undefined;
        const qr = last ? ra : ra + nR[j];
        const qs = last ? ra : ra + nS[j];
        const qw = last ? ra : ra + nW[j];
        sum += qr;
        if (qs > best) best = qs;
        if (qw < worst) worst = qw;
      }
      vs[i] = best;
      vw[i] = worst;
      vr[i] = Math.min(best, Math.max(worst, sum / A));
    }
    vRandom[t] = vr;
    vStar[t] = vs;
    vWorst[t] = vw;
  }
  return {
    layers,
    vRandom,
    vStar,
    vWorst,
    optimalReturn: vStar[0][0],
    randomReturn: vRandom[0][0],
    worstReturn: vWorst[0][0],
  };
}

/**
 * Q^k is kept as per-state layers U with Q^k_t(s, a) = r(s, a) + U_{t+1}(s'): U = V^random for k = 1 (zero for the
 * planning window, where Q^1 = r), and one value-iteration step Q^{k+1}_t = r + max_b Q^k_{t+1} is
 * U_t ← max_a (r + U_{t+1}(s')), for t ≥ 1, ascending so each update reads the old U_{t+1}. Q at t = T − 1 stays r.
 * Before the j-th backup, U_t = V*_t already holds for t > T − j (values converge from the last step back), so
 * only t ≤ T − j is recomputed: `j` halves the total work of long searches such as the planning window's.
 */
function backupU(layers: Layers, u: Float64Array[], j: number): void {
  const A = layers.numActions, r = layers.rewards;
  for (let t = 1; t <= layers.horizon - j; t++) {
    const ut = u[t], un = u[t + 1], layer = layers.states[t], nx = layers.next[t];
    for (let i = 0; i < ut.length; i++) {
      const base = layer[i] * A;
      let m = -Infinity;
      for (let a = 0; a < A; a++) {
        const k = nx[i * A + a];
        const q = r[base + a] + (k >= 0 && un !== undefined ? un[k] : 0);
        if (q > m) m = q;
      }
      ut[i] = m;
    }
  }
}

function maxOf(x: Float64Array): number {
  let m = -Infinity;
  for (let a = 0; a < x.length; a++) if (x[a] > m) m = x[a];
  return m;
}

/**
 * Whether every policy greedy on Q^k (ties included) is optimal: a forward pass from the start along greedy
 * actions, failing at the first greedy action that is suboptimal.
 */
function greedyIsOptimal(values: LayeredValues, u: Float64Array[]): boolean {
  const { layers, vStar } = values;
  const A = layers.numActions;
  const q = new Float64Array(A), qs = new Float64Array(A);
  let visited = Uint8Array.of(1);
  for (let t = 0; t < layers.horizon; t++) {
    const nextVisited = new Uint8Array(t + 1 < layers.horizon ? layers.states[t + 1].length : 0);
    for (let i = 0; i < visited.length; i++) {
      if (!visited[i]) continue;
      fillQ(layers, t, u[t + 1], i, q);
      fillQ(layers, t, vStar[t + 1], i, qs);
      const maxQ = maxOf(q);
      const v = vStar[t][i];
      for (let a = 0; a < A; a++) {
        if (q[a] < maxQ) continue;
        if (qs[a] < v - REWARD_PRECISION) return false;
        const j = layers.next[t][i * A + a];
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
  const u = opts.startWithRewards
    ? values.vRandom.map((x) => new Float64Array(x.length))
    : values.vRandom.map((x) => x.slice());
  for (let k = 1;; k++) {
    if (greedyIsOptimal(values, u)) return k;
    if (k >= layers.horizon) return k; // cannot happen: Q^T = Q*; guards against rounding
    backupU(layers, u, k);
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
  /** V*(start). */
  optimalReturn: number;
  /** Expected return of the uniformly random policy. */
  randomReturn: number;
  /** Worst return. */
  worstReturn: number;
}

/**
 * σ²_1,t(s, a) = (Q^rand − Q^worst)(Q* − Q^worst) (a Bhatia–Davis bound on the random return's variance); for
 * k ≥ 2, σ²_k,t(s, a) = G_{t+1}(s') with G_t(s) = max_b σ²_{k−1},t(s, b) (0 when the episode ends, and at the last
 * step). `fillVariance` writes σ²_k over the actions of (t, i).
 */
function fillVariance(
  values: LayeredValues,
  g: Float64Array[] | null,
  t: number,
  i: number,
  out: Float64Array,
  scratch: Float64Array[],
): void {
  const { layers } = values;
  const A = layers.numActions;
  if (g === null) {
    const [qr, qs, qw] = scratch;
    fillQ(layers, t, values.vRandom[t + 1], i, qr);
    fillQ(layers, t, values.vStar[t + 1], i, qs);
    fillQ(layers, t, values.vWorst[t + 1], i, qw);
    for (let a = 0; a < A; a++) out[a] = (qr[a] - qw[a]) * (qs[a] - qw[a]);
    return;
  }
  const nx = layers.next[t], gn = g[t + 1];
  for (let a = 0; a < A; a++) {
    const j = nx[i * A + a];
    out[a] = j >= 0 && gn !== undefined ? gn[j] : 0;
  }
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
  const values = "vStar" in mdp ? mdp : layeredValues(mdp, { horizon: opts.horizon });
  const { layers, vStar } = values;
  const T = layers.horizon, A = layers.numActions;
  const maxK = checkInteger("maxK", opts.maxK ?? T, { min: 1 });
  const u = values.vRandom.map((x) => x.slice());
  let g: Float64Array[] | null = null;
  const q = new Float64Array(A), qs = new Float64Array(A), sig = new Float64Array(A);
  const scratch = [new Float64Array(A), new Float64Array(A), new Float64Array(A)];
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
        fillQ(layers, t, u[t + 1], i, q);
        fillQ(layers, t, vStar[t + 1], i, qs);
        fillVariance(values, g, t, i, sig, scratch);
        const v = vStar[t][i];
        let maxQ = -Infinity, maxSubQ = -Infinity, sigma2 = -Infinity;
        for (let a = 0; a < A; a++) {
          if (q[a] > maxQ) maxQ = q[a];
          if (qs[a] < v - REWARD_PRECISION && q[a] > maxSubQ) maxSubQ = q[a];
          if (sig[a] > sigma2) sigma2 = sig[a];
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
          if (q[a] > maxSubQ) {
            const j = layers.next[t][i * A + a];
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
    if (k + 1 >= bound || k + 1 > maxK) break; // the next k would not be evaluated: skip its backups
    backupU(layers, u, k);
    // G_t(s) = max_a σ²_k,t(s, a), for t ≥ 1 (layer 0 is never a successor)
    const gNew = layers.states.map((st) => new Float64Array(st.length));
    for (let t = 1; t < T; t++) {
      for (let i = 0; i < gNew[t].length; i++) {
        fillVariance(values, g, t, i, sig, scratch);
        gNew[t][i] = maxOf(sig);
      }
    }
    g = gNew;
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
