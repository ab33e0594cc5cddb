/**
 * MountainCar-v0 and MountainCarContinuous-v0 (Moore 1990), vectorised, with Gymnasium's equations and constants and
 * a per-copy context.
 *
 * @module
 */
import { checkActions, copyRngs, createStepResult } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { checkFinite, checkInteger, checkLength, checkPositive, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";

/** Physical parameters of one MountainCar copy. */
export interface MountainCarContext {
  /** Engine force per unit action: 0.001 (discrete); `power` 0.0015 in the continuous version. */
  force: number;
  /** Gravity term: 0.0025. */
  gravity: number;
}

const MIN_POSITION = -1.2, MAX_POSITION = 0.6, MAX_SPEED = 0.07;

/** Options of {@link mountainCar} and {@link mountainCarContinuous}. */
export interface MountainCarOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default Gymnasium's constants. */
  contexts?: MountainCarContext | readonly MountainCarContext[];
  /** Time limit; default 200 (discrete) or 999 (continuous). */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised MountainCar: observation [position, velocity]. Discrete: actions 0/1/2 push left/none/right, reward −1
 * per step, goal position 0.5. Continuous: force a ∈ [−1, 1] (clipped for the dynamics), reward 100 on reaching
 * position 0.45 minus 0.1·a² with the action as given (as Gymnasium). Starts at position U(−0.6, −0.4), velocity 0.
 */
export class MountainCarEnv implements ContextualVecEnv<MountainCarContext> {
  /** [position, velocity] bounds. */
  readonly observationSpace: Box = new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED], {
    dtype: "float32",
  });
  /** Discrete(3) or Box([−1], [1]). */
  readonly actionSpace: Discrete | Box;
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** Gymnasium's constants for this version. */
  readonly defaultContext: Readonly<MountainCarContext>;
  /** Whether this is MountainCarContinuous-v0. */
  readonly continuous: boolean;
  /** State [position, velocity] of copy i at 2i, 2i + 1. */
  readonly state: Float64Array;
  #goal: number;
  #steps: Int32Array;
  #contexts: MountainCarContext[] = [];
  #result: StepResult;
  #rngs: Rng[];

  /** See {@link mountainCar} and {@link mountainCarContinuous}. */
  constructor(continuous: boolean, opts: MountainCarOptions = {}) {
    this.continuous = continuous;
    this.actionSpace = continuous ? new Box([-1], [1], { dtype: "float32" }) : new Discrete(3);
    this.defaultContext = Object.freeze({ force: continuous ? 0.0015 : 0.001, gravity: 0.0025 });
    this.#goal = continuous ? 0.45 : 0.5;
    this.numEnvs = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
    this.maxEpisodeSteps = checkInteger("maxEpisodeSteps", opts.maxEpisodeSteps ?? (continuous ? 999 : 200), {
      min: 1,
    });
    this.state = new Float64Array(2 * this.numEnvs);
    this.#steps = new Int32Array(this.numEnvs);
    this.#result = createStepResult(this.numEnvs, 2);
    this.setContexts(
      Array.isArray(opts.contexts)
        ? opts.contexts
        : new Array(this.numEnvs).fill(opts.contexts ?? this.defaultContext),
    );
    this.#rngs = copyRngs(0, this.numEnvs);
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<MountainCarContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy). */
  setContexts(contexts: readonly MountainCarContext[]): void {
    checkLength("contexts", contexts, this.numEnvs);
    this.#contexts = contexts.map((c, i) => {
      if (typeof c !== "object" || c === null) {
        throw new TypeError(`contexts[${i}] must be a context object, got ${describe(c)}`);
      }
      return {
        force: checkPositive(`contexts[${i}].force`, c.force),
        gravity: checkFinite(`contexts[${i}].gravity`, c.gravity),
      };
    });
  }

  #start(i: number): void {
    this.state[2 * i] = this.#rngs[i].uniformIn(-0.6, -0.4);
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

  /** Overwrite copy i's state [position, velocity]. */
  setState(i: number, state: readonly number[]): void {
    checkInteger("i", i, { min: 0, max: this.numEnvs - 1 });
    checkLength("state", state, 2);
    this.state[2 * i] = checkFinite("state[0]", state[0]);
    this.state[2 * i + 1] = checkFinite("state[1]", state[1]);
    this.#write(this.#result.observations, i);
  }

  /** One step of every copy (Gymnasium's `step`), auto-resetting copies that end. */
  step(actions: Int32Array | Float32Array): StepResult {
    checkActions(this, actions);
    const r = this.#result, s = this.state;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i];
      let position = s[2 * i], velocity = s[2 * i + 1];
      const push = this.continuous ? Math.min(Math.max(actions[i], -1), 1) : actions[i] - 1;
      velocity += push * c.force - c.gravity * Math.cos(3 * position);
      velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
      position += velocity;
      position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
      if (position === MIN_POSITION && velocity < 0) velocity = 0;
      s[2 * i] = position;
      s[2 * i + 1] = velocity;
      const terminated = position >= this.#goal && velocity >= 0;
      const truncated = !terminated && ++this.#steps[i] >= this.maxEpisodeSteps;
      r.rewards[i] = this.continuous ? (terminated ? 100 : 0) - 0.1 * actions[i] * actions[i] : -1;
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
 * const env = mountainCar({ numEnvs: 2 });
 * env.reset(0);
 * env.step(new Int32Array([2, 0]));
 * ```
 */
export function mountainCar(opts: MountainCarOptions = {}): MountainCarEnv {
  return new MountainCarEnv(false, opts);
}

/**
 * Create a vectorised MountainCarContinuous-v0.
 *
 * @example
 * ```ts
 * import { mountainCarContinuous } from "./mountain_car.ts";
 * const env = mountainCarContinuous();
 * env.reset(0);
 * env.step(new Float32Array([1]));
 * ```
 */
export function mountainCarContinuous(opts: MountainCarOptions = {}): MountainCarEnv {
  return new MountainCarEnv(true, opts);
}
