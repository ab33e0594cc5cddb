/**
 * Walker2d-v4 (Gymnasium): a planar biped (torso and two legs of thigh, leg and foot; 6 motors) rewarded for walking
 * forward while keeping its torso high and upright.
 *
 * @module
 */
import { degToRad, planarWalkerMjcf } from "./mjcf.ts";
import type { LimbSpec, PlanarWalkerSpec } from "./mjcf.ts";
import { MujocoLocomotionEnv } from "./locomotion.ts";
import type { LocomotionOptions, LocomotionRules } from "./locomotion.ts";
import { loadMujoco } from "./loader.ts";

// Heights (m) of the joints in the initial pose, in world coordinates (the model's original drawing); the local
// numbers are derived from them and equal Gymnasium's walker2d.xml to the last bit.
const TOP = 1.45, HIP = 1.05, KNEE = 0.6, ANKLE = 0.1;
const TORSO_Z = (TOP + HIP) / 2, LEG_Z = (KNEE + ANKLE) / 2;
/** A foot spans x from 0 (heel, under the ankle) to 0.2 (toe); its body sits at the toe, z = 0. */
const HEEL = 0, TOE = 0.2, FOOT_X = 0.2;

/** One leg: thigh, leg and foot bodies with hinges named `thigh${suffix}_joint` etc.; `footFriction` differs. */
function walkerLeg(suffix: string, footFriction: number): LimbSpec {
  return {
    name: `thigh${suffix}`,
    pos: [0, HIP - TORSO_Z],
    hinge: { name: `thigh${suffix}_joint`, axis: -1, range: [degToRad(-150), 0] },
    capsules: [{
      name: `thigh${suffix}_geom`,
      radius: 0.05,
      halfLength: (HIP - KNEE) / 2,
      center: [0, (HIP + KNEE) / 2 - HIP],
      friction: 0.9,
    }],
    children: [{
      name: `leg${suffix}`,
      pos: [0, LEG_Z - HIP],
      hinge: { name: `leg${suffix}_joint`, anchor: [0, KNEE - LEG_Z], axis: -1, range: [degToRad(-150), 0] },
      capsules: [{ name: `leg${suffix}_geom`, radius: 0.04, halfLength: (KNEE - ANKLE) / 2, friction: 0.9 }],
      children: [{
        name: `foot${suffix}`,
        pos: [FOOT_X, -LEG_Z],
        hinge: {
          name: `foot${suffix}_joint`,
          anchor: [-FOOT_X, ANKLE],
          axis: -1,
          range: [degToRad(-45), degToRad(45)],
        },
        capsules: [{
          name: `foot${suffix}_geom`,
          radius: 0.06,
          halfLength: (TOE - HEEL) / 2,
          center: [(HEEL + TOE) / 2 - FOOT_X, ANKLE],
          pitch: -Math.PI / 2,
          friction: footFriction,
        }],
        children: [],
      }],
    }],
  };
}

/**
 * Gymnasium's walker2d.xml (the v4 model) as a {@link PlanarWalkerSpec}: capsules of density 1000 (23.68 kg in all),
 * RK4 at 2 ms; the right foot's friction is 0.9, the left's 1.9 (v5 makes both 0.9).
 */
export const WALKER2D_SPEC: PlanarWalkerSpec = {
  name: "walker2d",
  timestep: 0.002,
  integrator: "RK4",
  geomDefaults: { contype: 1, conaffinity: 0, condim: 3, friction: [0.7, 0.1, 0.1], density: 1000 },
  jointDefaults: { armature: 0.01, damping: 0.1 },
  floor: { size: [40, 40, 40], condim: 3, conaffinity: 1 },
  torso: {
    height: TORSO_Z,
    slideAnchor: [0, -TORSO_Z],
    rootZRef: TORSO_Z,
    capsules: [{ name: "torso_geom", radius: 0.05, halfLength: (TOP - HIP) / 2, friction: 0.9 }],
    children: [walkerLeg("", 0.9), walkerLeg("_left", 1.9)],
  },
  motors: ["thigh", "leg", "foot", "thigh_left", "leg_left", "foot_left"].map((j) => ({
    joint: `${j}_joint`,
    gear: 100,
  })),
};

/**
 * Gymnasium's Walker2d-v4 health rule: torso height qpos[1] in (0.8, 2) and torso angle qpos[2] in (−1, 1), strict.
 *
 * @example
 * ```ts
 * import { walker2dIsHealthy } from "./walker2d.ts";
 * walker2dIsHealthy(new Float64Array([0, 0.7, 0, 0, 0, 0, 0, 0, 0])); // false: too low
 * ```
 */
export function walker2dIsHealthy(qpos: Float64Array): boolean {
  const z = qpos[1], angle = qpos[2];
  return z > 0.8 && z < 2 && angle > -1 && angle < 1;
}

/** Walker2d-v4's rules: frame skip 4 (dt = 0.008 s), Gymnasium's default weights, velocities clipped to ±10. */
export const WALKER2D_RULES: LocomotionRules = {
  id: "Walker2d-v4",
  frameSkip: 4,
  defaults: {
    forwardRewardWeight: 1,
    ctrlCostWeight: 1e-3,
    healthyReward: 1,
    terminateWhenUnhealthy: true,
    resetNoiseScale: 5e-3,
  },
  velocityClip: 10,
  qvelNoise: "uniform",
  isHealthy: walker2dIsHealthy,
};

/**
 * The MJCF of Walker2d-v4, generated from {@link WALKER2D_SPEC}.
 *
 * @example
 * ```ts
 * import { walker2dXml } from "./walker2d.ts";
 * console.log(walker2dXml());
 * ```
 */
export function walker2dXml(): string {
  return planarWalkerMjcf(WALKER2D_SPEC);
}

/**
 * Create a vectorised Walker2d-v4 (loads MuJoCo on first use). Observation (17): qpos[1:] (z, torso angle, 6 hinges)
 * and qvel clipped to ±10; action (6): right then left thigh, leg, foot torques in [−1, 1] × gear 100; reward
 * Δx/dt + 1 − 0.001 Σ a²; terminated when unhealthy ({@link walker2dIsHealthy}); truncated at 1000 steps.
 *
 * @example
 * ```ts
 * import { walker2d } from "./walker2d.ts";
 * const env = await walker2d({ numEnvs: 2 });
 * env.reset(0);
 * const { rewards } = env.step(new Float32Array(2 * 6));
 * env.close();
 * ```
 */
export async function walker2d(opts: LocomotionOptions = {}): Promise<MujocoLocomotionEnv> {
  return new MujocoLocomotionEnv(await loadMujoco(), walker2dXml(), WALKER2D_RULES, opts);
}
