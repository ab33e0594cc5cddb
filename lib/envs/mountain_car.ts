/**
 * MountainCar-v0 (Moore 1990; Sutton & Barto 2018, Example 10.1), vectorised, with Gymnasium's equations and
 * constants and a per-copy context. The continuous version is in `mountain_car_continuous.ts`.
 *
 * @module
 */
import { checkActions, copyRngs, createStepResult } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { checkInteger, checkLength } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";
import { checkContext, checkStateArgs, checkVecOptions, contextsFor } from "./_classic.ts";
import type { ContextKeys } from "./_classic.ts";

/** Physical parameters of one MountainCar-v0 copy (Gymnasium's defaults in {@link MOUNTAIN_CAR_DEFAULT}). */
export interface MountainCarContext {
  /** Engine force per unit of push (Gymnasium's `force`). */
  force: number;
  /** Gravity term of the slope, multiplying cos(3·position) (Gymnasium's `gravity`). */
  gravity: number;
}

/** Gymnasium MountainCar-v0 constants. */
export const MOUNTAIN_CAR_DEFAULT: Readonly<MountainCarContext> = Object.freeze({
  force: 0.001,
  gravity: 0.0025,
});

/** Track bounds, speed limit and the start interval shared with MountainCarContinuous-v0. */
export const MOUNTAIN_CAR_TRACK: Readonly<
  { minPosition: number; maxPosition: number; maxSpeed: number; startLow: number; startHigh: number }
> = Object.freeze({ minPosition: -1.2, maxPosition: 0.6, maxSpeed: 0.07, startLow: -0.6, startHigh: -0.4 });

const CONTEXT_KEYS: ContextKeys<MountainCarContext> = { positive: ["force"], finite: ["gravity"] };
const { minPosition: MIN_POSITION, maxPosition: MAX_POSITION, maxSpeed: MAX_SPEED } = MOUNTAIN_CAR_TRACK;
const GOAL_POSITION = 0.5;

/** Options of {@link mountainCar}. */
export interface MountainCarOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link MOUNTAIN_CAR_DEFAULT}. */
  contexts?: MountainCarContext | readonly MountainCarContext[];
  /** Time limit (truncation); default 200 as MountainCar-v0. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised MountainCar-v0: observation [position, velocity]; actions 0/1/2 push left/not/right; reward −1 per
 * step; terminated when position ≥ 0.5 with velocity ≥ 0; truncated at `maxEpisodeSteps`. Starts at position
 * U(−0.6, −0.4), velocity 0. Dynamics (Gymnasium `MountainCarEnv.step`):
 * v ← clip(v + (a − 1)·force − cos(3p)·gravity, ±0.07); p ← clip(p + v, [−1.2, 0.6]); v ← 0 at the left wall
 * when moving left.
 */
export class MountainCarEnv implements ContextualVecEnv<MountainCarContext> {
  /** [position, velocity] bounds. */
  readonly observationSpace: Box = new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED], {
    dtype: "float32",
  });
  /** Push left (0), none (1), right (2). */
  readonly actionSpace: Discrete = new Discrete(3);
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard MountainCar-v0 context. */
  readonly defaultContext: Readonly<MountainCarContext> = MOUNTAIN_CAR_DEFAULT;
  /** State [position, velocity] of copy i at 2i, 2i + 1 (float64). */
  readonly state: Float64Array;
  #steps: Int32Array;
  #contexts: readonly Readonly<MountainCarContext>[] = [];
  #result: StepResult;
  #rngs: Rng[];

  /** See {@link mountainCar}. */
  constructor(opts: MountainCarOptions = {}) {
    const { numEnvs, maxEpisodeSteps } = checkVecOptions(opts, 200);
    this.numEnvs = numEnvs;
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.state = new Float64Array(2 * numEnvs);
    this.#steps = new Int32Array(numEnvs);
    this.#result = createStepResult(numEnvs, 2);
    this.setContexts(contextsFor(numEnvs, opts.contexts, MOUNTAIN_CAR_DEFAULT));
    this.#rngs = copyRngs(0, numEnvs);
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<MountainCarContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy); they apply from the next step on. */
  setContexts(contexts: readonly MountainCarContext[]): void {
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
   * import { mountainCar } from "./mountain_car.ts";
   * const env = mountainCar();
   * env.reset(0);
   * env.setState(0, [-0.5, 0.01]);
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    checkStateArgs(this.numEnvs, i, state, 2);
    this.state[2 * i] = state[0];
    this.state[2 * i + 1] = state[1];
    this.#write(this.#result.observations, i);
  }

  /** One step of every copy (Gymnasium's `MountainCarEnv.step`), auto-resetting copies that end. */
  step(actions: Int32Array): StepResult {
    checkActions(this, actions);
    const r = this.#result, s = this.state;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i];
      let position = s[2 * i], velocity = s[2 * i + 1];
      velocity += (actions[i] - 1) * c.force + Math.cos(3 * position) * -c.gravity;
      velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
      position += velocity;
      position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
      if (position === MIN_POSITION && velocity < 0) velocity = 0;
      s[2 * i] = position;
      s[2 * i + 1] = velocity;
      const terminated = position >= GOAL_POSITION && velocity >= 0;
      const truncated = !terminated && ++this.#steps[i] >= this.maxEpisodeSteps;
      r.rewards[i] = -1;
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
 * Create a vectorised MountainCar-v0.
 *
 * @example
 * ```ts
 * import { mountainCar } from "./mountain_car.ts";
 * const env = mountainCar({ numEnvs: 2, contexts: [{ force: 0.001, gravity: 0.0025 }, { force: 0.0015, gravity: 0.0025 }] });
 * env.reset(0);
 * env.step(new Int32Array([2, 0]));
 * ```
 */
export function mountainCar(opts: MountainCarOptions = {}): MountainCarEnv {
  return new MountainCarEnv(opts);
}
