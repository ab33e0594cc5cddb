/**
 * Learning dynamics in normal-form games: fictitious play (Brown 1951; converges to Nash in two-player zero-sum
 * games, Robinson 1951) and discrete-time replicator dynamics.
 *
 * @module
 */
import { checkInteger, checkPositive } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import {
  actionMeans,
  checkProfile,
  nashConv,
  type NormalFormGame,
  opponentLottery,
  type Profile,
  uniformStrategy,
} from "./normal_form.ts";

/** Options of {@link fictitiousPlay}. */
export interface FictitiousPlayOptions {
  /** Iterations (≥ 1); default 1000. */
  iterations?: number;
  /** Initial strategies (the first "observed" play); default uniform. */
  init?: Profile;
  /** Record NashConv every this many iterations; default iterations / 100 (at least 1). */
  recordEvery?: number;
  /** Progress callback (iterations done). */
  onProgress?: ProgressCallback;
  /** Stop request, checked between iterations. */
  signal?: AbortSignal;
}

/** Result of a learning dynamic: the final (average) strategies and the NashConv trace. */
export interface DynamicsResult {
  /** Final strategies (the empirical averages for fictitious play). */
  strategies: Float64Array[];
  /** Iteration numbers of the trace. */
  steps: number[];
  /** NashConv of the strategies at each recorded step. */
  nashConv: number[];
}

/**
 * Simultaneous fictitious play: at iteration t every player best-responds (pure, lowest index on ties) to the
 * others' empirical average strategies, and the averages move by 1/(t+1) towards the best responses.
 *
 * @example
 * ```ts
 * import { fictitiousPlay } from "./dynamics.ts";
 * import { matchingPennies } from "./catalog.ts";
 * const r = fictitiousPlay(matchingPennies(), { iterations: 2000 });
 * r.nashConv.at(-1)! < 0.05; // true: the averages approach (½, ½)
 * ```
 */
export function fictitiousPlay(game: NormalFormGame, opts: FictitiousPlayOptions = {}): DynamicsResult {
  const iterations = checkInteger("iterations", opts.iterations ?? 1000, { min: 1 });
  const recordEvery = checkInteger(
    "recordEvery",
    opts.recordEvery ?? Math.max(1, Math.floor(iterations / 100)),
    {
      min: 1,
    },
  );
  const avg = (opts.init ?? game.numActions.map((n) => uniformStrategy(n))).map((s) => Float64Array.from(s));
  checkProfile(game, avg, "init");
  const steps: number[] = [], trace: number[] = [];
  for (let t = 1; t <= iterations; t++) {
    opts.signal?.throwIfAborted();
    const brs = avg.map((_, i) => {
      const mu = actionMeans(opponentLottery(game, i, avg));
      let best = 0;
      for (let a = 1; a < mu.length; a++) if (mu[a] > mu[best] + 1e-12) best = a;
      return best;
    });
    const w = 1 / (t + 1);
    avg.forEach((s, i) => {
      for (let a = 0; a < s.length; a++) s[a] *= 1 - w;
      s[brs[i]] += w;
    });
    if (t % recordEvery === 0 || t === iterations) {
      steps.push(t);
      trace.push(nashConv(game, avg));
    }
    opts.onProgress?.({ done: t, total: iterations });
  }
  return { strategies: avg, steps, nashConv: trace };
}

/** Options of {@link replicatorDynamics}. */
export interface ReplicatorOptions {
  /** Euler steps; default 10 000. */
  steps?: number;
  /** Step size; default 0.01. */
  dt?: number;
  /** Initial interior strategies; default uniform. */
  init?: Profile;
  /** Record NashConv every this many steps; default steps / 100. */
  recordEvery?: number;
  /** Stop request. */
  signal?: AbortSignal;
}

/**
 * Two-population (asymmetric) replicator dynamics, Euler-discretised: ẋᵢ(a) = xᵢ(a)·(μᵢ(a) − xᵢᵀμᵢ) for every
 * player i, with strategies renormalised after each step. Rest points include every Nash equilibrium; strict
 * equilibria are asymptotically stable.
 *
 * @example
 * ```ts
 * import { replicatorDynamics } from "./dynamics.ts";
 * import { prisonersDilemma } from "./catalog.ts";
 * const r = replicatorDynamics(prisonersDilemma(), { steps: 5000, dt: 0.05 });
 * r.strategies[0][1] > 0.99; // true: defection takes over
 * ```
 */
export function replicatorDynamics(game: NormalFormGame, opts: ReplicatorOptions = {}): DynamicsResult {
  const steps = checkInteger("steps", opts.steps ?? 10_000, { min: 1 });
  const dt = checkPositive("dt", opts.dt ?? 0.01);
  const recordEvery = checkInteger("recordEvery", opts.recordEvery ?? Math.max(1, Math.floor(steps / 100)), {
    min: 1,
  });
  const x = (opts.init ?? game.numActions.map((n) => uniformStrategy(n))).map((s) => Float64Array.from(s));
  checkProfile(game, x, "init");
  const stepsOut: number[] = [], trace: number[] = [];
  for (let t = 1; t <= steps; t++) {
    opts.signal?.throwIfAborted();
    const mus = x.map((_, i) => actionMeans(opponentLottery(game, i, x)));
    x.forEach((s, i) => {
      const mu = mus[i];
      let avg = 0;
      for (let a = 0; a < s.length; a++) avg += s[a] * mu[a];
      let sum = 0;
      for (let a = 0; a < s.length; a++) {
        s[a] = Math.max(0, s[a] * (1 + dt * (mu[a] - avg)));
        sum += s[a];
      }
      for (let a = 0; a < s.length; a++) s[a] /= sum;
    });
    if (t % recordEvery === 0 || t === steps) {
      stepsOut.push(t);
      trace.push(nashConv(game, x));
    }
  }
  return { strategies: x, steps: stepsOut, nashConv: trace };
}
