/**
 * Hopper-v4 (Gymnasium): a one-legged planar hopper (torso, thigh, leg, foot; 3 motors) that is rewarded for moving
 * forward while staying upright.
 *
 * @module
 */
import { degToRad, planarWalkerMjcf } from "./mjcf.ts";
import type { PlanarWalkerSpec } from "./mjcf.ts";
import { MujocoLocomotionEnv } from "./locomotion.ts";
import type { LocomotionOptions, LocomotionRules } from "./locomotion.ts";
import { loadMujoco } from "./loader.ts";

// Heights (m) of the joints in the initial pose, as the model was first drawn in world coordinates: the torso spans
// hip..top, the thigh knee..hip, the leg ankle..knee; the local numbers below are derived from them so that they
// equal Gymnasium's hopper.xml to the last bit.
const TOP = 1.45, HIP = 1.05, KNEE = 0.6, ANKLE = 0.1;
const TORSO_Z = (TOP + HIP) / 2, LEG_Z = (KNEE + ANKLE) / 2;
/** The foot spans x from −0.13 (heel) to 0.26 (toe) at ankle height; its body sits at x = 0.13, z = 0. */
const HEEL = -0.13, TOE = 0.26, FOOT_X = 0.13;

/** Gymnasium's hopper.xml as a {@link PlanarWalkerSpec}: capsules of density 1000 (15.82 kg in all), RK4 at 2 ms. */
export const HOPPER_SPEC: PlanarWalkerSpec = {
  name: "hopper",
  timestep: 0.002,
  integrator: "RK4",
  // the robot's condim 1 is overruled by the floor's 3 (a contact takes the larger condim of its pair)
  geomDefaults: {
    contype: 1,
    conaffinity: 1,
    condim: 1,
    friction: [1, 0.005, 0.0001],
    margin: 0.001,
    solref: [0.02, 1],
    solimp: [0.8, 0.8, 0.01],
  },
  jointDefaults: { armature: 1, damping: 1 },
  floor: { size: [20, 20, 0.125], condim: 3, conaffinity: 1 },
  torso: {
    height: TORSO_Z,
    slideAnchor: [0, -TORSO_Z],
    rootZRef: TORSO_Z,
    capsules: [{ name: "torso_geom", radius: 0.05, halfLength: (TOP - HIP) / 2, friction: 0.9 }],
    children: [{
      name: "thigh",
      pos: [0, HIP - TORSO_Z],
      hinge: { name: "thigh_joint", axis: -1, range: [degToRad(-150), 0] },
      capsules: [{
        name: "thigh_geom",
        radius: 0.05,
        halfLength: (HIP - KNEE) / 2,
        center: [0, (HIP + KNEE) / 2 - HIP],
        friction: 0.9,
      }],
      children: [{
        name: "leg",
        pos: [0, LEG_Z - HIP],
        hinge: { name: "leg_joint", anchor: [0, KNEE - LEG_Z], axis: -1, range: [degToRad(-150), 0] },
        capsules: [{ name: "leg_geom", radius: 0.04, halfLength: (KNEE - ANKLE) / 2, friction: 0.9 }],
        children: [{
          name: "foot",
          pos: [FOOT_X, -LEG_Z],
          hinge: {
            name: "foot_joint",
            anchor: [-FOOT_X, ANKLE],
            axis: -1,
            range: [degToRad(-45), degToRad(45)],
          },
          capsules: [{
            name: "foot_geom",
            radius: 0.06,
            halfLength: (TOE - HEEL) / 2,
            center: [(HEEL + TOE) / 2 - FOOT_X, ANKLE],
            pitch: -Math.PI / 2,
            friction: 2.0,
          }],
          children: [],
        }],
      }],
    }],
  },
  motors: [
    { joint: "thigh_joint", gear: 200 },
    { joint: "leg_joint", gear: 200 },
    { joint: "foot_joint", gear: 200 },
  ],
};

/**
 * Gymnasium's Hopper-v4 health rule: every entry of `state_vector()[2:]` (qpos without x and z, then qvel) in
 * (−100, 100), z = qpos[1] > 0.7 and the torso angle qpos[2] in (−0.2, 0.2), all strict.
 *
 * @example
 * ```ts
 * import { hopperIsHealthy } from "./hopper.ts";
 * hopperIsHealthy(new Float64Array([0, 1.25, 0, 0, 0, 0]), new Float64Array(6)); // true
 * ```
 */
export function hopperIsHealthy(qpos: Float64Array, qvel: Float64Array): boolean {
  for (let q = 2; q < qpos.length; q++) if (!(qpos[q] > -100 && qpos[q] < 100)) return false;
  for (let v = 0; v < qvel.length; v++) if (!(qvel[v] > -100 && qvel[v] < 100)) return false;
  const z = qpos[1], angle = qpos[2];
  return z > 0.7 && z < Infinity && angle > -0.2 && angle < 0.2;
}

/** Hopper-v4's rules: frame skip 4 (dt = 0.008 s), Gymnasium's default weights, velocities clipped to ±10. */
export const HOPPER_RULES: LocomotionRules = {
  id: "Hopper-v4",
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
  isHealthy: hopperIsHealthy,
};

/**
 * The MJCF of Hopper-v4, generated from {@link HOPPER_SPEC}.
 *
 * @example
 * ```ts
 * import { hopperXml } from "./hopper.ts";
 * console.log(hopperXml());
 * ```
 */
export function hopperXml(): string {
  return planarWalkerMjcf(HOPPER_SPEC);
}

/**
 * Create a vectorised Hopper-v4 (loads MuJoCo on first use). Observation (11): qpos[1:] (z, torso angle, thigh, leg,
 * foot) and qvel clipped to ±10; action (3): thigh, leg, foot torques in [−1, 1] × gear 200; reward
 * Δx/dt + 1 − 0.001 Σ a²; terminated when unhealthy ({@link hopperIsHealthy}); truncated at 1000 steps.
 *
 * @example
 * ```ts
 * import { hopper } from "./hopper.ts";
 * const env = await hopper({ numEnvs: 4 });
 * env.reset(0);
 * const { rewards, terminated } = env.step(new Float32Array(4 * 3).fill(0.5));
 * env.close();
 * ```
 */
export async function hopper(opts: LocomotionOptions = {}): Promise<MujocoLocomotionEnv> {
  return new MujocoLocomotionEnv(await loadMujoco(), hopperXml(), HOPPER_RULES, opts);
}
