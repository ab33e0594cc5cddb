/**
 * Black-box baselines over the stretcher's normalised controls ψ ∈ [0, 1]³: the objective they share (the peak
 * intensity of the output pulse relative to the transform-limited one, the quantity the v2 reward is built on),
 * differential evolution, and Bayesian optimisation through lib/bo. The official repository's BO and DE minimise
 * the L1 distance to the transform-limited pulse instead; the peak ratio is used here so that every baseline and
 * the agents are scored on the same scale.
 *
 * @module
 */
import { checkInRange, checkInteger } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { type Seed, toRng } from "../core/rng.ts";
import { bayesOptSync } from "../bo/mod.ts";
import { type ControlBounds, denormalizeControl, L1_BOUNDS } from "./controls.ts";
import { fwhm, type LaserModel, outputIntensity, transformLimited } from "./physics.ts";

/** A control-to-score function with its pulse diagnostics. */
export interface PulseObjective {
  /** Peak-intensity ratio to the transform-limited pulse at ψ (higher is better; ≤ 1 in practice). */
  (psi: ArrayLike<number>): number;
  /** FWHM (ps) of the pulse at ψ. */
  fwhmPs(psi: ArrayLike<number>): number;
  /** Calls of the objective so far. */
  readonly evaluations: number;
}

/**
 * The peak-intensity ratio `I_peak(ψ) / I_peak,TL` as a function of normalised controls, counting its calls.
 *
 * @example
 * ```ts
 * import { peakRatioObjective } from "./baselines.ts";
 * import { createLaserModel, syntheticSpectrum } from "./mod.ts";
 * const f = peakRatioObjective(createLaserModel(syntheticSpectrum()));
 * f([0.5, 0.5, 0.5]); // ≈ 0.62 (B = 2 spoils the matched setting)
 * ```
 */
export function peakRatioObjective(model: LaserModel, bounds: ControlBounds = L1_BOUNDS): PulseObjective {
  const tl = transformLimited(model);
  let tlPeak = 0;
  for (const v of tl) tlPeak = Math.max(tlPeak, v);
  const buffer = new Float64Array(model.nOut);
  const control = [0, 0, 0];
  let count = 0;
  const pulse = (psi: ArrayLike<number>) =>
    outputIntensity(model, denormalizeControl(psi, bounds, control), buffer);
  const f = ((psi: ArrayLike<number>) => {
    count++;
    const I = pulse(psi);
    let peak = 0;
    for (let k = 0; k < I.length; k++) peak = Math.max(peak, I[k]);
    return peak / tlPeak;
  }) as PulseObjective;
  f.fwhmPs = (psi) => fwhm(pulse(psi), model.dt) * 1e12;
  Object.defineProperty(f, "evaluations", { get: () => count });
  return f;
}

/** What a baseline returns. */
export interface BaselineResult {
  /** Best normalised control found. */
  bestPsi: number[];
  /** Its peak ratio. */
  bestValue: number;
  /** Objective calls used. */
  evaluations: number;
  /** Best value after each evaluation (length `evaluations`). */
  bestSoFar: number[];
}

/** Options of {@link differentialEvolution}. */
export interface DifferentialEvolutionOptions {
  /** Objective calls in total (default 600). */
  evaluations?: number;
  /** Population size (default 15, scipy's `popsize` per dimension × 3 dimensions would be 45). */
  population?: number;
  /** Crossover probability (default 0.7, scipy's `recombination`). */
  crossover?: number;
  /** Differential weight drawn per generation from [lo, hi] (dithering; default [0.5, 1], scipy's `mutation`). */
  mutation?: [number, number];
  /** Seed or stream. */
  rng?: Seed;
  /** Progress in evaluations. */
  onProgress?: ProgressCallback;
  /** Stop early. */
  signal?: AbortSignal;
}

/**
 * Differential evolution DE/rand/1/bin (Storn & Price 1997) maximising `objective` over [0, 1]³: mutant
 * `v = x_a + F·(x_b − x_c)` clipped to the box, binomial crossover with rate CR (one coordinate always taken
 * from v), greedy selection.
 *
 * @example
 * ```ts
 * import { differentialEvolution } from "./baselines.ts";
 * const r = differentialEvolution((x) => -((x[0] - 0.3) ** 2 + (x[1] - 0.6) ** 2 + x[2] ** 2), { evaluations: 300, rng: 0 });
 * r.bestPsi; // ≈ [0.3, 0.6, 0]
 * ```
 */
export function differentialEvolution(
  objective: (psi: number[]) => number,
  opts: DifferentialEvolutionOptions = {},
): BaselineResult {
  const budget = checkInteger("evaluations", opts.evaluations ?? 600, { min: 4 });
  const np = checkInteger("population", opts.population ?? 15, { min: 4 });
  const cr = checkInRange("crossover", opts.crossover ?? 0.7, { min: 0, max: 1 });
  const [fLo, fHi] = opts.mutation ?? [0.5, 1];
  checkInRange("mutation[0]", fLo, { min: 0, max: 2 });
  checkInRange("mutation[1]", fHi, { min: fLo, max: 2 });
  const rng = toRng(opts.rng ?? 0);
  const dim = 3;
  const bestSoFar: number[] = [];
  let best = -Infinity;
  let bestPsi: number[] = [];
  const evaluate = (x: number[]): number => {
    const y = objective(x);
    if (y > best) {
      best = y;
      bestPsi = x.slice();
    }
    bestSoFar.push(best);
    opts.onProgress?.({ done: bestSoFar.length, total: budget });
    return y;
  };
  const pop: number[][] = [];
  const fit: number[] = [];
  for (let i = 0; i < np && bestSoFar.length < budget; i++) {
    pop.push(Array.from({ length: dim }, () => rng.uniform()));
    fit.push(evaluate(pop[i]));
  }
  while (bestSoFar.length < budget && !opts.signal?.aborted) {
    const F = rng.uniformIn(fLo, fHi);
    for (let i = 0; i < pop.length && bestSoFar.length < budget; i++) {
      let a: number, b: number, c: number;
      do a = rng.integer(pop.length); while (a === i);
      do b = rng.integer(pop.length); while (b === i || b === a);
      do c = rng.integer(pop.length); while (c === i || c === a || c === b);
      const forced = rng.integer(dim);
      const trial = pop[i].map((x, j) =>
        j === forced || rng.uniform() < cr
          ? Math.min(1, Math.max(0, pop[a][j] + F * (pop[b][j] - pop[c][j])))
          : x
      );
      const y = evaluate(trial);
      if (y >= fit[i]) {
        pop[i] = trial;
        fit[i] = y;
      }
    }
  }
  return { bestPsi, bestValue: best, evaluations: bestSoFar.length, bestSoFar };
}

/** Options of {@link bayesianOptimization}. */
export interface BayesianOptimizationOptions {
  /** Objective calls in total, initial design included (default 40). */
  evaluations?: number;
  /** Seed. */
  rng?: number;
  /** Progress. */
  onProgress?: ProgressCallback;
}

/**
 * Bayesian optimisation of `objective` over [0, 1]³ with lib/bo (GP with an ARD Matérn-5/2 kernel, expected
 * improvement, Latin-hypercube start), maximising.
 *
 * @example
 * ```ts
 * import { bayesianOptimization } from "./baselines.ts";
 * const r = bayesianOptimization((x) => -((x[0] - 0.3) ** 2 + x[1] ** 2 + x[2] ** 2), { evaluations: 15, rng: 0 });
 * r.bestValue; // close to 0
 * ```
 */
export function bayesianOptimization(
  objective: (psi: number[]) => number,
  opts: BayesianOptimizationOptions = {},
): BaselineResult {
  const evaluations = checkInteger("evaluations", opts.evaluations ?? 40, { min: 2 });
  const r = bayesOptSync((x) => objective(x), {
    bounds: [[0, 1], [0, 1], [0, 1]],
    goal: "maximize",
    evaluations,
    rng: opts.rng ?? 0,
    onProgress: opts.onProgress,
  });
  return { bestPsi: r.best.x, bestValue: r.best.y, evaluations: r.ys.length, bestSoFar: r.bestSoFar };
}
