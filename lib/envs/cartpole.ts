/**
 * CartPole-v1 (Barto, Sutton & Anderson 1983), vectorised, with Gymnasium's classic-control equations and constants
 * and a per-copy context of physical parameters (for contextual RL such as MBTL).
 *
 * @module
 */
import { checkActions, copyRngs, createStepResult } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { checkFinite, checkInteger, checkLength, checkPositive, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";

/** Physical parameters of one CartPole copy (Gymnasium's defaults in {@link CARTPOLE_DEFAULT}). */
export interface CartPoleContext {
  /** Gravity (m/s²). */
  gravity: number;
  /** Cart mass (kg). */
  masscart: number;
  /** Pole mass (kg). */
  masspole: number;
  /** Half the pole's length (m), as Gymnasium's `length`. */
  length: number;
  /** Magnitude of the push (N). */
  force_mag: number;
  /** Integration step (s). */
  tau: number;
}

/** Gymnasium CartPole-v1 constants. */
export const CARTPOLE_DEFAULT: Readonly<CartPoleContext> = Object.freeze({
  gravity: 9.8,
  masscart: 1.0,
  masspole: 0.1,
  length: 0.5,
  force_mag: 10.0,
  tau: 0.02,
});

/** Episode ends when |x| > 2.4 m. */
export const X_THRESHOLD = 2.4;
/** Episode ends when |θ| > 12° (in radians, as Gymnasium: 12 · 2π / 360). */
export const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;

function checkContext(name: string, c: CartPoleContext): CartPoleContext {
  if (typeof c !== "object" || c === null) {
    throw new TypeError(`${name} must be a context object, got ${describe(c)}`);
  }
  checkFinite(`${name}.gravity`, c.gravity);
  for (const k of ["masscart", "masspole", "length", "force_mag", "tau"] as const) {
    checkPositive(`${name}.${k}`, c[k]);
  }
  return { ...c };
}

/** Options of {@link cartPole}. */
export interface CartPoleOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link CARTPOLE_DEFAULT}. */
  contexts?: CartPoleContext | readonly CartPoleContext[];
  /** Time limit (truncation); default 500 as CartPole-v1. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised CartPole-v1. Observation [x, ẋ, θ, θ̇]; actions 0 (push left) and 1 (push right); reward 1 on every
 * step, including the terminating one; terminated when |x| > 2.4 or |θ| > 12°; truncated at `maxEpisodeSteps`.
 * Starts uniform in ±0.05 on every state variable; integrates with explicit Euler, as Gymnasium by default.
 */
export class CartPoleEnv implements ContextualVecEnv<CartPoleContext> {
  /** Gymnasium's observation bounds: x ∈ ±4.8, θ ∈ ±24°, velocities unbounded. */
  readonly observationSpace: Box = new Box(
    [-2 * X_THRESHOLD, -Infinity, -2 * THETA_THRESHOLD, -Infinity],
    [2 * X_THRESHOLD, Infinity, 2 * THETA_THRESHOLD, Infinity],
    { dtype: "float32" },
  );
  /** Push left (0) or right (1). */
  readonly actionSpace: Discrete = new Discrete(2);
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard CartPole-v1 context. */
  readonly defaultContext: Readonly<CartPoleContext> = CARTPOLE_DEFAULT;
  /** State [x, ẋ, θ, θ̇] of copy i at 4i..4i+3 (float64; observations are its float32 copy). */
  readonly state: Float64Array;
  #steps: Int32Array;
  #contexts: CartPoleContext[];
  /** Contexts as typed-array columns (the step loop reads these, not objects). */
  #params = {
    gravity: new Float64Array(0),
    masscart: new Float64Array(0),
    masspole: new Float64Array(0),
    length: new Float64Array(0),
    forceMag: new Float64Array(0),
    tau: new Float64Array(0),
  };
  #result: StepResult;
  #rngs: Rng[] = [];

  /** See {@link cartPole}. */
  constructor(opts: CartPoleOptions = {}) {
    this.numEnvs = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
    this.maxEpisodeSteps = checkInteger("maxEpisodeSteps", opts.maxEpisodeSteps ?? 500, { min: 1 });
    this.state = new Float64Array(4 * this.numEnvs);
    this.#steps = new Int32Array(this.numEnvs);
    this.#result = createStepResult(this.numEnvs, 4);
    this.#contexts = [];
    this.setContexts(
      Array.isArray(opts.contexts)
        ? opts.contexts
        : new Array(this.numEnvs).fill(opts.contexts ?? CARTPOLE_DEFAULT),
    );
    this.#rngs = copyRngs(0, this.numEnvs);
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<CartPoleContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy). */
  setContexts(contexts: readonly CartPoleContext[]): void {
    checkLength("contexts", contexts, this.numEnvs);
    this.#contexts = contexts.map((c, i) => checkContext(`contexts[${i}]`, c));
    const col = (f: (c: CartPoleContext) => number) => Float64Array.from(this.#contexts, f);
    this.#params = {
      gravity: col((c) => c.gravity),
      masscart: col((c) => c.masscart),
      masspole: col((c) => c.masspole),
      length: col((c) => c.length),
      forceMag: col((c) => c.force_mag),
      tau: col((c) => c.tau),
    };
  }

  #start(i: number): void {
    for (let d = 0; d < 4; d++) this.state[4 * i + d] = this.#rngs[i].uniformIn(-0.05, 0.05);
    this.#steps[i] = 0;
  }

  #write(out: Float32Array, i: number): void {
    for (let d = 0; d < 4; d++) out[4 * i + d] = this.state[4 * i + d];
  }

  /** Start every copy; copy i draws from the i-th split of `new Rng(seed)`. */
  reset(seed: number): Float32Array {
    checkInteger("seed", seed, {});
    this.#rngs = copyRngs(seed, this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) {
      this.#start(i);
      this.#write(this.#result.observations, i);
    }
    return this.#result.observations;
  }

  /** Overwrite copy i's state (e.g. to test the dynamics from a known state). */
  setState(i: number, state: readonly number[]): void {
    checkInteger("i", i, { min: 0, max: this.numEnvs - 1 });
    checkLength("state", state, 4);
    for (let d = 0; d < 4; d++) this.state[4 * i + d] = checkFinite(`state[${d}]`, state[d]);
    this.#write(this.#result.observations, i);
  }

  /** One step of every copy (Gymnasium's `CartPoleEnv.step`), auto-resetting copies that end. */
  step(actions: Int32Array): StepResult {
    checkActions(this, actions);
    const r = this.#result, s = this.state, steps = this.#steps, limit = this.maxEpisodeSteps;
    const { gravity, masscart, masspole, length, forceMag, tau } = this.#params;
    const obs = r.observations, fin = r.finalObservations;
    for (let i = 0; i < this.numEnvs; i++) {
      const o = 4 * i;
      const x = s[o], xDot = s[o + 1], theta = s[o + 2], thetaDot = s[o + 3];
      const force = actions[i] === 1 ? forceMag[i] : -forceMag[i];
      const cos = Math.cos(theta), sin = Math.sin(theta);
      const mp = masspole[i], len = length[i], dt = tau[i];
      const totalMass = mp + masscart[i];
      const poleMassLength = mp * len;
      const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
      const thetaAcc = (gravity[i] * sin - cos * temp) / (len * (4.0 / 3.0 - (mp * cos * cos) / totalMass));
      const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
      // explicit Euler, in Gymnasium's order
      const x1 = x + dt * xDot, th1 = theta + dt * thetaDot;
      s[o] = x1;
      s[o + 1] = xDot + dt * xAcc;
      s[o + 2] = th1;
      s[o + 3] = thetaDot + dt * thetaAcc;
      const terminated = x1 < -X_THRESHOLD || x1 > X_THRESHOLD || th1 < -THETA_THRESHOLD ||
        th1 > THETA_THRESHOLD;
      const truncated = !terminated && ++steps[i] >= limit;
      r.rewards[i] = 1;
      r.terminated[i] = terminated ? 1 : 0;
      r.truncated[i] = truncated ? 1 : 0;
      fin[o] = s[o];
      fin[o + 1] = s[o + 1];
      fin[o + 2] = s[o + 2];
      fin[o + 3] = s[o + 3];
      if (terminated || truncated) {
        this.#start(i);
        this.#write(obs, i);
      } else {
        obs[o] = fin[o];
        obs[o + 1] = fin[o + 1];
        obs[o + 2] = fin[o + 2];
        obs[o + 3] = fin[o + 3];
      }
    }
    return r;
  }
}

/**
 * Create a vectorised CartPole-v1.
 *
 * @example
 * ```ts
 * import { cartPole } from "./cartpole.ts";
 * const env = cartPole({ numEnvs: 8, contexts: { ...cartPole().defaultContext, length: 1 } });
 * env.reset(0);
 * const { rewards, terminated } = env.step(new Int32Array(8).fill(1));
 * ```
 */
export function cartPole(opts: CartPoleOptions = {}): CartPoleEnv {
  return new CartPoleEnv(opts);
}
