/**
 * MountainCarContinuous-v0 (Moore 1990), vectorised, with Gymnasium's equations and constants and a per-copy
 * context.
 *
 * @module
 */
import { checkActions, copyRngs, createStepResult } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { checkInteger, checkLength } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box } from "../core/spaces.ts";
import { checkContext, checkStateArgs, checkVecOptions, contextsFor } from "./_classic.ts";
import type { ContextKeys } from "./_classic.ts";
import { MOUNTAIN_CAR_TRACK } from "./mountain_car.ts";

/**
 * Physical parameters of one MountainCarContinuous-v0 copy (defaults in {@link MOUNTAIN_CAR_CONTINUOUS_DEFAULT}).
 * Gymnasium hard-codes the slope's 0.0025 in `step`; it is a context entry here so that it can vary too.
 */
export interface MountainCarContinuousContext {
  /** Engine force per unit of action (Gymnasium's `power`). */
  power: number;
  /** Gravity term of the slope, multiplying cos(3·position). */
  gravity: number;
}

/** Gymnasium MountainCarContinuous-v0 constants. */
export const MOUNTAIN_CAR_CONTINUOUS_DEFAULT: Readonly<MountainCarContinuousContext> = Object.freeze({
  power: 0.0015,
  gravity: 0.0025,
});

const CONTEXT_KEYS: ContextKeys<MountainCarContinuousContext> = { positive: ["power"], finite: ["gravity"] };
const { minPosition: MIN_POSITION, maxPosition: MAX_POSITION, maxSpeed: MAX_SPEED } = MOUNTAIN_CAR_TRACK;
const GOAL_POSITION = 0.45;

/** Options of {@link mountainCarContinuous}. */
export interface MountainCarContinuousOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link MOUNTAIN_CAR_CONTINUOUS_DEFAULT}. */
  contexts?: MountainCarContinuousContext | readonly MountainCarContinuousContext[];
  /** Time limit (truncation); default 999 as MountainCarContinuous-v0. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised MountainCarContinuous-v0: observation [position, velocity]; action a ∈ [−1, 1] (clipped for the
 * dynamics); reward 100 on reaching position ≥ 0.45 with velocity ≥ 0, minus 0.1·a² every step with the action as
 * given (Gymnasium squares the unclipped `action[0]`); truncated at `maxEpisodeSteps`. Starts at position
 * U(−0.6, −0.4), velocity 0. Dynamics (Gymnasium `Continuous_MountainCarEnv.step`):
 * v ← clip(v + clip(a, ±1)·power − 0.0025·cos(3p), ±0.07); p ← clip(p + v, [−1.2, 0.6]); v ← 0 at the left wall
 * when moving left.
 */
export class MountainCarContinuousEnv implements ContextualVecEnv<MountainCarContinuousContext> {
  /** [position, velocity] bounds. */
  readonly observationSpace: Box = new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED], {
    dtype: "float32",
  });
  /** Engine force in [−1, 1]. */
  readonly actionSpace: Box = new Box([-1], [1], { dtype: "float32" });
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard MountainCarContinuous-v0 context. */
  readonly defaultContext: Readonly<MountainCarContinuousContext> = MOUNTAIN_CAR_CONTINUOUS_DEFAULT;
  /** State [position, velocity] of copy i at 2i, 2i + 1 (float64). */
  readonly state: Float64Array;
  #steps: Int32Array;
  #contexts: readonly Readonly<MountainCarContinuousContext>[] = [];
  #result: StepResult;
  #rngs: Rng[];

  /** See {@link mountainCarContinuous}. */
  constructor(opts: MountainCarContinuousOptions = {}) {
    const { numEnvs, maxEpisodeSteps } = checkVecOptions(opts, 999);
    this.numEnvs = numEnvs;
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.state = new Float64Array(2 * numEnvs);
    this.#steps = new Int32Array(numEnvs);
    this.#result = createStepResult(numEnvs, 2);
    this.setContexts(contextsFor(numEnvs, opts.contexts, MOUNTAIN_CAR_CONTINUOUS_DEFAULT));
    this.#rngs = copyRngs(0, numEnvs);
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<MountainCarContinuousContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy); they apply from the next step on. */
  setContexts(contexts: readonly MountainCarContinuousContext[]): void {
    checkLength("contexts", contexts, this.numEnvs);
    this.#contexts = Object.freeze(contexts.map((c, i) => checkContext(`contexts[${i}]`, c, CONTEXT_KEYS)));
  }

  #start(i: number): void {
    this.state[2 * i] = this.#rngs[i].uniformIn(MOUNTAIN_CAR_TRACK.startLow, MOUNTAIN_CAR_TRACK.startHigh);
    this.state[2 * i + 1] = 0;
    this.#steps[i] = 0;
  }

  #write(out: Float32Array, i: number): void {
    out[2 * i] = this.state[2 * i];
    out[2 * i + 1] = this.state[2 * i + 1];
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

  /**
   * Place copy i at `state` = [position, velocity] (its episode clock is kept) and update its observation row.
   *
   * @example
   * ```ts
   * import { mountainCarContinuous } from "./mountain_car_continuous.ts";
   * const env = mountainCarContinuous();
   * env.reset(0);
   * env.setState(0, [0.44, 0.02]);
   * env.step(new Float32Array([1])); // reaches the goal: reward 100 − 0.1
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    checkStateArgs(this.numEnvs, i, state, 2);
    this.state[2 * i] = state[0];
    this.state[2 * i + 1] = state[1];
    this.#write(this.#result.observations, i);
  }

  /** One step of every copy (Gymnasium's `Continuous_MountainCarEnv.step`), auto-resetting copies that end. */
  step(actions: Float32Array): StepResult {
    checkActions(this, actions);
    const r = this.#result, s = this.state;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i], a = actions[i];
      let position = s[2 * i], velocity = s[2 * i + 1];
      const force = Math.min(Math.max(a, -1), 1);
      velocity += force * c.power - c.gravity * Math.cos(3 * position);
      velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
      position += velocity;
      position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
      if (position === MIN_POSITION && velocity < 0) velocity = 0;
      s[2 * i] = position;
      s[2 * i + 1] = velocity;
      const terminated = position >= GOAL_POSITION && velocity >= 0;
      const truncated = !terminated && ++this.#steps[i] >= this.maxEpisodeSteps;
      r.rewards[i] = (terminated ? 100 : 0) - 0.1 * a * a;
      r.terminated[i] = terminated ? 1 : 0;
      r.truncated[i] = truncated ? 1 : 0;
      this.#write(r.finalObservations, i);
      if (terminated || truncated) this.#start(i);
      this.#write(r.observations, i);
    }
    return r;
  }
}

/**
 * Create a vectorised MountainCarContinuous-v0.
 *
 * @example
 * ```ts
 * import { mountainCarContinuous } from "./mountain_car_continuous.ts";
 * const env = mountainCarContinuous({ numEnvs: 2, contexts: { power: 0.003, gravity: 0.0025 } });
 * env.reset(0);
 * env.step(new Float32Array([1, -0.5]));
 * ```
 */
export function mountainCarContinuous(opts: MountainCarContinuousOptions = {}): MountainCarContinuousEnv {
  return new MountainCarContinuousEnv(opts);
}
