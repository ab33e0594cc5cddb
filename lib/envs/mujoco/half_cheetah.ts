/**
 * HalfCheetah-v4 (Gymnasium): a planar cat-like runner (torso with head, back and front legs of thigh, shin and
 * foot; 6 motors) rewarded for running forward; it never terminates.
 *
 * @module
 */
import { planarWalkerMjcf } from "./mjcf.ts";
import type { LimbSpec, PlanarWalkerSpec } from "./mjcf.ts";
import { MujocoLocomotionEnv } from "./locomotion.ts";
import type { LocomotionOptions, LocomotionRules } from "./locomotion.ts";
import { loadMujoco } from "./loader.ts";

/** All of the cheetah's capsules have this radius (m). */
const RADIUS = 0.046;

/** A limb of the cheetah: body, +y hinge with its own spring and damper, one capsule named like the body. */
function segment(
  name: string,
  pos: readonly [number, number],
  joint: { range: readonly [number, number]; stiffness: number; damping: number },
  capsule: { center: readonly [number, number]; pitch: number; halfLength: number },
  children: LimbSpec[] = [],
): LimbSpec {
  return {
    name,
    pos,
    hinge: { name, axis: 1, ...joint },
    capsules: [{ name, radius: RADIUS, ...capsule }],
    children,
  };
}

/**
 * Gymnasium's half_cheetah.xml as a {@link PlanarWalkerSpec}: masses from the capsules' volumes, rescaled to 14 kg
 * in all; Euler at 10 ms; every hinge a damped spring towards 0 (stiffness 60–240 N·m/rad).
 */
export const HALF_CHEETAH_SPEC: PlanarWalkerSpec = {
  name: "cheetah",
  timestep: 0.01,
  integrator: "Euler",
  totalMass: 14,
  geomDefaults: {
    contype: 1,
    conaffinity: 0,
    condim: 3,
    friction: [0.4, 0.1, 0.1],
    solref: [0.02, 1],
    solimp: [0, 0.8, 0.01],
  },
  jointDefaults: {
    armature: 0.1,
    damping: 0.01,
    stiffness: 8,
    solreflimit: [0.02, 1],
    solimplimit: [0, 0.8, 0.03],
  },
  floor: { size: [40, 40, 40], condim: 3, conaffinity: 1 },
  torso: {
    height: 0.7,
    slideAnchor: [0, 0],
    capsules: [
      // from x = −0.5 to 0.5; the axis points to −x as MuJoCo orients Gymnasium's fromto="-.5 0 0 .5 0 0" (the
      // order of the two end contacts, hence the solver's rounding, depends on it)
      { name: "torso", radius: RADIUS, halfLength: 0.5, pitch: -Math.PI / 2 },
      { name: "head", radius: RADIUS, halfLength: 0.15, center: [0.6, 0.1], pitch: 0.87 },
    ],
    children: [
      segment(
        "bthigh",
        [-0.5, 0],
        { range: [-0.52, 1.05], stiffness: 240, damping: 6 },
        { center: [0.1, -0.13], pitch: -3.8, halfLength: 0.145 },
        [segment(
          "bshin",
          [0.16, -0.25],
          { range: [-0.785, 0.785], stiffness: 180, damping: 4.5 },
          { center: [-0.14, -0.07], pitch: -2.03, halfLength: 0.15 },
          [segment(
            "bfoot",
            [-0.28, -0.14],
            { range: [-0.4, 0.785], stiffness: 120, damping: 3 },
            { center: [0.03, -0.097], pitch: -0.27, halfLength: 0.094 },
          )],
        )],
      ),
      segment(
        "fthigh",
        [0.5, 0],
        { range: [-1, 0.7], stiffness: 180, damping: 4.5 },
        { center: [-0.07, -0.12], pitch: 0.52, halfLength: 0.133 },
        [segment(
          "fshin",
          [-0.14, -0.24],
          { range: [-1.2, 0.87], stiffness: 120, damping: 3 },
          { center: [0.065, -0.09], pitch: -0.6, halfLength: 0.106 },
          [segment(
            "ffoot",
            [0.13, -0.18],
            { range: [-0.5, 0.5], stiffness: 60, damping: 1.5 },
            { center: [0.045, -0.07], pitch: -0.6, halfLength: 0.07 },
          )],
        )],
      ),
    ],
  },
  motors: [
    { joint: "bthigh", gear: 120 },
    { joint: "bshin", gear: 90 },
    { joint: "bfoot", gear: 60 },
    { joint: "fthigh", gear: 120 },
    { joint: "fshin", gear: 60 },
    { joint: "ffoot", gear: 30 },
  ],
};

/** HalfCheetah-v4's rules: frame skip 5 (dt = 0.05 s), no health rule, qvel reset noise 0.1·N(0, 1). */
export const HALF_CHEETAH_RULES: LocomotionRules = {
  id: "HalfCheetah-v4",
  frameSkip: 5,
  defaults: {
    forwardRewardWeight: 1,
    ctrlCostWeight: 0.1,
    healthyReward: 0,
    terminateWhenUnhealthy: false,
    resetNoiseScale: 0.1,
  },
  velocityClip: Infinity,
  qvelNoise: "normal",
  isHealthy: null,
};

/**
 * The MJCF of HalfCheetah-v4, generated from {@link HALF_CHEETAH_SPEC}.
 *
 * @example
 * ```ts
 * import { halfCheetahXml } from "./half_cheetah.ts";
 * console.log(halfCheetahXml());
 * ```
 */
export function halfCheetahXml(): string {
  return planarWalkerMjcf(HALF_CHEETAH_SPEC);
}

/**
 * Create a vectorised HalfCheetah-v4 (loads MuJoCo on first use). Observation (17): qpos[1:] (z, torso angle, 6
 * hinges) and qvel, unclipped; action (6): back thigh, shin, foot, front thigh, shin, foot torques in [−1, 1] × gears
 * 120, 90, 60, 120, 60, 30; reward Δx/dt − 0.1 Σ a²; never terminates; truncated at 1000 steps. Reset: qpos noise
 * uniform ±0.1, qvel noise 0.1·N(0, 1).
 *
 * @example
 * ```ts
 * import { halfCheetah } from "./half_cheetah.ts";
 * const env = await halfCheetah({ numEnvs: 2 });
 * env.reset(0);
 * const { rewards } = env.step(new Float32Array(2 * 6).fill(1));
 * env.close();
 * ```
 */
export async function halfCheetah(opts: LocomotionOptions = {}): Promise<MujocoLocomotionEnv> {
  return new MujocoLocomotionEnv(await loadMujoco(), halfCheetahXml(), HALF_CHEETAH_RULES, opts);
}
