/**
 * The car-on-a-hill core shared by MountainCar-v0 and MountainCarContinuous-v0: track constants, start state,
 * observation and Gymnasium's position/velocity update. The two envs add their action and reward rules on top. Not
 * part of the public API (`MOUNTAIN_CAR_TRACK` is re-exported by `mountain_car.ts`).
 *
 * @module
 */
import type { Rng } from "../core/rng.ts";
import { Box } from "../core/spaces.ts";
import type { CopyRules } from "./_classic.ts";

/** Track bounds, speed limit and the start interval shared with MountainCarContinuous-v0. */
export const MOUNTAIN_CAR_TRACK: Readonly<
  { minPosition: number; maxPosition: number; maxSpeed: number; startLow: number; startHigh: number }
> = Object.freeze({ minPosition: -1.2, maxPosition: 0.6, maxSpeed: 0.07, startLow: -0.6, startHigh: -0.4 });

const { minPosition: MIN_POSITION, maxPosition: MAX_POSITION, maxSpeed: MAX_SPEED } = MOUNTAIN_CAR_TRACK;

/**
 * The [position, velocity] observation space of both mountain cars.
 *
 * @example
 * ```ts
 * import { carObservationSpace } from "./_mountain_car_core.ts";
 * carObservationSpace().high; // [0.6, 0.07]
 * ```
 */
export function carObservationSpace(): Box {
  return new Box([MIN_POSITION, -MAX_SPEED], [MAX_POSITION, MAX_SPEED], { dtype: "float32" });
}

/**
 * Start copy `i` of `state` (rows [position, velocity]): position U(−0.6, −0.4) from `rng`, velocity 0.
 *
 * @example
 * ```ts
 * import { startCar } from "./_mountain_car_core.ts";
 * import { Rng } from "../core/rng.ts";
 * const state = new Float64Array(2);
 * startCar(new Rng(0), state, 0); // state[0] in [−0.6, −0.4), state[1] = 0
 * ```
 */
export function startCar(rng: Rng, state: Float64Array, i: number): void {
  state[2 * i] = rng.uniformIn(MOUNTAIN_CAR_TRACK.startLow, MOUNTAIN_CAR_TRACK.startHigh);
  state[2 * i + 1] = 0;
}

/**
 * Write copy `i`'s observation (its state row, as float32) into row `i` of `out`.
 *
 * @example
 * ```ts
 * import { writeCar } from "./_mountain_car_core.ts";
 * const out = new Float32Array(2);
 * writeCar(new Float64Array([-0.5, 0.01]), 0, out);
 * ```
 */
export function writeCar(state: Float64Array, i: number, out: Float32Array): void {
  out[2 * i] = state[2 * i];
  out[2 * i + 1] = state[2 * i + 1];
}

/**
 * Move copy `i` of `state` one step (Gymnasium's update, common to both envs):
 * v ← clip(v + (push − gravity·cos(3p)), ±0.07); p ← clip(p + v, [−1.2, 0.6]); v ← 0 at the left wall when moving
 * left. `push` is the engine's velocity change. Returns whether the car reached `goal` (position ≥ goal with
 * velocity ≥ 0).
 *
 * @example
 * ```ts
 * import { moveCar } from "./_mountain_car_core.ts";
 * const state = new Float64Array([0.49, 0.02]);
 * moveCar(state, 0, 0.001, 0.0025, 0.5); // true
 * ```
 */
export function moveCar(
  state: Float64Array,
  i: number,
  push: number,
  gravity: number,
  goal: number,
): boolean {
  let position = state[2 * i], velocity = state[2 * i + 1];
  velocity += push - gravity * Math.cos(3 * position);
  velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
  position += velocity;
  position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
  if (position === MIN_POSITION && velocity < 0) velocity = 0;
  state[2 * i] = position;
  state[2 * i + 1] = velocity;
  return position >= goal && velocity >= 0;
}

/**
 * The mountain cars' {@link CopyRules}: state and observation [position, velocity], started by {@link startCar}
 * and observed by {@link writeCar}.
 *
 * @example
 * ```ts
 * import { CAR_COPY_RULES } from "./_mountain_car_core.ts";
 * import { ClassicCopies } from "./_classic.ts";
 * const copies = new ClassicCopies({ numEnvs: 2 }, 200, CAR_COPY_RULES);
 * copies.reset(0); // two positions in [−0.6, −0.4), velocities 0
 * ```
 */
export const CAR_COPY_RULES: CopyRules = Object.freeze({
  stateDim: 2,
  obsDim: 2,
  start: startCar,
  observe: writeCar,
});
