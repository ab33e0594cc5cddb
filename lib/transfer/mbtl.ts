/**
 * Model-based transfer learning (MBTL; Cho, Jayawardana, Li, Wu, NeurIPS 2024): choose the next source task by
 * Bayesian optimisation of the expected marginal gain in generalised performance.
 *
 * The model: the training performance f(x) = J(π_x, x) is a Gaussian process over contexts, and the
 * generalisation gap is linear, J(π_x, y) ≈ f(x) − θ|x − y|. With V_k(y) the best observed transfer to
 * target y after k trained sources, the acquisition (the expected marginal improvement of generalised performance, with a UCB bonus) is
 *
 *   a_k(x) = (1/N) Σ_y max( μ_k(x) + β_k σ_k(x) − θ|x − y| − V_k(y), 0 ),
 *
 * and x_{k+1} = argmax over untrained contexts. (The paper's equations are cited by content, not number: its
 * text was not available here; the official code was.) Following the official code (MBTL/utils.py, acquisition
 * `new_ucb_beta_log`, gap `linear`): contexts enter by their index 0..N−1 (θ is per index step), the first source
 * is the middle context, the GP is scikit-learn's `C(1, (1e-3, 1e3)) · RBF(1, (1e-2, 1e2))` with `alpha` = 0.1²,
 * 9 optimiser restarts, fitted to the best observed value V at each trained source.
 *
 * @module
 */
import { checkFinite, checkInRange, checkInteger, checkOneOf } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { type Rng, type Seed, toRng } from "../core/rng.ts";
import { fitGp, gpPredict } from "../bo/mod.ts";
import { checkTransferMatrix, type TransferMatrix } from "./matrix.ts";

/**
 * β_k schedules of the UCB bonus (the paper's ablation; official acquisition names in brackets):
 * `log` √(log(k+1)) [new_ucb_beta_log, the default], `constant` 1 [new_ucb], `inverse` 1/(k+1) [new_ucb_beta],
 * `zero` 0 [new: pure expected marginal improvement], `sampled`: the acquisition averaged over β drawn from a
 * standard normal truncated to [0, ∞) [new_ucb_dist].
 */
export type BetaSchedule = "log" | "constant" | "inverse" | "zero" | "sampled";

/** Every β schedule. */
export const BETA_SCHEDULES: readonly BetaSchedule[] = ["log", "constant", "inverse", "zero", "sampled"];

/**
 * β_k of a deterministic schedule at step k (k = 1 for the second source; the first is the middle context).
 *
 * @example
 * ```ts
 * import { betaAt } from "./mbtl.ts";
 * betaAt("log", 1); // √(log 2) ≈ 0.8326
 * ```
 */
export function betaAt(schedule: Exclude<BetaSchedule, "sampled">, k: number): number {
  checkInteger("k", k, { min: 0 });
  switch (schedule) {
    case "log":
      return Math.sqrt(Math.log(k + 1));
    case "constant":
      return 1;
    case "inverse":
      return 1 / (k + 1);
    case "zero":
      return 0;
  }
}

/** Options of {@link mbtl}. */
export interface MbtlOptions {
  /** Number of sources to train; default N. */
  budget?: number;
  /** Gap slope θ per index step (normalised performance); default 0.5/(N−1), the official 0.005 at N = 100. */
  slope?: number;
  /** β schedule; default `"log"`. */
  beta?: BetaSchedule;
  /** β draws per step of the `sampled` schedule; default 500 (the official value). */
  betaSamples?: number;
  /** GP noise variance (scikit-learn `alpha`); default 0.01. */
  noise?: number;
  /**
   * Standardise the GP targets (prior mean = mean of the observed values instead of 0); default false, as the
   * official code (scikit-learn's default).
   */
  normalizeY?: boolean;
  /** GP optimiser restarts; default 9. */
  restarts?: number;
  /** Seed of the GP restarts and β draws; default 0. */
  rng?: Seed;
  /** Keep each step's posterior and acquisition over all contexts (for plots); default false. */
  trace?: boolean;
  /** Progress in steps. */
  onProgress?: ProgressCallback;
  /** Stop request, checked between steps. */
  signal?: AbortSignal;
}

/** One selection step's model, kept with `trace`. */
export interface MbtlStep {
  /** Step k (0 = the first, middle source). */
  k: number;
  /** Source chosen at this step. */
  source: number;
  /** β_k used (mean β for `sampled`). */
  beta: number;
  /** Posterior mean μ_k over contexts (empty at k = 0). */
  mean: number[];
  /** Posterior std σ_k over contexts (empty at k = 0). */
  std: number[];
  /** Acquisition a_k over contexts (empty at k = 0). */
  acquisition: number[];
  /** V_k before this step: best observed transfer to each target. */
  observed: number[];
  /** Fitted GP amplitude and lengthscale (index units); null at k = 0. */
  hyperparameters: { amplitude: number; lengthscale: number } | null;
}

/** Result of {@link mbtl}. */
export interface MbtlResult {
  /** Sources in training order. */
  sources: number[];
  /** Generalised performance mean_y V_k(y) after each step. */
  performance: number[];
  /** Per-step model (with `trace`). */
  steps: MbtlStep[];
}

/**
 * Truncated standard normal on [0, ∞) by inversion-free rejection: |z| of a standard normal has exactly that law.
 */
function halfNormal(rng: Rng): number {
  return Math.abs(rng.normal());
}

/**
 * Run MBTL's sequential source-task selection on a transfer matrix (rows = sources, columns = targets): each
 * step observes the chosen source's whole row, as training a policy and evaluating it zero-shot would.
 *
 * @example
 * ```ts
 * import { mbtl } from "./mbtl.ts";
 * import { syntheticTransferMatrix } from "./synthetic.ts";
 * const m = syntheticTransferMatrix({ n: 20, slope: 1, shape: "smooth", rng: 3 });
 * const { sources, performance } = mbtl(m, { budget: 5, slope: 1 / 19 });
 * ```
 */
export function mbtl(m: TransferMatrix, opts: MbtlOptions = {}): MbtlResult {
  checkTransferMatrix(m);
  const n = m.contexts.length;
  const budget = checkInteger("budget", opts.budget ?? n, { min: 1, max: n });
  const slope = checkInRange("slope", opts.slope ?? 0.5 / Math.max(n - 1, 1), { min: 0 });
  const schedule = checkOneOf("beta", opts.beta ?? "log", BETA_SCHEDULES);
  const betaSamples = checkInteger("betaSamples", opts.betaSamples ?? 500, { min: 1 });
  const noise = checkFinite("noise", opts.noise ?? 0.01);
  const restarts = checkInteger("restarts", opts.restarts ?? 9, { min: 0 });
  const rng = toRng(opts.rng ?? 0);
  const index = Array.from({ length: n }, (_, i) => i);

  const observed = new Array<number>(n).fill(-Infinity); // V_k(y)
  const trained = new Set<number>();
  const gpX: number[] = [];
  const gpY: number[] = [];
  const sources: number[] = [];
  const performance: number[] = [];
  const steps: MbtlStep[] = [];
  for (let k = 0; k < budget; k++) {
    opts.signal?.throwIfAborted();
    let source: number;
    let step: MbtlStep | null = null;
    if (k === 0) {
      source = Math.floor((n - 1) / 2); // middle context (the official code's argmin picks the lower of a tie)
      if (opts.trace) {
        step = {
          k,
          source,
          beta: 0,
          mean: [],
          std: [],
          acquisition: [],
          observed: observed.map(() => 0),
          hyperparameters: null,
        };
      }
    } else {
      const gp = fitGp(gpX, gpY, {
        kernel: "rbf",
        amplitude: 1,
        amplitudeBounds: [1e-3, 1e3],
        lengthscale: 1,
        lengthscaleBounds: [1e-2, 1e2],
        noise,
        normalizeY: opts.normalizeY ?? false,
        restarts,
        rng,
      });
      const { mean, std } = gpPredict(gp, index);
      const betas = schedule === "sampled"
        ? Array.from({ length: betaSamples }, () => halfNormal(rng))
        : [betaAt(schedule, k)];
      const acquisition = index.map((x) => {
        let total = 0;
        for (const b of betas) {
          const ucb = mean[x] + b * std[x];
          for (let y = 0; y < n; y++) total += Math.max(ucb - slope * Math.abs(x - y) - observed[y], 0);
        }
        return total / (n * betas.length);
      });
      source = -1;
      for (let x = 0; x < n; x++) {
        if (!trained.has(x) && (source < 0 || acquisition[x] > acquisition[source])) source = x;
      }
      if (opts.trace) {
        step = {
          k,
          source,
          beta: betas.reduce((s, b) => s + b, 0) / betas.length,
          mean: Array.from(mean),
          std: Array.from(std),
          acquisition,
          observed: observed.slice(),
          hyperparameters: {
            amplitude: gp.hyperparameters.amplitude,
            lengthscale: gp.hyperparameters.lengthscales[0],
          },
        };
      }
    }
    // "Train" the source: observe its row of the matrix.
    trained.add(source);
    sources.push(source);
    let total = 0;
    for (let y = 0; y < n; y++) {
      observed[y] = Math.max(observed[y], m.values[source][y]);
      total += observed[y];
    }
    performance.push(total / n);
    gpX.push(source);
    gpY.push(observed[source]);
    if (step) steps.push(step);
    opts.onProgress?.({ done: k + 1, total: budget, performance: total / n });
  }
  return { sources, performance, steps };
}
