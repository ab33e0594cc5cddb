/**
 * PSRO on symmetric two-player Markov games with learned best-response oracles (Lanctot et al. 2017; RAE-PSRO of
 * Slumbers et al. 2023 when the meta-solver is the RAE). One population plays both seats (the games here are
 * symmetric: both players draw their starts from one distribution and see the game from their own side).
 *
 * Each iteration:
 * 1. Empirical meta-game: every ordered pair of members (k, l) is played for `evalEpisodes` episodes (greedy
 *    actions); Â[k][l] is k's mean return against l, symmetrised over the two seats, and the outcome rates and
 *    return variances are kept beside it.
 * 2. Meta-strategy σ over the population from the meta-solver on the symmetric meta-game (Â, Âᵀ): "nash"
 *    (fictitious play from uniform, which stays symmetric), "rae" ({@link symmetricMetaRae}: risk-averse
 *    fictitious play with γ; the variance it penalises is the opponent-induced variance across population members
 *    plus each pair's own return variance measured in the rollouts), "uniform" (fictitious
 *    self-play) or "self-play" (all weight on the newest member).
 * 3. Oracle: a new policy is trained by `oracle` (PPO by default) in {@link opponentMixtureEnv}, facing an opponent
 *    drawn from σ every episode; with `oracleRiskAversion` > 0 it maximises E[G] − γ·Var[G] (see opponent_env.ts).
 *
 * @module
 */
import type { VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkOneOf } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { type PpoConfig, trainPpo } from "../agents/ppo.ts";
import type { Policy } from "../agents/policy.ts";
import {
  type Agent,
  type MarkovGame,
  type MatchResult,
  playMatch,
  policyAgent,
  randomAgent,
} from "./markov_game.ts";
import { bimatrix } from "./normal_form.ts";
import { opponentMixtureEnv } from "./opponent_env.ts";
import { solveMetaGame } from "./psro.ts";
import { riskAverseBestResponse } from "./rae.ts";

/** Meta-solvers of {@link learnedPsro}. */
export type LearnedMetaSolver = "nash" | "rae" | "uniform" | "self-play";

/** A learned best-response oracle: trains a policy in the given single-agent view of the game. */
export type LearnedOracle = (env: VecEnv, info: { iteration: number; seed: number }) => Promise<Policy>;

/** Options of {@link learnedPsro}. */
export interface LearnedPsroOptions {
  /** Builds the game with `numEnvs` copies (called for the training and the evaluation copies). */
  makeGame: (numEnvs: number) => MarkovGame;
  /** Meta-solver; default "nash". */
  metaSolver?: LearnedMetaSolver;
  /** γ of the RAE meta-solver; default 0.5. */
  riskAversion?: number;
  /** γ of the oracle's mean–variance reward; default `riskAversion` for the RAE meta-solver, else 0. */
  oracleRiskAversion?: number;
  /** PSRO iterations (policies added); default 3. */
  iterations?: number;
  /** The oracle; default {@link ppoOracle} with {@link PSRO_PPO}. */
  oracle?: LearnedOracle;
  /** Copies of the training view; default 8. */
  trainEnvs?: number;
  /** Episodes per ordered pair in the empirical meta-game; default 64. */
  evalEpisodes?: number;
  /** Copies used for evaluation; default 32. */
  evalEnvs?: number;
  /** Initial population; default [uniformly random agent]. */
  initial?: Agent[];
  /**
   * Population members act greedily (argmax) instead of sampling from their policies; default false (sampling:
   * members of a symmetric population can then break ties, e.g. who drives first, at random).
   */
  greedy?: boolean;
  /** Seed of oracles and evaluations; default 0. */
  seed?: number;
  /** Progress (iterations done). */
  onProgress?: ProgressCallback;
  /** Stop request, checked between iterations. */
  signal?: AbortSignal;
}

/** The population's state at one PSRO iteration (under its meta-strategy). */
export interface LearnedPsroRecord {
  /** Iteration (0 = the initial population). */
  iteration: number;
  /** Population size. */
  populationSize: number;
  /** Meta-strategy σ over the population. */
  metaStrategy: number[];
  /** Expected return σᵀÂσ of a member drawn from σ against another drawn from σ. */
  payoff: number;
  /** Variance of that return (within-pair and across-pair). */
  variance: number;
  /** Outcome frequencies of one player under σ × σ (codes of the game's outcomeNames). */
  outcomeRates: number[];
  /**
   * Gain of the policy added at the previous iteration over the population against the previous σ:
   * Â[new]·σ − σᵀÂσ (an empirical PSRO exploitability estimate); NaN at iteration 0.
   */
  brGain: number;
}

/** Result of {@link learnedPsro}. */
export interface LearnedPsroResult {
  /** The final population. */
  population: Agent[];
  /** The final meta-strategy. */
  metaStrategy: number[];
  /** Symmetrised empirical meta-game Â (row member's mean return against the column member). */
  payoffs: number[][];
  /** `outcomes[k][l][c]`: frequency of row member k's outcome c against l. */
  outcomes: number[][][];
  /** Return variance of row member k against l. */
  variances: number[][];
  /** One record per iteration. */
  records: LearnedPsroRecord[];
}

/** PPO settings of the learned oracle: small nets, short rollouts, many epochs (a few thousand steps suffice). */
export const PSRO_PPO: Readonly<PpoConfig> = Object.freeze({
  totalSteps: 4096,
  numSteps: 32,
  numMinibatches: 1,
  updateEpochs: 10,
  lr: 3e-3,
  gamma: 0.95,
  gaeLambda: 0.9,
  entCoef: 0,
  hiddenSizes: [32, 32],
});

/**
 * A PPO best-response oracle (lib/agents `trainPpo`), seeded per call.
 *
 * @example
 * ```ts
 * import { ppoOracle, PSRO_PPO } from "./learned_psro.ts";
 * const oracle = ppoOracle({ ...PSRO_PPO, totalSteps: 2048 });
 * // const policy = await oracle(env, { iteration: 0, seed: 1 });
 * ```
 */
export function ppoOracle(config: PpoConfig = PSRO_PPO): LearnedOracle {
  return async (env, info) => (await trainPpo(env, config, { seed: info.seed })).policy;
}

/**
 * Symmetrised empirical meta-game of a population: plays every ordered pair (k as player 0, l as player 1) and
 * averages each member's results over both seats. `cache` (keyed "k,l") lets growing populations reuse old pairs.
 *
 * @example
 * ```ts
 * import { intersectionGame } from "./driving.ts";
 * import { randomAgent } from "./markov_game.ts";
 * import { empiricalMetaGame } from "./learned_psro.ts";
 * const m = empiricalMetaGame(intersectionGame({ numEnvs: 16 }), [randomAgent(2)], { episodes: 32 });
 * m.payoffs[0][0]; // random vs random mean return
 * ```
 */
export function empiricalMetaGame(
  game: MarkovGame,
  population: readonly Agent[],
  opts: { episodes?: number; seed?: number; cache?: Map<string, MatchResult> } = {},
): { payoffs: number[][]; variances: number[][]; outcomes: number[][][] } {
  const episodes = checkInteger("episodes", opts.episodes ?? 64, { min: 1 });
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const cache = opts.cache ?? new Map<string, MatchResult>();
  const P = population.length;
  const match = (k: number, l: number) => {
    const key = `${k},${l}`;
    let m = cache.get(key);
    if (m === undefined) {
      m = playMatch(game, population[k], population[l], { episodes, seed: seed + 7919 * (k * 64 + l) });
      cache.set(key, m);
    }
    return m;
  };
  const payoffs: number[][] = [], variances: number[][] = [], outcomes: number[][][] = [];
  for (let k = 0; k < P; k++) {
    payoffs.push([]);
    variances.push([]);
    outcomes.push([]);
    for (let l = 0; l < P; l++) {
      const a = match(k, l), b = match(l, k);
      payoffs[k].push((a.mean[0] + b.mean[1]) / 2);
      variances[k].push((a.variance[0] + b.variance[1]) / 2);
      outcomes[k].push(a.outcomeRates[0].map((r, c) => (r + b.outcomeRates[1][c]) / 2));
    }
  }
  return { payoffs, variances, outcomes };
}

/**
 * The risk-averse equilibrium of a symmetric empirical meta-game by symmetric risk-averse fictitious play. Each own
 * member k is an "asset" whose payoff against an opponent member l ∼ σ is the random episode return with mean
 * Â[k][l] and variance V[k][l]; returns of different own members are taken as independent given l. So the
 * covariance of the mean–variance best response (rae.ts) is Σ = C(σ) + diag(Σ_l σ_l V[k][l]), C(σ) the
 * opponent-induced covariance of the means. It is fed to {@link riskAverseBestResponse} as a lottery over
 * (l, j, s) — opponent l, a noisy member j (uniform) and a sign s = ±1 — in which member j's payoff is shifted by
 * s·√(P·V[j][l]): that lottery has exactly the means Â·σ and the covariance Σ above.
 *
 * @example
 * ```ts
 * import { symmetricMetaRae } from "./learned_psro.ts";
 * // stag hunt as a meta-game: stag 4 / alone −2, hare 2; RAE (γ = 1) plays hare
 * symmetricMetaRae([[4, -2], [2, 2]], [[0, 0], [0, 0]], 1)[1] > 0.99; // true
 * ```
 */
export function symmetricMetaRae(
  payoffs: readonly (readonly number[])[],
  variances: readonly (readonly number[])[],
  gamma: number,
  opts: { iterations?: number } = {},
): number[] {
  const P = payoffs.length;
  checkInRange("gamma", gamma, { min: 0 });
  const iterations = checkInteger("iterations", opts.iterations ?? 1000, { min: 1 });
  const J = 2 * P * P;
  const values = new Float64Array(P * J);
  for (let k = 0; k < P; k++) {
    for (let l = 0; l < P; l++) {
      for (let j = 0; j < P; j++) {
        const noise = k === j ? Math.sqrt(P * Math.max(0, variances[k][l])) : 0;
        const col = (l * P + j) * 2;
        values[k * J + col] = payoffs[k][l] + noise;
        values[k * J + col + 1] = payoffs[k][l] - noise;
      }
    }
  }
  const avg = new Float64Array(P).fill(1 / P);
  const weights = new Float64Array(J);
  let last: Float64Array = Float64Array.from(avg);
  for (let t = 1; t <= iterations; t++) {
    for (let l = 0; l < P; l++) weights.fill(avg[l] / (2 * P), 2 * P * l, 2 * P * (l + 1));
    const br =
      riskAverseBestResponse({ numOwn: P, numJoint: J, values, weights }, gamma, { init: last }).strategy;
    last = br;
    const w = 1 / (t + 1);
    for (let k = 0; k < P; k++) avg[k] = (1 - w) * avg[k] + w * br[k];
  }
  return [...avg];
}

function metaStrategyOf(
  payoffs: number[][],
  variances: number[][],
  solver: LearnedMetaSolver,
  gamma: number,
): number[] {
  const P = payoffs.length;
  if (solver === "uniform") return new Array(P).fill(1 / P);
  if (solver === "self-play") return Array.from({ length: P }, (_, k) => (k === P - 1 ? 1 : 0));
  if (solver === "rae") return symmetricMetaRae(payoffs, variances, gamma);
  const transposed = payoffs.map((_, k) => payoffs.map((row) => row[k]));
  const meta = bimatrix(payoffs, transposed);
  const [s0, s1] = solveMetaGame(meta, solver, gamma, "fp", 2000);
  return Array.from(s0, (p, k) => (p + s1[k]) / 2);
}

/**
 * PSRO with learned oracles on a symmetric two-player Markov game (see the module doc).
 *
 * @example
 * ```ts ignore
 * import { intersectionGame } from "./driving.ts";
 * import { learnedPsro } from "./learned_psro.ts";
 * const r = await learnedPsro({ makeGame: (n) => intersectionGame({ numEnvs: n }), metaSolver: "rae" });
 * r.records.at(-1)!.outcomeRates[2]; // crash rate of the final population
 * ```
 */
export async function learnedPsro(opts: LearnedPsroOptions): Promise<LearnedPsroResult> {
  if (typeof opts?.makeGame !== "function") throw new TypeError("makeGame must be a function");
  const solver = checkOneOf(
    "metaSolver",
    opts.metaSolver ?? "nash",
    [
      "nash",
      "rae",
      "uniform",
      "self-play",
    ] as const,
  );
  const gamma = checkInRange("riskAversion", opts.riskAversion ?? 0.5, { min: 0 });
  const oracleGamma = checkInRange(
    "oracleRiskAversion",
    opts.oracleRiskAversion ?? (solver === "rae" ? gamma : 0),
    { min: 0 },
  );
  const iterations = checkInteger("iterations", opts.iterations ?? 3, { min: 0 });
  const trainEnvs = checkInteger("trainEnvs", opts.trainEnvs ?? 8, { min: 1 });
  const evalEpisodes = checkInteger("evalEpisodes", opts.evalEpisodes ?? 64, { min: 1 });
  const evalEnvs = checkInteger("evalEnvs", opts.evalEnvs ?? 32, { min: 1 });
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const oracle = opts.oracle ?? ppoOracle();
  const evalGame = opts.makeGame(evalEnvs);
  const population: Agent[] = opts.initial ? [...opts.initial] : [randomAgent(evalGame.actionSpace.n)];
  if (population.length < 1) throw new RangeError("initial must hold at least one agent");
  const cache = new Map<string, MatchResult>();
  const records: LearnedPsroRecord[] = [];
  let sigma: number[] = [];
  let prevSigma: number[] | null = null;
  let meta = empiricalMetaGame(evalGame, population, { episodes: evalEpisodes, seed, cache });
  for (let it = 0; it <= iterations; it++) {
    opts.signal?.throwIfAborted();
    if (it > 0) meta = empiricalMetaGame(evalGame, population, { episodes: evalEpisodes, seed, cache });
    const P = population.length;
    let brGain = NaN;
    if (prevSigma !== null) {
      const old = prevSigma.length;
      const value = (row: number) => prevSigma!.reduce((s, p, l) => s + p * meta.payoffs[row][l], 0);
      const base = prevSigma.reduce((s, p, k) => s + p * value(k), 0);
      brGain = value(old) - base;
    }
    sigma = metaStrategyOf(meta.payoffs, meta.variances, solver, gamma);
    let payoff = 0, second = 0;
    const rates = new Array<number>(evalGame.outcomeNames.length).fill(0);
    for (let k = 0; k < P; k++) {
      for (let l = 0; l < P; l++) {
        const w = sigma[k] * sigma[l];
        if (w === 0) continue;
        const m = meta.payoffs[k][l];
        payoff += w * m;
        second += w * (meta.variances[k][l] + m * m);
        meta.outcomes[k][l].forEach((r, c) => (rates[c] += w * r));
      }
    }
    records.push({
      iteration: it,
      populationSize: P,
      metaStrategy: [...sigma],
      payoff,
      variance: Math.max(0, second - payoff * payoff),
      outcomeRates: rates,
      brGain,
    });
    opts.onProgress?.({ done: it, total: iterations });
    if (it === iterations) break;
    const env = opponentMixtureEnv(opts.makeGame(trainEnvs), population, sigma, {
      riskAversion: oracleGamma,
    });
    const policy = await oracle(env, { iteration: it, seed: seed * 1000 + it });
    population.push(policyAgent(policy, `br${it + 1}`, { deterministic: opts.greedy ?? false }));
    prevSigma = sigma;
  }
  return {
    population,
    metaStrategy: sigma,
    payoffs: meta.payoffs,
    outcomes: meta.outcomes,
    variances: meta.variances,
    records,
  };
}
