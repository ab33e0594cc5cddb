/**
 * Risk-averse equilibria (RAE; Slumbers, Mguni, McAleer, Blumberg, Yang & Wang, ICML 2023, arXiv 2205.15434).
 *
 * What the paper's reachable text fixes (abstract, ICML and ICLR-2023 versions): the risk is the variance of a
 * player's reward *caused by the other agents' strategies*; an RAE is "the strategy with minimum variance, given any
 * level of expected utility"; it always exists; it is computed in small games by a fictitious-play-type algorithm
 * (convergent in zero-sum and potential games) and in large games by PSRO. The exact formula of the paper
 * (section 3; its symbols and equation numbers) could not be read here, so this file implements the mean–variance
 * (Markowitz) form that matches that description, stated as ours:
 *
 * - Each own pure action a is an "asset" whose return is u_i(a, a₋ᵢ) with a₋ᵢ ∼ σ₋ᵢ: mean μᵢ(a), covariance
 *   Σᵢ[a][b] = E[(u_i(a, a₋ᵢ) − μᵢ(a))(u_i(b, a₋ᵢ) − μᵢ(b))].
 * - The risk-averse utility of a mixed strategy π is  Uᵢ(π, σ₋ᵢ) = πᵀμᵢ − γᵢ·πᵀΣᵢπ  (γᵢ ≥ 0). As γᵢ runs over
 *   [0, ∞) its maximisers trace the mean–variance efficient frontier ("minimum variance given any level of expected
 *   utility"; Lagrangian duality of the convex QP), and γᵢ = 0 is the Nash best response.
 * - An RAE is a profile where every σᵢ maximises Uᵢ(·, σ₋ᵢ). Uᵢ is continuous and concave in πᵢ (Σᵢ is PSD), so
 *   Kakutani's theorem gives existence in every finite game.
 * - Algorithm: fictitious play where each best response is the mean–variance QP on the simplex (solved here by
 *   accelerated projected gradient), against the others' empirical averages.
 * - Convergence measure: the RAE gap Σᵢ [maxπ Uᵢ(π, σ₋ᵢ) − Uᵢ(σᵢ, σ₋ᵢ)] ≥ 0, zero exactly at an RAE (the RAE
 *   analogue of NashConv).
 *
 * @module
 */
import { checkInRange, checkInteger, checkLength, checkPositive } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import {
  actionMeans,
  checkProfile,
  covarianceTimes,
  nashConv,
  type NormalFormGame,
  type OpponentLottery,
  opponentWeights,
  ownView,
  type Profile,
  uniformStrategy,
} from "./normal_form.ts";

/**
 * Euclidean projection of `v` onto the probability simplex (sort-based, O(n log n)), written into `out`.
 *
 * @example
 * ```ts
 * import { projectSimplex } from "./rae.ts";
 * projectSimplex([0.8, 0.6, -1]); // Float64Array [0.6, 0.4, 0]
 * ```
 */
export function projectSimplex(
  v: ArrayLike<number>,
  out: Float64Array = new Float64Array(v.length),
): Float64Array {
  const n = v.length;
  const u = Float64Array.from(v).sort().reverse();
  let cum = 0, theta = 0;
  for (let k = 0; k < n; k++) {
    cum += u[k];
    const t = (cum - 1) / (k + 1);
    if (u[k] - t > 0) theta = t;
  }
  for (let a = 0; a < n; a++) out[a] = Math.max(0, v[a] - theta);
  return out;
}

/** Options of {@link riskAverseBestResponse}. */
export interface BestResponseOptions {
  /** Starting point (warm start); default uniform. */
  init?: ArrayLike<number>;
  /** Stop when an iterate moves less than this in L1; default 1e-10. */
  tol?: number;
  /** Iteration cap; default 2000. */
  maxIterations?: number;
}

/** A risk-averse best response and its utility parts. */
export interface RiskAverseResponse {
  /** The maximiser of πᵀμ − γ·πᵀΣπ on the simplex. */
  strategy: Float64Array;
  /** Its utility πᵀμ − γ·πᵀΣπ. */
  utility: number;
  /** Its expected payoff πᵀμ. */
  mean: number;
  /** Its opponent-induced variance πᵀΣπ. */
  variance: number;
  /** Projected-gradient iterations used. */
  iterations: number;
}

function argmax(mu: Float64Array): number {
  let best = 0;
  for (let a = 1; a < mu.length; a++) if (mu[a] > mu[best] + 1e-12) best = a;
  return best;
}

/**
 * The risk-averse (mean–variance) best response to a lottery: argmax over the simplex of πᵀμ − γ·πᵀΣπ. For γ = 0
 * it is the pure Nash best response (lowest index on ties); otherwise the concave QP is solved by FISTA with
 * projection onto the simplex, step 1/L from a power-iteration estimate of 2γ·λmax(Σ), doubled (with a momentum
 * restart) whenever the objective would decrease.
 *
 * @example
 * ```ts
 * import { bimatrix, opponentLottery } from "./normal_form.ts";
 * import { riskAverseBestResponse } from "./rae.ts";
 * // Risky pays 4 vs C, −6 vs D; Safe pays 1. Opponent: C w.p. 0.9. μ = (3, 1), Var(Risky) = 9.
 * const lot = opponentLottery(bimatrix([[4, -6], [1, 1]]), 0, [[1, 0], [0.9, 0.1]]);
 * riskAverseBestResponse(lot, 0.5).strategy; // ≈ [0.2222, 0.7778]: p* = 2/(2·0.5·9) = 1/(9γ)
 * ```
 */
export function riskAverseBestResponse(
  lot: OpponentLottery,
  gamma: number,
  opts: BestResponseOptions = {},
): RiskAverseResponse {
  checkInRange("gamma", gamma, { min: 0 });
  const tol = checkPositive("tol", opts.tol ?? 1e-10);
  const maxIterations = checkInteger("maxIterations", opts.maxIterations ?? 2000, { min: 1 });
  const n = lot.numOwn;
  const mu = actionMeans(lot);
  const scratch = new Float64Array(lot.numJoint);
  const sx = new Float64Array(n);
  const parts = (x: Float64Array) => {
    covarianceTimes(lot, mu, x, sx, scratch);
    let m = 0, v = 0;
    for (let a = 0; a < n; a++) {
      m += x[a] * mu[a];
      v += x[a] * sx[a];
    }
    return { mean: m, variance: Math.max(0, v) };
  };
  if (gamma === 0) {
    const x = new Float64Array(n);
    x[argmax(mu)] = 1;
    const p = parts(x);
    return { strategy: x, utility: p.mean, mean: p.mean, variance: p.variance, iterations: 0 };
  }
  let x = opts.init ? projectSimplex(opts.init) : uniformStrategy(n);
  if (opts.init) checkLength("init", opts.init, n);
  // λmax(Σ) by power iteration from the all-ones direction (Σ is PSD).
  let z = new Float64Array(n).fill(1 / Math.sqrt(n));
  let lam = 0;
  const tmp = new Float64Array(n);
  for (let k = 0; k < 30; k++) {
    covarianceTimes(lot, mu, z, tmp, scratch);
    let norm = 0;
    for (let a = 0; a < n; a++) norm += tmp[a] * tmp[a];
    norm = Math.sqrt(norm);
    if (norm < 1e-300) break;
    lam = norm;
    z = Float64Array.from(tmp, (t) => t / norm);
  }
  let L = Math.max(2 * gamma * lam * 1.05, 1e-12);
  const f = (p: { mean: number; variance: number }) => -(p.mean - gamma * p.variance);
  let fx = f(parts(x));
  let y = Float64Array.from(x);
  let t = 1;
  const g = new Float64Array(n), step = new Float64Array(n), xNew = new Float64Array(n);
  let it = 0;
  for (; it < maxIterations; it++) {
    covarianceTimes(lot, mu, y, g, scratch);
    for (let a = 0; a < n; a++) step[a] = y[a] - (-mu[a] + 2 * gamma * g[a]) / L;
    projectSimplex(step, xNew);
    const fNew = f(parts(xNew));
    if (fNew > fx + 1e-13 * (1 + Math.abs(fx))) {
      L *= 2;
      y = Float64Array.from(x);
      t = 1;
      continue;
    }
    let moved = 0;
    for (let a = 0; a < n; a++) moved += Math.abs(xNew[a] - x[a]);
    const tNew = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const beta = (t - 1) / tNew;
    for (let a = 0; a < n; a++) y[a] = xNew[a] + beta * (xNew[a] - x[a]);
    x = Float64Array.from(xNew);
    fx = fNew;
    t = tNew;
    if (moved < tol) break;
  }
  const p = parts(x);
  return {
    strategy: x,
    utility: p.mean - gamma * p.variance,
    mean: p.mean,
    variance: p.variance,
    iterations: it,
  };
}

function gammas(game: NormalFormGame, riskAversion: number | readonly number[]): number[] {
  if (typeof riskAversion === "number") {
    checkInRange("riskAversion", riskAversion, { min: 0 });
    return game.numActions.map(() => riskAversion);
  }
  checkLength("riskAversion", riskAversion, game.numPlayers);
  return riskAversion.map((g, i) => checkInRange(`riskAversion[${i}]`, g, { min: 0 }));
}

/**
 * Mean–variance utility Uᵢ(σᵢ, σ₋ᵢ) = σᵢᵀμᵢ − γ·σᵢᵀΣᵢσᵢ of every player under a profile.
 *
 * @example
 * ```ts
 * import { bimatrix } from "./normal_form.ts";
 * import { riskAverseUtilities } from "./rae.ts";
 * riskAverseUtilities(bimatrix([[4, -6], [1, 1]]), [[1, 0], [0.9, 0.1]], 0.5)[0]; // 3 − 0.5·9 = −1.5
 * ```
 */
export function riskAverseUtilities(
  game: NormalFormGame,
  strategies: Profile,
  riskAversion: number | readonly number[],
): number[] {
  checkProfile(game, strategies);
  const gs = gammas(game, riskAversion);
  return gs.map((gamma, i) => {
    const lot = lotteryOf(game, i, strategies);
    const mu = actionMeans(lot);
    const sp = covarianceTimes(lot, mu, strategies[i]);
    let m = 0, v = 0;
    for (let a = 0; a < mu.length; a++) {
      m += strategies[i][a] * mu[a];
      v += strategies[i][a] * sp[a];
    }
    return m - gamma * v;
  });
}

function lotteryOf(
  game: NormalFormGame,
  i: number,
  strategies: Profile,
  view?: Float64Array,
): OpponentLottery {
  const weights = opponentWeights(game, i, strategies);
  return {
    numOwn: game.numActions[i],
    numJoint: weights.length,
    values: view ?? ownView(game, i),
    weights,
  };
}

/**
 * The RAE gap Σᵢ [maxπ Uᵢ(π, σ₋ᵢ) − Uᵢ(σᵢ, σ₋ᵢ)]: how much the players could gain in mean–variance utility by
 * unilateral deviation; 0 exactly at an RAE. With γ = 0 it equals {@link nashConv}.
 *
 * @example
 * ```ts
 * import { prisonersDilemma } from "./catalog.ts";
 * import { raeGap } from "./rae.ts";
 * raeGap(prisonersDilemma(), [[0, 1], [0, 1]], 1); // 0: (D, D) is pure, no opponent-induced variance
 * ```
 */
export function raeGap(
  game: NormalFormGame,
  strategies: Profile,
  riskAversion: number | readonly number[],
  opts: BestResponseOptions = {},
): number {
  checkProfile(game, strategies);
  const gs = gammas(game, riskAversion);
  const current = riskAverseUtilities(game, strategies, gs);
  let gap = 0;
  gs.forEach((gamma, i) => {
    const br = riskAverseBestResponse(lotteryOf(game, i, strategies), gamma, {
      init: strategies[i],
      tol: 1e-13,
      maxIterations: 5000,
      ...opts,
    });
    gap += Math.max(0, br.utility - current[i]);
  });
  return gap;
}

/** Options of {@link solveRae}. */
export interface RaeOptions {
  /** Risk aversion γ ≥ 0, one for all players or one per player; default 1. */
  riskAversion?: number | readonly number[];
  /** Fictitious-play iterations; default 1000. */
  iterations?: number;
  /** Initial strategies; default uniform. */
  init?: Profile;
  /** Record the RAE gap (and NashConv) every this many iterations; default iterations / 50. */
  recordEvery?: number;
  /** Options of each best-response QP (warm-started from the previous one). */
  bestResponse?: BestResponseOptions;
  /** Progress callback (iterations done). */
  onProgress?: ProgressCallback;
  /** Stop request, checked between iterations. */
  signal?: AbortSignal;
}

/** Result of {@link solveRae}. */
export interface RaeResult {
  /** The final empirical-average strategies (the RAE approximation). */
  strategies: Float64Array[];
  /** Iterations of the trace. */
  steps: number[];
  /** RAE gap at each recorded iteration (the convergence measure). */
  gap: number[];
  /** NashConv at each recorded iteration (for comparison). */
  nashConv: number[];
}

/**
 * Risk-averse fictitious play: at iteration t every player plays its mean–variance best response
 * ({@link riskAverseBestResponse}) to the others' empirical averages, and the averages move by 1/(t+1) towards it.
 * A fixed point of the averages is an RAE; the RAE gap measures convergence.
 *
 * @example
 * ```ts
 * import { stagHunt } from "./catalog.ts";
 * import { solveRae } from "./rae.ts";
 * const r = solveRae(stagHunt(4, 3), { riskAversion: 1, iterations: 200 });
 * r.strategies[0][1] > 0.99; // true: both hunt hare, the risk-dominant equilibrium
 * ```
 */
export function solveRae(game: NormalFormGame, opts: RaeOptions = {}): RaeResult {
  const gs = gammas(game, opts.riskAversion ?? 1);
  const iterations = checkInteger("iterations", opts.iterations ?? 1000, { min: 1 });
  const recordEvery = checkInteger(
    "recordEvery",
    opts.recordEvery ?? Math.max(1, Math.floor(iterations / 50)),
    {
      min: 1,
    },
  );
  const avg = (opts.init ?? game.numActions.map((n) => uniformStrategy(n))).map((s) => Float64Array.from(s));
  checkProfile(game, avg, "init");
  const views = game.numActions.map((_, i) => ownView(game, i));
  let last: Float64Array[] = avg.map((s) => Float64Array.from(s));
  const steps: number[] = [], gap: number[] = [], nc: number[] = [];
  for (let t = 1; t <= iterations; t++) {
    opts.signal?.throwIfAborted();
    const brs = gs.map((gamma, i) =>
      riskAverseBestResponse(lotteryOf(game, i, avg, views[i]), gamma, {
        init: last[i],
        ...opts.bestResponse,
      })
        .strategy
    );
    last = brs;
    const w = 1 / (t + 1);
    avg.forEach((s, i) => {
      for (let a = 0; a < s.length; a++) s[a] = (1 - w) * s[a] + w * brs[i][a];
    });
    if (t % recordEvery === 0 || t === iterations) {
      steps.push(t);
      gap.push(raeGap(game, avg, gs));
      nc.push(nashConv(game, avg));
    }
    opts.onProgress?.({ done: t, total: iterations });
  }
  return { strategies: avg, steps, gap, nashConv: nc };
}
