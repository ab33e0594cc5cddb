/**
 * PETS (Chua, Calandra, McAllister, Levine, NeurIPS 2018): model-predictive control with the cross-entropy method
 * over action sequences, each candidate scored by propagating particles through a dynamics model with trajectory
 * sampling TS∞ (particle k follows ensemble member k for the whole horizon, sampling from its Gaussian at every
 * step), and the known reward of the task. The planner only sees a {@link PlanningModel}, so the true simulator and
 * a learned ensemble are interchangeable.
 *
 * @module
 */
import type { VecEnv } from "../core/env.ts";
import { checkInteger, checkPositive } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { Rng } from "../core/rng.ts";
import { Box } from "../core/spaces.ts";
import { PendulumEnv } from "../envs/pendulum.ts";
import { CartPoleContinuousEnv, cartPoleFailed } from "./envs.ts";
import {
  createDynamicsModel,
  disposeDynamicsModel,
  type DynamicsModel,
  type DynamicsModelOptions,
  fitNormalization,
  predictNext,
  trainDynamicsModel,
  type TrainModelOptions,
  type Transitions,
} from "./models.ts";

/** A model the planner propagates particles through. */
export interface PlanningModel {
  /** Observation size. */
  readonly obsSize: number;
  /** Action size. */
  readonly actionSize: number;
  /** Particles per candidate (TS∞: one per ensemble member). */
  readonly particles: number;
  /**
   * Next observations for `particles × pop` rows (particle-major) of `obs`, with `actions` `pop` rows shared by
   * every particle.
   */
  predict(obs: Float32Array, actions: Float32Array, pop: number, rng: Rng): Float32Array;
}

/** The task's known reward and termination (PETS assumes the reward function is given). */
export interface PlanningTask {
  /** Reward of row `o` of `obs` with row `u` of `actions` (the env's reward, or a planning cost's negative). */
  reward(obs: Float32Array, o: number, actions: Float32Array, u: number): number;
  /** Whether row `o` of `obs` is terminal (later rewards are dropped). */
  terminal?(obs: Float32Array, o: number): boolean;
}

/**
 * Pendulum-v1's reward −(θ² + 0.1 θ̇² + 0.001 u²) read from an observation [cos θ, sin θ, θ̇, …] (any extra
 * distractor dimensions are ignored), u clipped to ±2.
 *
 * @example
 * ```ts
 * import { pendulumTask } from "./pets.ts";
 * pendulumTask(3).reward(new Float32Array([1, 0, 0]), 0, new Float32Array([0]), 0); // -0
 * ```
 */
export function pendulumTask(obsSize = 3): PlanningTask {
  checkInteger("obsSize", obsSize, { min: 3 });
  return {
    reward(obs, o, actions, u) {
      const b = o * obsSize;
      const th = Math.atan2(obs[b + 1], obs[b]), thdot = obs[b + 2];
      const a = Math.min(2, Math.max(-2, actions[u]));
      return -(th * th + 0.1 * thdot * thdot + 0.001 * a * a);
    },
  };
}

/**
 * The continuous CartPole's task for planning: +1 per step while alive, terminal when |x| > 2.4 or |θ| > 12°. With
 * `shaped` (default true) the planner's reward is 1 − ½(θ/12°)² − ½(x/2.4)² instead of 1, which ranks sequences
 * that all survive the horizon (PETS' own cartpole cost is likewise a distance to upright); returns reported are
 * always the environment's.
 *
 * @example
 * ```ts
 * import { cartPoleTask } from "./pets.ts";
 * cartPoleTask().reward(new Float32Array([0, 0, 0, 0]), 0, new Float32Array([0]), 0); // 1
 * ```
 */
export function cartPoleTask(opts: { shaped?: boolean } = {}): PlanningTask {
  const shaped = opts.shaped ?? true;
  const thMax = (12 * 2 * Math.PI) / 360;
  return {
    reward(obs, o) {
      if (!shaped) return 1;
      const x = obs[4 * o] / 2.4, th = obs[4 * o + 2] / thMax;
      return 1 - 0.5 * th * th - 0.5 * x * x;
    },
    terminal(obs, o) {
      return cartPoleFailed(obs, o);
    },
  };
}

/**
 * The learned ensemble as a planning model: TS∞ with one particle per member, sampling each member's Gaussian
 * (`sample`, default true for probabilistic models).
 *
 * @example
 * ```ts
 * import { ensemblePlanningModel } from "./pets.ts";
 * import { createDynamicsModel } from "./models.ts";
 * const pm = ensemblePlanningModel(await createDynamicsModel({ obsSize: 4, actionSize: 1, hiddenSizes: [8] }));
 * pm.particles; // 5
 * ```
 */
export function ensemblePlanningModel(model: DynamicsModel, opts: { sample?: boolean } = {}): PlanningModel {
  const sample = opts.sample ?? model.probabilistic;
  return {
    obsSize: model.obsSize,
    actionSize: model.actionSize,
    particles: model.members,
    predict(obs, actions, pop, rng) {
      return predictNext(model, obs, actions, pop, sample ? rng : undefined);
    },
  };
}

/**
 * Pendulum-v1's true dynamics as a planning model (one particle; lib/envs' PendulumEnv steps the rows), for
 * checking the planner apart from model error.
 *
 * @example
 * ```ts
 * import { pendulumTrueModel } from "./pets.ts";
 * import { Rng } from "../core/rng.ts";
 * pendulumTrueModel().predict(new Float32Array([-1, 0, 0]), new Float32Array([0]), 1, new Rng(0)).length; // 3
 * ```
 */
export function pendulumTrueModel(): PlanningModel {
  let env: PendulumEnv | null = null;
  return {
    obsSize: 3,
    actionSize: 1,
    particles: 1,
    predict(obs, actions, pop) {
      if (env === null || env.numEnvs !== pop) {
        env = new PendulumEnv({ numEnvs: pop, maxEpisodeSteps: Infinity });
        env.reset(0);
      }
      for (let i = 0; i < pop; i++) {
        env.state[2 * i] = Math.atan2(obs[3 * i + 1], obs[3 * i]);
        env.state[2 * i + 1] = obs[3 * i + 2];
      }
      return env.step(actions).finalObservations.slice();
    },
  };
}

/**
 * The continuous CartPole's true dynamics as a planning model (one particle; {@link CartPoleContinuousEnv} steps the
 * rows), used to make expert trajectories.
 *
 * @example
 * ```ts
 * import { cartPoleTrueModel } from "./pets.ts";
 * import { Rng } from "../core/rng.ts";
 * cartPoleTrueModel().predict(new Float32Array(4), new Float32Array([1]), 1, new Rng(0)).length; // 4
 * ```
 */
export function cartPoleTrueModel(): PlanningModel {
  let env: CartPoleContinuousEnv | null = null;
  return {
    obsSize: 4,
    actionSize: 1,
    particles: 1,
    predict(obs, actions, pop) {
      if (env === null || env.numEnvs !== pop) {
        env = new CartPoleContinuousEnv({ numEnvs: pop, maxEpisodeSteps: Infinity });
        env.reset(0);
      }
      for (let k = 0; k < 4 * pop; k++) env.state[k] = obs[k];
      return env.step(actions).finalObservations.slice();
    },
  };
}

/** CEM-MPC settings (PETS' defaults in brackets: population 500, horizon 30, 5 iterations, 50 elites, α 0.1). */
export interface CemOptions {
  /** Candidate sequences per iteration (default 200). */
  population?: number;
  /** Planning horizon (default 15). */
  horizon?: number;
  /** CEM iterations per step (default 3). */
  iterations?: number;
  /** Elites refitted each iteration (default 20). */
  elites?: number;
  /** Smoothing α: new = α·old + (1 − α)·elite statistics (default 0.1). */
  alpha?: number;
}

/** A CEM-MPC controller over a model; {@link Planner.act} returns the first action of the optimised sequence. */
export interface Planner {
  /** Plan from `obs` (one observation) and return the first action; warm-starts from the previous plan. */
  act(obs: Float32Array, rng: Rng): Float32Array;
  /** Forget the warm start (call at episode start). */
  reset(): void;
}

/**
 * Create a CEM-MPC planner (PETS, Chua et al. 2018, Alg. 1 lines 6–9, with TS∞ particles): candidates from a
 * normal truncated at ±2σ and clipped to the action box, the variance also capped by the distance to the bounds,
 * each scored by the mean over particles of the summed (alive-masked) task reward.
 *
 * @example
 * ```ts
 * import { createPlanner, pendulumTask, pendulumTrueModel } from "./pets.ts";
 * import { Box } from "../core/spaces.ts";
 * import { Rng } from "../core/rng.ts";
 * const planner = createPlanner(pendulumTrueModel(), pendulumTask(), new Box([-2], [2]), { population: 50, horizon: 10 });
 * planner.act(new Float32Array([-1, 0, 0]), new Rng(0));
 * ```
 */
export function createPlanner(
  model: PlanningModel,
  task: PlanningTask,
  actionSpace: Box,
  opts: CemOptions = {},
): Planner {
  const pop = checkInteger("population", opts.population ?? 200, { min: 2 });
  const h = checkInteger("horizon", opts.horizon ?? 15, { min: 1 });
  const iters = checkInteger("iterations", opts.iterations ?? 3, { min: 1 });
  const elites = checkInteger("elites", opts.elites ?? 20, { min: 1, max: pop });
  const alpha = opts.alpha ?? 0.1;
  const a = model.actionSize, d = model.obsSize, p = model.particles;
  const low = actionSpace.low, high = actionSpace.high;
  const mean = new Float64Array(h * a);
  const varInit = new Float64Array(a).map((_, j) => ((high[j] - low[j]) ** 2) / 16);
  const mid = new Float64Array(a).map((_, j) => (high[j] + low[j]) / 2);
  const reset = () => {
    for (let t = 0; t < h; t++) for (let j = 0; j < a; j++) mean[t * a + j] = mid[j];
  };
  reset();
  const cand = new Float32Array(pop * h * a);
  const scores = new Float64Array(pop);
  const actT = new Float32Array(pop * a);
  const variance = new Float64Array(h * a);
  return {
    reset,
    act(obs0: Float32Array, rng: Rng): Float32Array {
      for (let k = 0; k < h * a; k++) variance[k] = varInit[k % a];
      for (let it = 0; it < iters; it++) {
        for (let c = 0; c < pop; c++) {
          for (let k = 0; k < h * a; k++) {
            const j = k % a;
            const cap = Math.min(((mean[k] - low[j]) / 2) ** 2, ((high[j] - mean[k]) / 2) ** 2);
            const sd = Math.sqrt(Math.max(0, Math.min(variance[k], cap)));
            let z = rng.normal();
            while (z > 2 || z < -2) z = rng.normal();
            cand[(c * h * a) + k] = Math.min(high[j], Math.max(low[j], mean[k] + sd * z));
          }
        }
        let obs: Float32Array = new Float32Array(p * pop * d);
        for (let r = 0; r < p * pop; r++) obs.set(obs0.subarray(0, d), r * d);
        const ret = new Float64Array(p * pop);
        const alive = new Uint8Array(p * pop).fill(1);
        for (let t = 0; t < h; t++) {
          for (let c = 0; c < pop; c++) {
            for (let j = 0; j < a; j++) actT[c * a + j] = cand[c * h * a + t * a + j];
          }
          const next = model.predict(obs, actT, pop, rng);
          for (let r = 0; r < p * pop; r++) {
            if (!alive[r]) continue;
            const rew = task.reward(obs, r, actT, r % pop);
            ret[r] += Number.isFinite(rew) ? rew : -1e6;
            if (task.terminal?.(next, r)) alive[r] = 0;
          }
          obs = next;
        }
        for (let c = 0; c < pop; c++) {
          let s = 0;
          for (let k = 0; k < p; k++) s += ret[k * pop + c];
          scores[c] = s / p;
        }
        const order = Array.from({ length: pop }, (_, i) => i).sort((x, y) => scores[y] - scores[x]);
        for (let k = 0; k < h * a; k++) {
          let m = 0;
          for (let e = 0; e < elites; e++) m += cand[order[e] * h * a + k];
          m /= elites;
          let v = 0;
          for (let e = 0; e < elites; e++) v += (cand[order[e] * h * a + k] - m) ** 2;
          v /= elites;
          mean[k] = alpha * mean[k] + (1 - alpha) * m;
          variance[k] = alpha * variance[k] + (1 - alpha) * v;
        }
      }
      const first = new Float32Array(a);
      for (let j = 0; j < a; j++) first[j] = mean[j];
      // warm start: shift the plan by one step and append the action box's middle
      mean.copyWithin(0, a);
      for (let j = 0; j < a; j++) mean[(h - 1) * a + j] = mid[j];
      return first;
    },
  };
}

/** What {@link runEpisode} returns. */
export interface EpisodeResult {
  /** Undiscounted return (the env's reward). */
  return: number;
  /** Steps taken. */
  length: number;
  /** The transitions of the episode. */
  transitions: Transitions;
}

/**
 * Run one episode of `env` (one copy) with an action function (a planner's `act`, or random actions), recording
 * the transitions. Stops at termination, truncation, or `maxSteps`.
 *
 * @example
 * ```ts
 * import { runEpisode } from "./pets.ts";
 * import { pendulum } from "../envs/pendulum.ts";
 * import { Rng } from "../core/rng.ts";
 * const r = runEpisode(pendulum(), () => new Float32Array([0]), { seed: 0, rng: new Rng(0), maxSteps: 10 });
 * r.length; // 10
 * ```
 */
export function runEpisode(
  env: VecEnv,
  policy: (obs: Float32Array, rng: Rng) => Float32Array,
  opts: { seed: number; rng: Rng; maxSteps?: number; signal?: AbortSignal },
): EpisodeResult {
  if (env.numEnvs !== 1) throw new RangeError(`env.numEnvs must be 1, got ${env.numEnvs}`);
  const space = env.actionSpace;
  if (!(space instanceof Box)) throw new TypeError("env.actionSpace must be a Box");
  const maxSteps = checkInteger("maxSteps", opts.maxSteps ?? env.maxEpisodeSteps, { min: 1 });
  const d = env.observationSpace instanceof Box ? env.observationSpace.shape.reduce((x, y) => x * y, 1) : 1;
  const a = space.shape.reduce((x, y) => x * y, 1);
  const obsRows: number[] = [], actRows: number[] = [], nextRows: number[] = [], rewards: number[] = [];
  let obs = env.reset(opts.seed).slice();
  let total = 0, t = 0;
  for (; t < maxSteps; t++) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
    const u = policy(obs, opts.rng);
    for (let j = 0; j < a; j++) u[j] = Math.min(space.high[j], Math.max(space.low[j], u[j]));
    const r = env.step(u);
    const next = r.finalObservations.slice(0, d);
    obsRows.push(...obs);
    actRows.push(...u);
    nextRows.push(...next);
    rewards.push(r.rewards[0]);
    total += r.rewards[0];
    if (r.terminated[0] || r.truncated[0]) {
      t++;
      break;
    }
    obs = r.observations.slice(0, d);
  }
  return {
    return: total,
    length: t,
    transitions: {
      obs: new Float32Array(obsRows),
      actions: new Float32Array(actRows),
      nextObs: new Float32Array(nextRows),
      rewards: new Float32Array(rewards),
      size: t,
    },
  };
}

/**
 * Uniformly random actions in a Box, as an action function for {@link runEpisode}.
 *
 * @example
 * ```ts
 * import { randomActions } from "./pets.ts";
 * import { Box } from "../core/spaces.ts";
 * import { Rng } from "../core/rng.ts";
 * randomActions(new Box([-1], [1]))(new Float32Array(4), new Rng(0));
 * ```
 */
export function randomActions(space: Box): (obs: Float32Array, rng: Rng) => Float32Array {
  return (_obs, rng) => {
    const u = new Float32Array(space.low.length);
    for (let j = 0; j < u.length; j++) u[j] = rng.uniformIn(space.low[j], space.high[j]);
    return u;
  };
}

/**
 * Concatenate transition sets.
 *
 * @example
 * ```ts
 * import { concatTransitions } from "./pets.ts";
 * const t = { obs: new Float32Array([0]), actions: new Float32Array([0]), nextObs: new Float32Array([1]), size: 1 };
 * concatTransitions([t, t]).size; // 2
 * ```
 */
export function concatTransitions(parts: readonly Transitions[]): Transitions {
  const cat = (f: (t: Transitions) => Float32Array) => {
    const out = new Float32Array(parts.reduce((s, t) => s + f(t).length, 0));
    let off = 0;
    for (const t of parts) {
      out.set(f(t), off);
      off += f(t).length;
    }
    return out;
  };
  return {
    obs: cat((t) => t.obs),
    actions: cat((t) => t.actions),
    nextObs: cat((t) => t.nextObs),
    rewards: cat((t) => t.rewards ?? new Float32Array(t.size)),
    size: parts.reduce((s, t) => s + t.size, 0),
  };
}

/** Options of {@link runPets}. */
export interface PetsOptions {
  /** Random-action episodes before the first model (default 1). */
  randomEpisodes?: number;
  /** PETS iterations: train the model on all data, run one MPC episode, add it (default 3). */
  iterations?: number;
  /** Model architecture (obs/action sizes are taken from the env). */
  model?: Omit<DynamicsModelOptions, "obsSize" | "actionSize">;
  /** Training settings per iteration (default 20 epochs). */
  train?: Omit<TrainModelOptions, "rng" | "signal">;
  /** CEM settings. */
  cem?: CemOptions;
  /** Step limit per episode (default the env's). */
  maxSteps?: number;
}

/** What {@link runPets} returns. */
export interface PetsResult {
  /** Return of each MPC episode. */
  returns: number[];
  /** Return of each random episode. */
  randomReturns: number[];
  /** All transitions collected. */
  data: Transitions;
}

/**
 * The PETS loop (Chua et al. 2018, Alg. 1): random episodes, then per iteration fit normalisation and train a fresh
 * probabilistic ensemble on all data, run one CEM-MPC episode with it, add the episode to the data.
 *
 * @example
 * ```ts
 * import { cartPoleTask, runPets } from "./pets.ts";
 * import { cartPoleContinuous } from "./envs.ts";
 * import { Rng } from "../core/rng.ts";
 * const res = await runPets(cartPoleContinuous(), cartPoleTask(), {
 *   iterations: 1, maxSteps: 20, model: { members: 2, hiddenSizes: [16] }, train: { epochs: 2 }, cem: { population: 20, horizon: 5 },
 * }, { rng: new Rng(0) });
 * ```
 */
export async function runPets(
  env: VecEnv,
  task: PlanningTask,
  opts: PetsOptions,
  run: { rng: Rng; signal?: AbortSignal; onProgress?: ProgressCallback },
): Promise<PetsResult> {
  const space = env.actionSpace;
  if (!(space instanceof Box) || !(env.observationSpace instanceof Box)) {
    throw new TypeError("env must have Box observation and action spaces");
  }
  const rng = run.rng;
  const randomEpisodes = checkInteger("randomEpisodes", opts.randomEpisodes ?? 1, { min: 1 });
  const iterations = checkInteger("iterations", opts.iterations ?? 3, { min: 1 });
  const maxSteps = opts.maxSteps ?? env.maxEpisodeSteps;
  checkPositive("maxSteps", maxSteps);
  const obsSize = env.observationSpace.shape.reduce((x, y) => x * y, 1);
  const actionSize = space.shape.reduce((x, y) => x * y, 1);
  const parts: Transitions[] = [];
  const randomReturns: number[] = [];
  for (let e = 0; e < randomEpisodes; e++) {
    const ep = runEpisode(env, randomActions(space), {
      seed: rng.integer(2 ** 31),
      rng,
      maxSteps,
      signal: run.signal,
    });
    parts.push(ep.transitions);
    randomReturns.push(ep.return);
  }
  const returns: number[] = [];
  for (let it = 0; it < iterations; it++) {
    const data = concatTransitions(parts);
    const model = await createDynamicsModel({
      ...opts.model,
      obsSize,
      actionSize,
      seed: rng.integer(2 ** 31),
    });
    try {
      fitNormalization(model, data);
      await trainDynamicsModel(model, data, { epochs: 20, ...opts.train, rng, signal: run.signal });
      const planner = createPlanner(ensemblePlanningModel(model), task, space, opts.cem);
      const ep = runEpisode(env, (o, r) => planner.act(o, r), {
        seed: rng.integer(2 ** 31),
        rng,
        maxSteps,
        signal: run.signal,
      });
      parts.push(ep.transitions);
      returns.push(ep.return);
      run.onProgress?.({ done: it + 1, total: iterations, return: ep.return });
    } finally {
      disposeDynamicsModel(model);
    }
  }
  return { returns, randomReturns, data: concatTransitions(parts) };
}

/**
 * A fresh seeded stream (a convenience for notebooks, which then need not import lib/core).
 *
 * @example
 * ```ts
 * import { rngOf } from "./pets.ts";
 * rngOf(0).uniform();
 * ```
 */
export function rngOf(seed: number): Rng {
  return new Rng(seed);
}
