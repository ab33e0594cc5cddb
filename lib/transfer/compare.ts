/**
 * Every selection strategy of MBTL's comparison on one transfer matrix, as curves of generalised performance
 * against the number of trained sources and against training samples, and the sample-efficiency ratio the paper
 * headlines ("up to 50x" NeurIPS 2024 / "up to 43x" arXiv v4): training samples independent training spends,
 * divided by the samples MBTL needs to first reach independent training's generalised performance.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";
import {
  equidistantCurve,
  equidistantSources,
  greedyBisection,
  randomSelection,
  sequentialOracle,
} from "./baselines.ts";
import {
  checkTransferMatrix,
  cumulativeSteps,
  generalizedPerformance,
  independentPerformance,
  oracleTransferPerformance,
  type TransferMatrix,
} from "./matrix.ts";
import { type BetaSchedule, mbtl } from "./mbtl.ts";

/** Sequential strategies compared (one curve each). */
export const SEQUENTIAL_STRATEGIES = [
  "MBTL",
  "MBTL (normalised GP)",
  "Sequential oracle",
  "Equidistant",
  "Greedy bisection",
  "Random",
] as const;

/** Name of a sequential strategy. */
export type SequentialStrategy = typeof SEQUENTIAL_STRATEGIES[number];

/** Options of {@link compareStrategies}. */
export interface CompareOptions {
  /** Sources trained by the sequential strategies; default N. */
  budget?: number;
  /** MBTL's gap slope per index step; default 0.5/(N−1) (the official 0.005 at N = 100). */
  slope?: number;
  /** MBTL's β schedule; default `"log"`. */
  beta?: BetaSchedule;
  /** Random orders averaged; default 100 (the official count). */
  randomPermutations?: number;
  /** Seed; default 0. */
  rng?: Seed;
}

/** Curves of {@link compareStrategies}. */
export interface StrategyComparison {
  /** 1..budget. */
  k: number[];
  /** Generalised performance after k sources, per sequential strategy (Random: mean over permutations). */
  performance: Record<SequentialStrategy, number[]>;
  /** Cumulative training samples after k sources (Random: mean over permutations). */
  samples: Record<SequentialStrategy, number[]>;
  /** Std over random permutations at each k. */
  randomStd: number[];
  /** Sources chosen by each deterministic strategy, in order (Equidistant: the set at the full budget). */
  sources: Record<Exclude<SequentialStrategy, "Random">, number[]>;
  /** Independent training: mean of the diagonal, and the samples of all N trainings. */
  independent: { performance: number; samples: number };
  /** Oracle transfer: best source per target over the whole matrix (all N trainings). */
  oracleTransfer: { performance: number; samples: number };
}

/**
 * Run MBTL (official GP and y-normalised GP) and every baseline on a transfer matrix.
 *
 * @example
 * ```ts
 * import { compareStrategies } from "./compare.ts";
 * import { syntheticTransferMatrix } from "./synthetic.ts";
 * const c = compareStrategies(syntheticTransferMatrix({ n: 20, shape: "smooth", rng: 2 }), { budget: 6 });
 * c.performance["MBTL"].length; // 6
 * ```
 */
export function compareStrategies(m: TransferMatrix, opts: CompareOptions = {}): StrategyComparison {
  checkTransferMatrix(m);
  const n = m.contexts.length;
  const budget = checkInteger("budget", opts.budget ?? n, { min: 1, max: n });
  const perms = checkInteger("randomPermutations", opts.randomPermutations ?? 100, { min: 1 });
  const rng = toRng(opts.rng ?? 0);
  const common = { budget, slope: opts.slope, beta: opts.beta, rng: rng.split() };
  const official = mbtl(m, common).sources;
  const normalised = mbtl(m, { ...common, rng: rng.split(), normalizeY: true }).sources;
  const oracle = sequentialOracle(m, { budget });
  const greedy = greedyBisection(n, { budget });
  const k = Array.from({ length: budget }, (_, i) => i + 1);
  const equidistantSamples = k.map((b) => {
    const steps = cumulativeSteps(m, equidistantSources(n, b));
    return steps[steps.length - 1];
  });
  const randomPerf = new Array<number>(budget).fill(0);
  const randomSq = new Array<number>(budget).fill(0);
  const randomSamples = new Array<number>(budget).fill(0);
  for (let r = 0; r < perms; r++) {
    const order = randomSelection(n, { budget, rng: rng.split() });
    const perf = generalizedPerformance(m, order);
    const steps = cumulativeSteps(m, order);
    for (let i = 0; i < budget; i++) {
      randomPerf[i] += perf[i] / perms;
      randomSq[i] += (perf[i] * perf[i]) / perms;
      randomSamples[i] += steps[i] / perms;
    }
  }
  const allSteps = cumulativeSteps(m, Array.from({ length: n }, (_, i) => i))[n - 1];
  return {
    k,
    performance: {
      "MBTL": generalizedPerformance(m, official),
      "MBTL (normalised GP)": generalizedPerformance(m, normalised),
      "Sequential oracle": generalizedPerformance(m, oracle),
      "Equidistant": equidistantCurve(m, budget),
      "Greedy bisection": generalizedPerformance(m, greedy),
      "Random": randomPerf,
    },
    samples: {
      "MBTL": cumulativeSteps(m, official),
      "MBTL (normalised GP)": cumulativeSteps(m, normalised),
      "Sequential oracle": cumulativeSteps(m, oracle),
      "Equidistant": equidistantSamples,
      "Greedy bisection": cumulativeSteps(m, greedy),
      "Random": randomSamples,
    },
    randomStd: randomPerf.map((mu, i) => Math.sqrt(Math.max(randomSq[i] - mu * mu, 0))),
    sources: {
      "MBTL": official,
      "MBTL (normalised GP)": normalised,
      "Sequential oracle": oracle,
      "Equidistant": equidistantSources(n, budget),
      "Greedy bisection": greedy,
    },
    independent: { performance: independentPerformance(m), samples: allSteps },
    oracleTransfer: { performance: oracleTransferPerformance(m), samples: allSteps },
  };
}

/** Sample efficiency of a strategy against a reference (independent or multi-task training). */
export interface SampleEfficiency {
  /** Reference generalised performance to reach. */
  reference: number;
  /** Samples the reference spent. */
  referenceSamples: number;
  /** Sources the strategy needed to first reach the reference (null: never within the budget). */
  sources: number | null;
  /** Samples the strategy needed (null: never). */
  samples: number | null;
  /** referenceSamples / samples (null: never). */
  ratio: number | null;
}

/**
 * Samples a strategy needs to first reach a reference performance, and the ratio to the reference's samples.
 *
 * @example
 * ```ts
 * import { sampleEfficiency } from "./compare.ts";
 * sampleEfficiency([0.5, 0.8, 0.9], [10, 20, 30], 0.85, 100); // { sources: 3, samples: 30, ratio: 3.33..., ... }
 * ```
 */
export function sampleEfficiency(
  performance: readonly number[],
  samples: readonly number[],
  reference: number,
  referenceSamples: number,
): SampleEfficiency {
  const i = performance.findIndex((p) => p >= reference - 1e-12);
  if (i < 0) return { reference, referenceSamples, sources: null, samples: null, ratio: null };
  return {
    reference,
    referenceSamples,
    sources: i + 1,
    samples: samples[i],
    ratio: referenceSamples / samples[i],
  };
}
