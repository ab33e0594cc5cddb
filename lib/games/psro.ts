/**
 * Policy-Space Response Oracles (PSRO; Lanctot et al. 2017) on two-player normal-form games with exact
 * best-response oracles, and pluggable meta-solvers: Nash (exact LP for zero-sum meta-games; fictitious play or
 * the max-welfare support-enumeration equilibrium for general-sum ones), uniform (fictitious self-play) and RAE
 * (RAE-PSRO, the RAE paper's extension to large games). Each population member is a mixed strategy of the
 * underlying game (a "policy"), so an initial random policy is the uniform strategy, as in MARL PSRO.
 *
 * @module
 */
import { checkInRange, checkInteger, checkOneOf } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { fictitiousPlay } from "./dynamics.ts";
import { solveZeroSum, supportEnumeration } from "./nash.ts";
import {
  bimatrix,
  nashConv,
  type NormalFormGame,
  opponentLottery,
  ownView,
  payoffMoments,
  uniformStrategy,
} from "./normal_form.ts";
import { raeGap, riskAverseBestResponse, solveRae } from "./rae.ts";

/** Meta-solvers: Nash, uniform over the population, or the risk-averse equilibrium. */
export type MetaSolver = "nash" | "uniform" | "rae";

/** Best-response oracles: expected payoff (Nash) or mean–variance (risk-averse). */
export type Oracle = "nash" | "rae";

/** Options of {@link psro}. */
export interface PsroOptions {
  /** Meta-solver; default "nash". */
  metaSolver?: MetaSolver;
  /** Oracle; default "rae" for the RAE meta-solver, else "nash". */
  oracle?: Oracle;
  /** Risk aversion γ of the RAE meta-solver, oracle and metrics; default 1. */
  riskAversion?: number;
  /** PSRO iterations (oracle calls per player); default 20. */
  iterations?: number;
  /** Initial population of each player (mixed strategies of the underlying game); default [uniform]. */
  initial?: [Float64Array[], Float64Array[]];
  /**
   * Nash selection in general-sum meta-games: "fp" (fictitious play from uniform, 2000 iterations; default) or
   * "welfare" (the max-welfare equilibrium from support enumeration, populations up to 12).
   */
  nashSelection?: "fp" | "welfare";
  /** Fictitious-play iterations of the RAE meta-solver; default 2000. */
  raeIterations?: number;
  /** Progress callback (iterations done). */
  onProgress?: ProgressCallback;
  /** Stop request, checked between iterations. */
  signal?: AbortSignal;
}

/** Metrics of one PSRO iteration, measured on the underlying game at the meta-strategy profile. */
export interface PsroRecord {
  /** Iteration (0 = the initial population). */
  iteration: number;
  /** Population size of each player. */
  populationSize: [number, number];
  /** NashConv of the induced strategies in the underlying game. */
  nashConv: number;
  /** RAE gap of the induced strategies (with the run's γ). */
  raeGap: number;
  /** Expected payoff of each player. */
  payoff: [number, number];
  /** Opponent-induced payoff variance of each player. */
  variance: [number, number];
  /** The induced strategies of both players in the underlying game. */
  strategies: [Float64Array, Float64Array];
}

/** Result of {@link psro}. */
export interface PsroResult {
  /** Final populations. */
  populations: [Float64Array[], Float64Array[]];
  /** Final meta-strategies over the populations. */
  metaStrategies: [Float64Array, Float64Array];
  /** Strategies in the underlying game induced by the meta-strategies. */
  strategies: [Float64Array, Float64Array];
  /** Metrics per iteration. */
  records: PsroRecord[];
}

/**
 * The meta-game of two populations: entry (k, l) pays player i the expected payoff π_kᵀ A_i σ_l of row policy k
 * against column policy l.
 *
 * @example
 * ```ts
 * import { matchingPennies } from "./catalog.ts";
 * import { metaGame } from "./psro.ts";
 * const m = metaGame(matchingPennies(), [[Float64Array.of(1, 0)], [Float64Array.of(1, 0), Float64Array.of(0, 1)]]);
 * m.payoffs[0]; // [1, -1]
 * ```
 */
export function metaGame(game: NormalFormGame, pops: [Float64Array[], Float64Array[]]): NormalFormGame {
  const [n, m] = game.numActions;
  const A = game.payoffs[0], B = game.payoffs[1];
  const value = (U: Float64Array, x: Float64Array, y: Float64Array) => {
    let s = 0;
    for (let r = 0; r < n; r++) {
      if (x[r] === 0) continue;
      let row = 0;
      for (let c = 0; c < m; c++) row += U[r * m + c] * y[c];
      s += x[r] * row;
    }
    return s;
  };
  const MA = pops[0].map((x) => pops[1].map((y) => value(A, x, y)));
  const MB = pops[0].map((x) => pops[1].map((y) => value(B, x, y)));
  return bimatrix(MA, MB);
}

function induced(pop: Float64Array[], meta: ArrayLike<number>): Float64Array {
  const out = new Float64Array(pop[0].length);
  pop.forEach((p, k) => {
    for (let a = 0; a < out.length; a++) out[a] += meta[k] * p[a];
  });
  return out;
}

function isZeroSum(game: NormalFormGame): boolean {
  const [A, B] = game.payoffs;
  for (let i = 0; i < A.length; i++) if (Math.abs(A[i] + B[i]) > 1e-12) return false;
  return true;
}

/**
 * Solve a PSRO meta-game with a meta-solver: "uniform" (fictitious self-play), "rae" (risk-averse fictitious play
 * with γ = `gamma`, `raeIterations` iterations) or "nash" (the zero-sum LP; else the max-welfare equilibrium of
 * support enumeration when `selection` is "welfare" and the meta-game is small, else fictitious play from uniform,
 * 2000 iterations). Shared by {@link psro} and the learned-oracle PSRO of learned_psro.ts.
 *
 * @example
 * ```ts
 * import { stagHunt } from "./catalog.ts";
 * import { solveMetaGame } from "./psro.ts";
 * solveMetaGame(stagHunt(4, 3), "rae", 1, "fp", 500)[0]; // ≈ [0, 1]: hare
 * ```
 */
export function solveMetaGame(
  meta: NormalFormGame,
  solver: MetaSolver,
  gamma: number,
  selection: "fp" | "welfare",
  raeIterations: number,
): [Float64Array, Float64Array] {
  const [K, L] = meta.numActions;
  if (solver === "uniform") return [uniformStrategy(K), uniformStrategy(L)];
  if (solver === "rae") {
    const r = solveRae(meta, { riskAversion: gamma, iterations: raeIterations, recordEvery: raeIterations });
    return [r.strategies[0], r.strategies[1]];
  }
  if (isZeroSum(meta)) {
    const z = solveZeroSum(meta.payoffs[0], K, L);
    return [z.row, z.col];
  }
  if (selection === "welfare" && K <= 12 && L <= 12) {
    const eqs = supportEnumeration(meta);
    if (eqs.length > 0) {
      const best = eqs.reduce((
        a,
        b,
      ) => (b.payoffs[0] + b.payoffs[1] > a.payoffs[0] + a.payoffs[1] + 1e-12 ? b : a));
      return best.strategies;
    }
  }
  const fp = fictitiousPlay(meta, { iterations: 2000, recordEvery: 2000 });
  return [fp.strategies[0], fp.strategies[1]];
}

/**
 * PSRO / double oracle with exact oracles on a two-player game: each iteration solves the meta-game of the current
 * populations with the meta-solver, then adds to each population the oracle's best response (exact Nash BR: a
 * pure strategy; risk-averse BR: the mean–variance QP) against the opponent's meta-strategy mixture (from the
 * responder's view a fixed lottery over the opponent's actions). A response already in the population is not
 * added again. Records NashConv, RAE gap, payoffs and opponent-induced variances of the induced profile.
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { randomZeroSum } from "./catalog.ts";
 * import { psro } from "./psro.ts";
 * const r = psro(randomZeroSum(20, 20, new Rng(0)), { iterations: 30 });
 * r.records.at(-1)!.nashConv < 1e-9; // true: the double oracle reaches the exact equilibrium
 * ```
 */
export function psro(game: NormalFormGame, opts: PsroOptions = {}): PsroResult {
  if (game.numPlayers !== 2) throw new RangeError(`psro needs a 2-player game, got ${game.numPlayers}`);
  const metaSolver = checkOneOf("metaSolver", opts.metaSolver ?? "nash", ["nash", "uniform", "rae"] as const);
  const oracle = checkOneOf(
    "oracle",
    opts.oracle ?? (metaSolver === "rae" ? "rae" : "nash"),
    [
      "nash",
      "rae",
    ] as const,
  );
  const gamma = checkInRange("riskAversion", opts.riskAversion ?? 1, { min: 0 });
  const iterations = checkInteger("iterations", opts.iterations ?? 20, { min: 0 });
  const selection = checkOneOf("nashSelection", opts.nashSelection ?? "fp", ["fp", "welfare"] as const);
  const raeIterations = checkInteger("raeIterations", opts.raeIterations ?? 2000, { min: 1 });
  const pops: [Float64Array[], Float64Array[]] = opts.initial
    ? [opts.initial[0].map((s) => Float64Array.from(s)), opts.initial[1].map((s) => Float64Array.from(s))]
    : [[uniformStrategy(game.numActions[0])], [uniformStrategy(game.numActions[1])]];
  pops.forEach((pop, i) => {
    if (pop.length < 1) throw new RangeError(`initial[${i}] must hold at least one strategy`);
    pop.forEach((s, k) => {
      if (s.length !== game.numActions[i]) {
        throw new RangeError(`initial[${i}][${k}] must have ${game.numActions[i]} entries, got ${s.length}`);
      }
    });
  });
  const views = [ownView(game, 0), ownView(game, 1)];
  const records: PsroRecord[] = [];
  let metas: [Float64Array, Float64Array] = [uniformStrategy(1), uniformStrategy(1)];
  let strategies: [Float64Array, Float64Array] = [pops[0][0], pops[1][0]];
  for (let it = 0; it <= iterations; it++) {
    opts.signal?.throwIfAborted();
    metas = solveMetaGame(metaGame(game, pops), metaSolver, gamma, selection, raeIterations);
    strategies = [induced(pops[0], metas[0]), induced(pops[1], metas[1])];
    const m0 = payoffMoments(game, 0, strategies), m1 = payoffMoments(game, 1, strategies);
    records.push({
      iteration: it,
      populationSize: [pops[0].length, pops[1].length],
      nashConv: nashConv(game, strategies),
      raeGap: raeGap(game, strategies, gamma),
      payoff: [m0.mean, m1.mean],
      variance: [m0.variance, m1.variance],
      strategies,
    });
    opts.onProgress?.({ done: it, total: iterations });
    if (it === iterations) break;
    const responses = [0, 1].map((i) => {
      const lot = { ...opponentLottery(game, i, strategies), values: views[i] };
      return riskAverseBestResponse(lot, oracle === "rae" ? gamma : 0, { tol: 1e-12, maxIterations: 5000 })
        .strategy;
    });
    responses.forEach((br, i) => {
      const known = pops[i].some((p) => p.reduce((s, v, a) => s + Math.abs(v - br[a]), 0) < 1e-6);
      if (!known) pops[i].push(br);
    });
  }
  return { populations: pops, metaStrategies: metas, strategies, records };
}
