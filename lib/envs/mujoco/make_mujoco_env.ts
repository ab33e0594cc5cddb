/**
 * The MuJoCo locomotion environments by their Gymnasium id.
 *
 * @module
 */
import { checkOneOf } from "../../core/errors.ts";
import { halfCheetah } from "./half_cheetah.ts";
import { hopper } from "./hopper.ts";
import type { LocomotionOptions, MujocoLocomotionEnv } from "./locomotion.ts";
import { walker2d } from "./walker2d.ts";

/** The ids {@link makeMujocoEnv} knows. */
export const MUJOCO_IDS = ["Hopper-v4", "Walker2d-v4", "HalfCheetah-v4"] as const;

/** A MuJoCo locomotion id. */
export type MujocoId = typeof MUJOCO_IDS[number];

/**
 * Create a MuJoCo locomotion environment by Gymnasium id (loads MuJoCo on first use). An unknown id rejects with
 * `RangeError: id must be one of "Hopper-v4", "Walker2d-v4", "HalfCheetah-v4", got "Ant-v4"`.
 *
 * @example
 * ```ts
 * import { makeMujocoEnv } from "./make_mujoco_env.ts";
 * const env = await makeMujocoEnv("Walker2d-v4", { numEnvs: 8 });
 * env.reset(0);
 * env.close();
 * ```
 */
export async function makeMujocoEnv(
  id: MujocoId,
  opts: LocomotionOptions = {},
): Promise<MujocoLocomotionEnv> {
  switch (checkOneOf("id", id, MUJOCO_IDS)) {
    case "Hopper-v4":
      return await hopper(opts);
    case "Walker2d-v4":
      return await walker2d(opts);
    case "HalfCheetah-v4":
      return await halfCheetah(opts);
  }
}
