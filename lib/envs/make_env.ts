/**
 * Classic-control environments by their Gymnasium id.
 *
 * @module
 */
import { checkOneOf } from "../core/errors.ts";
import type { VecEnv } from "../core/env.ts";
import { acrobot } from "./acrobot.ts";
import { cartPole } from "./cartpole.ts";
import { mountainCar, mountainCarContinuous } from "./mountain_car.ts";
import { pendulum } from "./pendulum.ts";

/** The ids {@link makeEnv} knows. */
export const CLASSIC_CONTROL_IDS = [
  "CartPole-v1",
  "Pendulum-v1",
  "MountainCar-v0",
  "MountainCarContinuous-v0",
  "Acrobot-v1",
] as const;

/** A classic-control id. */
export type ClassicControlId = typeof CLASSIC_CONTROL_IDS[number];

/**
 * Create a classic-control environment by id, with `numEnvs` copies and an optional time limit (contexts: use the
 * env's own factory or `setContexts`).
 *
 * @example
 * ```ts
 * import { makeEnv } from "./make_env.ts";
 * const env = makeEnv("Acrobot-v1", { numEnvs: 4 });
 * env.reset(0);
 * ```
 */
export function makeEnv(
  id: ClassicControlId,
  opts: { numEnvs?: number; maxEpisodeSteps?: number } = {},
): VecEnv {
  switch (checkOneOf("id", id, CLASSIC_CONTROL_IDS)) {
    case "CartPole-v1":
      return cartPole(opts);
    case "Pendulum-v1":
      return pendulum(opts);
    case "MountainCar-v0":
      return mountainCar(opts);
    case "MountainCarContinuous-v0":
      return mountainCarContinuous(opts);
    default:
      return acrobot(opts);
  }
}
