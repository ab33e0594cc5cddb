/**
 * Pendulum-v1, vectorised, with Gymnasium's classic-control equations and constants and a per-copy context of
 * physical parameters.
 *
 * @module
 */
import { checkActions } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { Box } from "../core/spaces.ts";
import { checkContexts, ClassicCopies, contextsFor } from "./_classic.ts";
import type { ContextKeys, CopyRules } from "./_classic.ts";

/** Physical parameters of one Pendulum copy (Gymnasium's defaults in {@link PENDULUM_DEFAULT}). */
export interface PendulumContext {
  /** Gravity (m/s²). */
  g: number;
  /** Mass (kg). */
  m: number;
  /** Length (m). */
  l: number;
  /** Largest torque (N·m); actions are clipped to ±max_torque. */
  max_torque: number;
  /** Largest angular speed (rad/s); above 8 the observations can leave Gymnasium's observation space. */
  max_speed: number;
  /** Integration step (s). */
  dt: number;
}

/** Gymnasium Pendulum-v1 constants. */
export const PENDULUM_DEFAULT: Readonly<PendulumContext> = Object.freeze({
  g: 10.0,
  m: 1.0,
  l: 1.0,
  max_torque: 2.0,
  max_speed: 8.0,
  dt: 0.05,
});

/** Angle wrapped into [−π, π) with Python's floored modulo, as Gymnasium's `angle_normalize`. */
export function angleNormalize(x: number): number {
  const period = 2 * Math.PI;
  const y = x + Math.PI;
  return y - period * Math.floor(y / period) - Math.PI;
}

const CONTEXT_KEYS: ContextKeys<PendulumContext> = {
  positive: ["m", "l", "max_torque", "max_speed", "dt"],
  finite: ["g"],
};

/** State [θ, θ̇], started at θ ~ U(−π, π), θ̇ ~ U(−1, 1); observation [cos θ, sin θ, θ̇]. */
const COPY_RULES: CopyRules = {
  stateDim: 2,
  obsDim: 3,
  start(rng, state, i) {
    state[2 * i] = rng.uniformIn(-Math.PI, Math.PI);
    state[2 * i + 1] = rng.uniformIn(-1, 1);
  },
  observe(state, i, out) {
    const th = state[2 * i];
    out[3 * i] = Math.cos(th);
    out[3 * i + 1] = Math.sin(th);
    out[3 * i + 2] = state[2 * i + 1];
  },
};

/** Options of {@link pendulum}. */
export interface PendulumOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link PENDULUM_DEFAULT}. */
  contexts?: PendulumContext | readonly PendulumContext[];
  /** Time limit (truncation); default 200 as Pendulum-v1. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised Pendulum-v1. Observation [cos θ, sin θ, θ̇]; action: torque in [−2, 2] (clipped to the copy's
 * max_torque); reward −(θ_n² + 0.1 θ̇² + 0.001 u²) with θ_n the angle wrapped to [−π, π); never terminates,
 * truncated at `maxEpisodeSteps`. Starts with θ ~ U(−π, π), θ̇ ~ U(−1, 1).
 */
export class PendulumEnv implements ContextualVecEnv<PendulumContext> {
  /** [cos θ, sin θ, θ̇] with |θ̇| ≤ 8. */
  readonly observationSpace: Box = new Box([-1, -1, -8], [1, 1, 8], { dtype: "float32" });
  /** Torque. */
  readonly actionSpace: Box = new Box([-2], [2], { dtype: "float32" });
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard Pendulum-v1 context. */
  readonly defaultContext: Readonly<PendulumContext> = PENDULUM_DEFAULT;
  /**
   * State [θ, θ̇] of copy i at 2i, 2i + 1 (float64). Writing it directly is allowed (the next step starts there);
   * {@link PendulumEnv.setState} also refreshes the observation row.
   */
  readonly state: Float64Array;
  readonly #copies: ClassicCopies;
  /** `#sinTheta[i] = sin(#sinOf[i])`: the step computes sin θ once and reuses it as the next step's sin θ. */
  #sinTheta: Float64Array;
  #sinOf: Float64Array;
  #contexts: readonly Readonly<PendulumContext>[] = [];

  /** See {@link pendulum}. */
  constructor(opts: PendulumOptions = {}) {
    this.#copies = new ClassicCopies(opts, 200, COPY_RULES);
    this.numEnvs = this.#copies.numEnvs;
    this.maxEpisodeSteps = this.#copies.maxEpisodeSteps;
    this.state = this.#copies.state;
    this.#sinTheta = new Float64Array(this.numEnvs);
    this.#sinOf = new Float64Array(this.numEnvs).fill(NaN);
    this.setContexts(contextsFor(this.numEnvs, opts.contexts, PENDULUM_DEFAULT));
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<PendulumContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy). */
  setContexts(contexts: readonly PendulumContext[]): void {
    this.#contexts = checkContexts(contexts, this.numEnvs, CONTEXT_KEYS);
  }

  /** Start every copy; copy i draws from the i-th split of `new Rng(seed)`. */
  reset(seed: number): Float32Array {
    return this.#copies.reset(seed);
  }

  /**
   * Place copy i at `state` = [θ, θ̇] (θ in radians, 0 = upright; its episode clock is kept) and update its
   * observation row.
   *
   * @example
   * ```ts
   * import { pendulum } from "./pendulum.ts";
   * const env = pendulum();
   * env.reset(0);
   * env.setState(0, [Math.PI, 0]); // hanging down, at rest
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    this.#copies.setState(i, state);
  }

  /** One step of every copy (Gymnasium's `PendulumEnv.step`), auto-resetting copies at the time limit. */
  step(actions: Float32Array): StepResult {
    checkActions(this, actions);
    const copies = this.#copies,
      r = copies.result,
      s = this.state,
      sinTheta = this.#sinTheta,
      sinOf = this.#sinOf;
    const obs = r.observations, fin = r.finalObservations;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i];
      const th = s[2 * i], thdot = s[2 * i + 1];
      // Gymnasium PendulumEnv.step: u = clip(u, −max_torque, max_torque); the cost uses the clipped u
      const u = Math.min(c.max_torque, Math.max(-c.max_torque, actions[i]));
      const thn = angleNormalize(th);
      const cost = thn * thn + 0.1 * thdot * thdot + 0.001 * u * u;
      // θ̈ = 3g/(2l)·sin θ + 3/(m l²)·u (a uniform rod pivoting at one end), semi-implicit Euler with speed clip;
      // sin θ is reused from the previous step unless `state` was written since
      const sinTh = sinOf[i] === th ? sinTheta[i] : Math.sin(th);
      let newThdot = thdot + ((3 * c.g) / (2 * c.l) * sinTh + (3.0 / (c.m * c.l * c.l)) * u) * c.dt;
      newThdot = Math.min(c.max_speed, Math.max(-c.max_speed, newThdot));
      const newTh = th + newThdot * c.dt;
      const sin = Math.sin(newTh), cos = Math.cos(newTh);
      s[2 * i] = newTh;
      s[2 * i + 1] = newThdot;
      sinTheta[i] = sin;
      sinOf[i] = newTh;
      r.rewards[i] = -cost;
      fin[3 * i] = cos;
      fin[3 * i + 1] = sin;
      fin[3 * i + 2] = newThdot;
      obs[3 * i] = cos;
      obs[3 * i + 1] = sin;
      obs[3 * i + 2] = newThdot;
      r.terminated[i] = 0;
    }
    copies.endStep();
    return r;
  }
}

/**
 * Create a vectorised Pendulum-v1.
 *
 * @example
 * ```ts
 * import { pendulum } from "./pendulum.ts";
 * const env = pendulum({ numEnvs: 4 });
 * env.reset(0);
 * const { rewards } = env.step(new Float32Array([2, -2, 0, 1]));
 * ```
 */
export function pendulum(opts: PendulumOptions = {}): PendulumEnv {
  return new PendulumEnv(opts);
}
