/**
 * A typed description of a planar MuJoCo walker (a torso on x-slide, z-slide and pitch-hinge root joints, a tree of
 * capsule limbs on hinges about the y axis, one motor per actuated hinge, a floor plane) and the function that
 * writes it as MJCF. Hopper, Walker2d and HalfCheetah are tables of this type; the XML is generated, so the physics
 * lives in one typed place and the text can be inspected with `hopperXml()` and friends.
 *
 * Coordinates: every position is `[x, z]` in the sagittal plane of the parent body's frame (y = 0); angles are in
 * radians; a positive `pitch` rotates about +y (x towards −z, z towards +x).
 *
 * @module
 */
import { checkFinite, checkPositive, describe } from "../../core/errors.ts";

/** A point `[x, z]` in the sagittal plane. */
export type PlanarPoint = readonly [number, number];

/** A capsule limb: a segment of length `2·halfLength` and radius `radius`, centred at `center`. */
export interface CapsuleSpec {
  /** Geom name. */
  name: string;
  /** Radius (m). */
  radius: number;
  /** Half the length of the segment between the two hemispherical caps (m). */
  halfLength: number;
  /** Centre in the body frame; default `[0, 0]`. */
  center?: PlanarPoint;
  /** Rotation of the capsule axis (the body's z axis when 0) about +y (rad); default 0. */
  pitch?: number;
  /** Sliding friction coefficient (replaces the first component of the defaults' friction). */
  friction?: number;
}

/** A hinge about the y axis. */
export interface HingeSpec {
  /** Joint name (also the motor's target). */
  name: string;
  /** Anchor in the body frame; default `[0, 0]`. */
  anchor?: PlanarPoint;
  /** +1: axis +y (positive angle pitches the child forward-down), −1: axis −y. */
  axis: 1 | -1;
  /** Joint limits (rad). */
  range: readonly [number, number];
  /** Overrides of the joint defaults. */
  damping?: number;
  /** Spring stiffness towards the zero angle (N·m/rad); overrides the default. */
  stiffness?: number;
}

/** A rigid body hanging from its parent on one hinge. */
export interface LimbSpec {
  /** Body name. */
  name: string;
  /** Origin in the parent's frame. */
  pos: PlanarPoint;
  /** The hinge that attaches it to its parent. */
  hinge: HingeSpec;
  /** Its capsules (mass from `density`, or rescaled by `totalMass`). */
  capsules: readonly CapsuleSpec[];
  /** Bodies attached to it. */
  children: readonly LimbSpec[];
}

/** Contact and solver settings every geom starts from (MJCF `<default><geom .../>`). */
export interface GeomDefaults {
  /** Contact type and affinity bits (two geoms collide when either's type meets the other's affinity). */
  contype: number;
  /** See `contype`. */
  conaffinity: number;
  /** Contact dimensionality: 1 frictionless normal only, 3 with tangential friction. */
  condim: 1 | 3 | 4 | 6;
  /** Sliding, torsional and rolling friction. */
  friction: readonly [number, number, number];
  /** Density (kg/m³) from which masses are computed; MuJoCo's default 1000. */
  density?: number;
  /** Contact detection margin (m); default 0. */
  margin?: number;
  /** Contact solver reference `[timeconst, dampratio]`; MuJoCo's default `[0.02, 1]`. */
  solref?: readonly [number, number];
  /** Contact solver impedance `[dmin, dmax, width]`; MuJoCo's default `[0.9, 0.95, 0.001]`. */
  solimp?: readonly [number, number, number];
}

/** Settings every limb hinge starts from (MJCF `<default><joint .../>`). */
export interface JointDefaults {
  /** Rotor inertia added to the joint's diagonal of the mass matrix (kg·m²). */
  armature: number;
  /** Viscous damping (N·m·s/rad). */
  damping: number;
  /** Spring stiffness (N·m/rad); default 0. */
  stiffness?: number;
  /** Solver reference of the joint limits; MuJoCo's default `[0.02, 1]`. */
  solreflimit?: readonly [number, number];
  /** Solver impedance of the joint limits; MuJoCo's default `[0.9, 0.95, 0.001]`. */
  solimplimit?: readonly [number, number, number];
}

/** A motor: torque = gear · ctrl on a hinge, ctrl limited to `[-1, 1]`. */
export interface MotorSpec {
  /** Name of the hinge it drives. */
  joint: string;
  /** Torque per unit of control (N·m). */
  gear: number;
}

/** A planar walker, complete: what {@link planarWalkerMjcf} turns into MJCF. */
export interface PlanarWalkerSpec {
  /** Model name. */
  name: string;
  /** Simulation step (s). */
  timestep: number;
  /** Numerical integrator. */
  integrator: "Euler" | "RK4";
  /** Rescale all masses and inertias so that the bodies weigh this much in total (kg); default: from density. */
  totalMass?: number;
  /** Geom defaults (the floor uses them too, with its own `condim` and `conaffinity`). */
  geomDefaults: GeomDefaults;
  /** Limb hinge defaults (root joints are free of damping, armature, stiffness and limits). */
  jointDefaults: JointDefaults;
  /** The floor plane's half-sizes (rendering only: a plane is infinite for collisions), condim and affinity. */
  floor: { size: readonly [number, number, number]; condim: 1 | 3; conaffinity: number };
  /** The torso: its height, root joints and capsules, and the limbs hanging from it. */
  torso: {
    /** Height of the torso's frame above the floor at qpos = 0 (or at `rootZRef`). */
    height: number;
    /** Anchor of the x and z slides in the torso frame (a slide's anchor has no physical effect); the pitch hinge
     * turns about the torso's origin. */
    slideAnchor: PlanarPoint;
    /** Reference value of the z slide: qpos[1] reads this in the initial pose; default 0. */
    rootZRef?: number;
    /** Its capsules. */
    capsules: readonly CapsuleSpec[];
    /** Limbs attached to it. */
    children: readonly LimbSpec[];
  };
  /** Motors, in action order. */
  motors: readonly MotorSpec[];
}

/**
 * Degrees to radians, as MuJoCo converts angles given in degrees (so tables written in degrees compile to the same
 * doubles).
 *
 * @example
 * ```ts
 * import { degToRad } from "./mjcf.ts";
 * degToRad(-150); // -2.6179938779914944
 * ```
 */
export function degToRad(degrees: number): number {
  return degrees * Math.PI / 180;
}

/** Shortest round-trip decimal form of a number (what MuJoCo parses back to the same double). */
function num(x: number): string {
  return Object.is(x, -0) ? "0" : String(x);
}

function nums(xs: readonly number[]): string {
  return xs.map(num).join(" ");
}

function point3(p: PlanarPoint | undefined): string {
  const [x, z] = p ?? [0, 0];
  return nums([x, 0, z]);
}

function attrs(pairs: Record<string, string | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");
}

function capsuleXml(c: CapsuleSpec, defaults: GeomDefaults, indent: string): string {
  checkPositive(`${c.name}.radius`, c.radius);
  checkPositive(`${c.name}.halfLength`, c.halfLength);
  const pitch = checkFinite(`${c.name}.pitch`, c.pitch ?? 0);
  const friction = c.friction === undefined
    ? undefined
    : nums([checkPositive(`${c.name}.friction`, c.friction), defaults.friction[1], defaults.friction[2]]);
  return `${indent}<geom${
    attrs({
      name: c.name,
      type: "capsule",
      size: nums([c.radius, c.halfLength]),
      pos: c.center && (c.center[0] !== 0 || c.center[1] !== 0) ? point3(c.center) : undefined,
      axisangle: pitch !== 0 ? nums([0, 1, 0, pitch]) : undefined,
      friction,
    })
  }/>\n`;
}

function limbXml(limb: LimbSpec, spec: PlanarWalkerSpec, indent: string): string {
  const h = limb.hinge;
  if (!(h.axis === 1 || h.axis === -1)) {
    throw new RangeError(`${h.name}.axis must be 1 or -1, got ${describe(h.axis)}`);
  }
  if (!(h.range[0] < h.range[1])) {
    throw new RangeError(`${h.name}.range must be [low, high] with low < high, got [${h.range.join(", ")}]`);
  }
  const inner = indent + "  ";
  return `${indent}<body${attrs({ name: limb.name, pos: point3(limb.pos) })}>\n` +
    `${inner}<joint${
      attrs({
        name: h.name,
        type: "hinge",
        pos: point3(h.anchor),
        axis: nums([0, h.axis, 0]),
        limited: "true",
        range: nums(h.range),
        damping: h.damping === undefined ? undefined : num(h.damping),
        stiffness: h.stiffness === undefined ? undefined : num(h.stiffness),
      })
    }/>\n` +
    limb.capsules.map((c) => capsuleXml(c, spec.geomDefaults, inner)).join("") +
    limb.children.map((child) => limbXml(child, spec, inner)).join("") +
    `${indent}</body>\n`;
}

/**
 * Write a {@link PlanarWalkerSpec} as an MJCF document: compiler and option settings, defaults, the floor, the torso
 * with its three root joints (x slide, z slide, pitch hinge: qpos[0..2]) and the limb tree depth first (the limb
 * hinges follow in that order in qpos), and one motor per entry of `motors`, ctrl-limited to [−1, 1].
 *
 * @example
 * ```ts
 * import { planarWalkerMjcf } from "./mjcf.ts";
 * import { HOPPER_SPEC } from "./hopper.ts";
 * const xml = planarWalkerMjcf(HOPPER_SPEC);
 * xml.includes(`<motor joint="foot_joint"`); // true
 * ```
 */
export function planarWalkerMjcf(spec: PlanarWalkerSpec): string {
  checkPositive("timestep", spec.timestep);
  if (spec.integrator !== "Euler" && spec.integrator !== "RK4") {
    throw new RangeError(`integrator must be "Euler" or "RK4", got ${describe(spec.integrator)}`);
  }
  if (spec.totalMass !== undefined) checkPositive("totalMass", spec.totalMass);
  const g = spec.geomDefaults, j = spec.jointDefaults, t = spec.torso;
  const root = (
    name: string,
    type: "slide" | "hinge",
    axis: readonly number[],
    anchor?: PlanarPoint,
    ref?: number,
  ) =>
    `      <joint${
      attrs({
        name,
        type,
        pos: point3(anchor),
        axis: nums(axis),
        limited: "false",
        armature: "0",
        damping: "0",
        stiffness: "0",
        ref: ref === undefined ? undefined : num(ref),
      })
    }/>\n`;
  return `<mujoco model="${spec.name}">\n` +
    `  <compiler${
      attrs({
        angle: "radian",
        inertiafromgeom: "true",
        settotalmass: spec.totalMass === undefined ? undefined : num(spec.totalMass),
      })
    }/>\n` +
    `  <option${
      attrs({ timestep: num(spec.timestep), integrator: spec.integrator, gravity: "0 0 -9.81" })
    }/>\n` +
    `  <default>\n` +
    `    <joint${
      attrs({
        armature: num(j.armature),
        damping: num(j.damping),
        stiffness: j.stiffness === undefined ? undefined : num(j.stiffness),
        solreflimit: j.solreflimit && nums(j.solreflimit),
        solimplimit: j.solimplimit && nums(j.solimplimit),
      })
    }/>\n` +
    `    <geom${
      attrs({
        contype: num(g.contype),
        conaffinity: num(g.conaffinity),
        condim: num(g.condim),
        friction: nums(g.friction),
        density: g.density === undefined ? undefined : num(g.density),
        margin: g.margin === undefined ? undefined : num(g.margin),
        solref: g.solref && nums(g.solref),
        solimp: g.solimp && nums(g.solimp),
      })
    }/>\n` +
    `    <motor ctrllimited="true" ctrlrange="-1 1"/>\n` +
    `  </default>\n` +
    `  <worldbody>\n` +
    `    <geom${
      attrs({
        name: "floor",
        type: "plane",
        size: nums(spec.floor.size),
        condim: num(spec.floor.condim),
        conaffinity: num(spec.floor.conaffinity),
      })
    }/>\n` +
    `    <body name="torso" pos="${point3([0, checkPositive("torso.height", t.height)])}">\n` +
    root("rootx", "slide", [1, 0, 0], t.slideAnchor) +
    root("rootz", "slide", [0, 0, 1], t.slideAnchor, t.rootZRef) +
    root("rooty", "hinge", [0, 1, 0]) +
    t.capsules.map((c) => capsuleXml(c, g, "      ")).join("") +
    t.children.map((limb) => limbXml(limb, spec, "      ")).join("") +
    `    </body>\n` +
    `  </worldbody>\n` +
    `  <actuator>\n` +
    spec.motors.map((m) =>
      `    <motor${attrs({ joint: m.joint, gear: num(checkPositive(`gear of ${m.joint}`, m.gear)) })}/>\n`
    )
      .join("") +
    `  </actuator>\n` +
    `</mujoco>\n`;
}
