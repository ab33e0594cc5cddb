/**
 * What the offline RL and offline imitation training loops share: the hyperparameters every dual learner has, the
 * run settings taken from the options (seed, evaluation interval, run name) and the evaluation of the current
 * actor into a record row.
 *
 * @module
 */
import { checkInRange, checkInteger, checkPositive, describe } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { VecEnv } from "../core/env.ts";
import { evaluatePolicy } from "../agents/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import { normalizedScore, type ReferenceReturns } from "./datasets.ts";
import { actorPolicy, type DualNets } from "./nets.ts";

/** Options of `trainOffline` and `trainImitation` (the latter ignores `probeObservations`). */
export interface OfflineOptions {
  /** Seed (default 0). */
  seed?: number;
  /** Environment to evaluate on (numEnvs copies, deterministic actions). */
  evalEnv?: VecEnv;
  /** Gradient steps between evaluations (default a tenth of training). */
  evalEvery?: number;
  /** Episodes per evaluation (default 10). */
  evalEpisodes?: number;
  /** Reference returns: evaluations also log `score`, the D4RL normalised score. */
  reference?: ReferenceReturns;
  /** Progress. */
  onProgress?: ProgressCallback;
  /** Stop early. */
  signal?: AbortSignal;
  /** Run name in the records (default `algo/s<seed>`). */
  run?: string;
  /** Observations (row-major) at which to report V(s) at the end of training (`values` in the result). */
  probeObservations?: Float32Array;
}

/** The hyperparameters every dual learner has (see {@link resolveCommon} for the defaults). */
export interface CommonConfig {
  /** Gradient steps (default 1 000 000). */
  gradientSteps?: number;
  /** Minibatch size (default per learner). */
  batchSize?: number;
  /** Adam learning rate of every network (default 3e-4). */
  lr?: number;
  /** Hidden widths (default [256, 256]). */
  hiddenSizes?: number[];
  /** Discount (default 0.99). */
  gamma?: number;
  /** Polyak rate (default 0.005). */
  tau?: number;
  /** AWR inverse temperature β (default 3). */
  awrBeta?: number;
  /** Steps between logged losses (default 100). */
  logEvery?: number;
}

/**
 * Check and default the shared hyperparameters (defaults: 1M steps, lr 3e-4, [256, 256], γ 0.99, τ 0.005,
 * AWR β 3, log every 100; `batchSize` from the caller).
 *
 * @example
 * ```ts
 * import { resolveCommon } from "./loop.ts";
 * resolveCommon({ gamma: 0.9 }, 256).gamma; // 0.9
 * ```
 */
export function resolveCommon(c: CommonConfig, defaultBatchSize: number): {
  steps: number;
  batchSize: number;
  lr: number;
  hiddenSizes: number[];
  gamma: number;
  tau: number;
  awrBeta: number;
  logEvery: number;
} {
  if (typeof c !== "object" || c === null) {
    throw new TypeError(`config must be an object, got ${describe(c)}`);
  }
  return {
    steps: checkInteger("gradientSteps", c.gradientSteps ?? 1_000_000, { min: 1 }),
    batchSize: checkInteger("batchSize", c.batchSize ?? defaultBatchSize, { min: 2 }),
    lr: checkPositive("lr", c.lr ?? 3e-4),
    hiddenSizes: c.hiddenSizes ?? [256, 256],
    gamma: checkInRange("gamma", c.gamma ?? 0.99, { min: 0, max: 1, maxOpen: true }),
    tau: checkInRange("tau", c.tau ?? 0.005, { min: 0, max: 1 }),
    awrBeta: checkInRange("awrBeta", c.awrBeta ?? 3, { min: 0 }),
    logEvery: checkInteger("logEvery", c.logEvery ?? 100, { min: 1 }),
  };
}

/**
 * Seed, evaluation interval and run name of a training run.
 *
 * @example
 * ```ts
 * import { runSettings } from "./loop.ts";
 * runSettings({ seed: 2 }, "recoil", 1000); // { seed: 2, evalEvery: 100, run: "recoil/s2" }
 * ```
 */
export function runSettings(
  opts: OfflineOptions,
  algo: string,
  steps: number,
): { seed: number; evalEvery: number; run: string } {
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const evalEvery = checkInteger("evalEvery", opts.evalEvery ?? Math.max(1, Math.floor(steps / 10)), {
    min: 1,
  });
  return { seed, evalEvery, run: opts.run ?? `${algo}/s${seed}` };
}

/**
 * Evaluate the current actor on `opts.evalEnv` (seed 1000 + step) into `row`: `eval_return`, and `score` with
 * `opts.reference`. Does nothing without an evaluation env.
 *
 * @example
 * ```ts ignore
 * const row = { run: "bc/s0", seed: 0, step: 100 };
 * await evaluateInto(row, nets, data, opts, 100);
 * ```
 */
export async function evaluateInto(
  row: RecordRow,
  nets: DualNets,
  box: { obsSize: number; low: number[]; high: number[] },
  opts: OfflineOptions,
  step: number,
): Promise<void> {
  if (opts.evalEnv === undefined) return;
  const policy = await actorPolicy(nets, box.obsSize, box.low, box.high);
  const ev = evaluatePolicy(opts.evalEnv, policy, { episodes: opts.evalEpisodes ?? 10, seed: 1000 + step });
  row.eval_return = ev.mean;
  if (opts.reference) row.score = normalizedScore(ev.mean, opts.reference);
}
