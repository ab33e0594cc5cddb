/**
 * The shared core of Gymnasium's v4 MuJoCo locomotion tasks (Hopper, Walker2d, HalfCheetah), vectorised: one
 * `MjModel` shared by `numEnvs` copies, one `MjData` per copy. A task supplies its MJCF and a
 * {@link LocomotionRules} object (frame skip, reward weights, health rule, reset noise); the step, reward, termination
 * and auto-reset logic is written once here, after Gymnasium's `MujocoEnv` and the tasks' `step`/`reset_model`.
 *
 * @module
 */
import type { MjData, MjModel } from "mujoco-js";
import { checkActions, copyRngs, createStepResult } from "../../core/env.ts";
import type { StepResult, VecEnv } from "../../core/env.ts";
import { checkFinite, checkInRange, checkInteger, checkLength, describe } from "../../core/errors.ts";
import type { Rng } from "../../core/rng.ts";
import { Box } from "../../core/spaces.ts";
import { checkVecOptions } from "../_classic.ts";
import { compileMjcf } from "./loader.ts";
import type { Mujoco } from "./loader.ts";

/** Reward and reset constants a caller may change (Gymnasium's constructor keyword arguments). */
export interface LocomotionWeights {
  /** Weight of the forward velocity term (Gymnasium `forward_reward_weight`). */
  forwardRewardWeight: number;
  /** Weight of the control cost Σ a² (Gymnasium `ctrl_cost_weight`). */
  ctrlCostWeight: number;
  /** Reward per step while healthy (Gymnasium `healthy_reward`); 0 for tasks without a health rule. */
  healthyReward: number;
  /** End the episode (terminated) when the state leaves the healthy set (`terminate_when_unhealthy`). */
  terminateWhenUnhealthy: boolean;
  /** Half-width of the uniform reset noise on qpos (and on qvel, or its normal scale; `reset_noise_scale`). */
  resetNoiseScale: number;
}

/** What makes a locomotion task: everything but the model. */
export interface LocomotionRules {
  /** Gymnasium id, e.g. `"Hopper-v4"`. */
  id: string;
  /** MuJoCo steps per env step (the action is held for all of them). */
  frameSkip: number;
  /** Gymnasium's defaults of the tunable constants. */
  defaults: Readonly<LocomotionWeights>;
  /** Observed velocities are clipped to ±this (Hopper, Walker2d: 10; HalfCheetah: Infinity). */
  velocityClip: number;
  /** Reset noise on qvel: uniform in ±scale (Hopper, Walker2d) or scale·N(0, 1) (HalfCheetah). */
  qvelNoise: "uniform" | "normal";
  /** Whether the state is healthy; `null` for a task that never terminates. */
  isHealthy: ((qpos: Float64Array, qvel: Float64Array) => boolean) | null;
}

/** Options every locomotion factory takes. */
export interface LocomotionOptions extends Partial<LocomotionWeights> {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** Time limit (truncation); default 1000 as Gymnasium's registration. */
  maxEpisodeSteps?: number;
}

/** Per-copy numbers of the last step, as Gymnasium's `info` dict (before any auto-reset). */
export interface LocomotionInfo {
  /** qpos[0] after the step (m). */
  xPosition: Float64Array;
  /** (qpos[0] after − before) / dt (m/s). */
  xVelocity: Float64Array;
  /** ctrlCostWeight · Σ a² of the (clipped) action. */
  ctrlCost: Float64Array;
}

/** Gymnasium's TimeLimit for all three tasks. */
export const LOCOMOTION_MAX_EPISODE_STEPS = 1000;

function checkWeights(opts: Partial<LocomotionWeights>, defaults: LocomotionWeights): LocomotionWeights {
  const terminate = opts.terminateWhenUnhealthy ?? defaults.terminateWhenUnhealthy;
  if (typeof terminate !== "boolean") {
    throw new TypeError(`terminateWhenUnhealthy must be a boolean, got ${describe(terminate)}`);
  }
  return {
    forwardRewardWeight: checkFinite(
      "forwardRewardWeight",
      opts.forwardRewardWeight ?? defaults.forwardRewardWeight,
    ),
    ctrlCostWeight: checkInRange("ctrlCostWeight", opts.ctrlCostWeight ?? defaults.ctrlCostWeight, {
      min: 0,
    }),
    healthyReward: checkFinite("healthyReward", opts.healthyReward ?? defaults.healthyReward),
    terminateWhenUnhealthy: terminate,
    resetNoiseScale: checkInRange("resetNoiseScale", opts.resetNoiseScale ?? defaults.resetNoiseScale, {
      min: 0,
    }),
  };
}

/**
 * A vectorised Gymnasium v4 locomotion task on MuJoCo (see {@link LocomotionRules}). Observation: qpos without the
 * x position, then qvel (clipped to ±`velocityClip`), as float32. Action: one control per motor in the model's
 * ctrlrange ([−1, 1]), clipped, then held for `frameSkip` MuJoCo steps. Reward:
 * `forwardRewardWeight · Δx/dt + healthy − ctrlCostWeight · Σ a²`, where the healthy term is `healthyReward` when
 * the state is healthy or `terminateWhenUnhealthy` (so every step pays it by default). Terminated when unhealthy (if
 * `terminateWhenUnhealthy`), truncated at `maxEpisodeSteps`, auto-reset on the same step.
 *
 * The env owns wasm memory: call {@link MujocoLocomotionEnv.close} when done with it.
 *
 * @example
 * ```ts
 * import { hopper } from "./hopper.ts";
 * const env = await hopper({ numEnvs: 2 });
 * env.reset(0);
 * const { rewards } = env.step(new Float32Array(2 * 3));
 * env.close();
 * ```
 */
export class MujocoLocomotionEnv implements VecEnv {
  /** Gymnasium id. */
  readonly id: string;
  /** Copies. */
  readonly numEnvs: number;
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** `(nq − 1) + nv` unbounded float32 numbers. */
  readonly observationSpace: Box;
  /** One number per motor, bounds from the model's ctrlrange. */
  readonly actionSpace: Box;
  /** MuJoCo steps per env step. */
  readonly frameSkip: number;
  /** Seconds per env step: `timestep · frameSkip`. */
  readonly dt: number;
  /** The MJCF the model was compiled from. */
  readonly xml: string;
  /** The loaded MuJoCo module. */
  readonly mujoco: Mujoco;
  /** The compiled model all copies share (read it; do not change it while stepping). */
  readonly model: MjModel;
  /** The reward and reset constants in use. */
  readonly weights: Readonly<LocomotionWeights>;
  /** Per-copy numbers of the last step (Gymnasium's `info`). */
  readonly info: LocomotionInfo;
  readonly #rules: LocomotionRules;
  readonly #datas: MjData[];
  readonly #result: StepResult;
  readonly #steps: Int32Array;
  readonly #initQpos: Float64Array;
  readonly #initQvel: Float64Array;
  readonly #ctrlLow: Float64Array;
  readonly #ctrlHigh: Float64Array;
  readonly #nq: number;
  readonly #nv: number;
  readonly #nu: number;
  readonly #obsDim: number;
  #rngs: Rng[];
  #qpos: Float64Array[] = [];
  #qvel: Float64Array[] = [];
  #ctrl: Float64Array[] = [];
  #closed = false;

  /** Compile `xml` with the loaded `mujoco` and set up `opts.numEnvs` copies (started as by `reset(0)`). */
  constructor(mujoco: Mujoco, xml: string, rules: LocomotionRules, opts: LocomotionOptions = {}) {
    const { numEnvs, maxEpisodeSteps } = checkVecOptions(opts, LOCOMOTION_MAX_EPISODE_STEPS);
    this.weights = Object.freeze(checkWeights(opts, rules.defaults));
    this.id = rules.id;
    this.numEnvs = numEnvs;
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.frameSkip = checkInteger("frameSkip", rules.frameSkip, { min: 1 });
    this.#rules = rules;
    this.xml = xml;
    this.mujoco = mujoco;
    this.model = compileMjcf(mujoco, xml);
    const m = this.model;
    this.#nq = m.nq;
    this.#nv = m.nv;
    this.#nu = m.nu;
    this.#obsDim = this.#nq - 1 + this.#nv;
    this.dt = m.opt.timestep * this.frameSkip;
    this.#datas = Array.from({ length: numEnvs }, () => new mujoco.MjData(m));
    this.#refreshViews();
    // Gymnasium's init_qpos / init_qvel: the state of a fresh MjData (qpos0, zero velocity)
    this.#initQpos = Float64Array.from(this.#qpos[0]);
    this.#initQvel = Float64Array.from(this.#qvel[0]);
    const range: Float64Array = m.actuator_ctrlrange;
    this.#ctrlLow = new Float64Array(this.#nu);
    this.#ctrlHigh = new Float64Array(this.#nu);
    for (let j = 0; j < this.#nu; j++) {
      this.#ctrlLow[j] = range[2 * j];
      this.#ctrlHigh[j] = range[2 * j + 1];
    }
    this.actionSpace = new Box(this.#ctrlLow, this.#ctrlHigh, { dtype: "float32" });
    this.observationSpace = new Box(-Infinity, Infinity, { shape: [this.#obsDim], dtype: "float32" });
    this.#result = createStepResult(numEnvs, this.#obsDim);
    this.info = {
      xPosition: new Float64Array(numEnvs),
      xVelocity: new Float64Array(numEnvs),
      ctrlCost: new Float64Array(numEnvs),
    };
    this.#steps = new Int32Array(numEnvs);
    this.#rngs = copyRngs(0, numEnvs);
    for (let i = 0; i < numEnvs; i++) this.#restart(i);
  }

  /** Start every copy; copy i draws its reset noise from the i-th split of `new Rng(seed)`. */
  reset(seed: number): Float32Array {
    this.#checkOpen();
    checkInteger("seed", seed, {});
    this.#rngs = copyRngs(seed, this.numEnvs);
    this.#refreshViewsIfMoved();
    for (let i = 0; i < this.numEnvs; i++) this.#restart(i);
    return this.#result.observations;
  }

  /**
   * Apply one action row per copy (clipped to ctrlrange), simulate `frameSkip` MuJoCo steps, and return rewards,
   * flags and observations; copies that end are reset on the same step.
   */
  step(actions: Float32Array): StepResult {
    this.#checkOpen();
    checkActions(this, actions);
    this.#refreshViewsIfMoved();
    const mujoco = this.mujoco, model = this.model, rules = this.#rules, w = this.weights;
    const r = this.#result, info = this.info, nu = this.#nu, d = this.#obsDim, dt = this.dt;
    const isHealthy = rules.isHealthy, frameSkip = this.frameSkip;
    const lo = this.#ctrlLow, hi = this.#ctrlHigh;
    for (let i = 0; i < this.numEnvs; i++) {
      const data = this.#datas[i], qpos = this.#qpos[i], qvel = this.#qvel[i], ctrl = this.#ctrl[i];
      let squares = 0;
      for (let j = 0; j < nu; j++) {
        const a = Math.min(hi[j], Math.max(lo[j], actions[i * nu + j]));
        ctrl[j] = a;
        squares += a * a;
      }
      const xBefore = qpos[0];
      for (let k = 0; k < frameSkip; k++) mujoco.mj_step(model, data);
      const xAfter = qpos[0];
      const xVelocity = (xAfter - xBefore) / dt;
      const ctrlCost = w.ctrlCostWeight * squares;
      const healthy = isHealthy === null || isHealthy(qpos, qvel);
      const healthyReward = healthy || w.terminateWhenUnhealthy ? w.healthyReward : 0;
      r.rewards[i] = w.forwardRewardWeight * xVelocity + healthyReward - ctrlCost;
      r.terminated[i] = !healthy && w.terminateWhenUnhealthy ? 1 : 0;
      info.xPosition[i] = xAfter;
      info.xVelocity[i] = xVelocity;
      info.ctrlCost[i] = ctrlCost;
      this.#observe(i, r.finalObservations);
      for (let k = i * d; k < (i + 1) * d; k++) r.observations[k] = r.finalObservations[k];
    }
    const limit = this.maxEpisodeSteps;
    for (let i = 0; i < this.numEnvs; i++) {
      if (r.terminated[i] !== 0) {
        r.truncated[i] = 0;
        this.#restart(i);
      } else if (++this.#steps[i] >= limit) {
        r.truncated[i] = 1;
        this.#restart(i);
      } else {
        r.truncated[i] = 0;
      }
    }
    return r;
  }

  /**
   * Copies of copy i's generalised positions (qpos: x, z, pitch, then the hinges in model order) and velocities.
   *
   * @example
   * ```ts
   * import { halfCheetah } from "./half_cheetah.ts";
   * const env = await halfCheetah();
   * env.reset(0);
   * const { qpos, qvel } = env.getState(0); // Float64Array(9) each
   * env.close();
   * ```
   */
  getState(i: number): { qpos: Float64Array; qvel: Float64Array } {
    this.#checkOpen();
    checkInteger("i", i, { min: 0, max: this.numEnvs - 1 });
    this.#refreshViewsIfMoved();
    return { qpos: Float64Array.from(this.#qpos[i]), qvel: Float64Array.from(this.#qvel[i]) };
  }

  /**
   * Place copy i at (qpos, qvel) as Gymnasium's `set_state` (then `mj_forward`) and refresh its observation row; its
   * episode clock is kept.
   *
   * @example
   * ```ts
   * import { hopper } from "./hopper.ts";
   * const env = await hopper();
   * env.reset(0);
   * env.setState(0, [0, 1.25, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0]); // upright, moving forward at 1 m/s
   * env.close();
   * ```
   */
  setState(i: number, qpos: ArrayLike<number>, qvel: ArrayLike<number>): void {
    this.#checkOpen();
    checkInteger("i", i, { min: 0, max: this.numEnvs - 1 });
    checkLength("qpos", qpos, this.#nq);
    checkLength("qvel", qvel, this.#nv);
    for (let q = 0; q < this.#nq; q++) checkFinite(`qpos[${q}]`, qpos[q]);
    for (let v = 0; v < this.#nv; v++) checkFinite(`qvel[${v}]`, qvel[v]);
    this.#refreshViewsIfMoved();
    this.#qpos[i].set(qpos);
    this.#qvel[i].set(qvel);
    this.mujoco.mj_forward(this.model, this.#datas[i]);
    this.#observe(i, this.#result.observations);
  }

  /**
   * Free the wasm memory of the model and of every copy's data; the env cannot be used afterwards.
   *
   * @example
   * ```ts
   * import { walker2d } from "./walker2d.ts";
   * const env = await walker2d();
   * env.close();
   * ```
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const data of this.#datas) data.delete();
    this.model.delete();
  }

  #checkOpen(): void {
    if (this.#closed) throw new RangeError(`this ${this.id} env was closed`);
  }

  /** The typed-array views over wasm memory; they detach (length 0) when the memory grows. */
  #refreshViews(): void {
    this.#qpos = this.#datas.map((data) => data.qpos);
    this.#qvel = this.#datas.map((data) => data.qvel);
    this.#ctrl = this.#datas.map((data) => data.ctrl);
  }

  #refreshViewsIfMoved(): void {
    if (this.#qpos[0].length === 0) this.#refreshViews();
  }

  #observe(i: number, out: Float32Array): void {
    const qpos = this.#qpos[i], qvel = this.#qvel[i], clip = this.#rules.velocityClip;
    let o = i * this.#obsDim;
    for (let q = 1; q < this.#nq; q++) out[o++] = qpos[q];
    for (let v = 0; v < this.#nv; v++) out[o++] = Math.min(clip, Math.max(-clip, qvel[v]));
  }

  /** Gymnasium's `reset`: mj_resetData, then init state plus noise from the copy's stream, then mj_forward. */
  #restart(i: number): void {
    const data = this.#datas[i], rng = this.#rngs[i], s = this.weights.resetNoiseScale;
    this.mujoco.mj_resetData(this.model, data);
    const qpos = this.#qpos[i], qvel = this.#qvel[i];
    for (let q = 0; q < this.#nq; q++) qpos[q] = this.#initQpos[q] + rng.uniformIn(-s, s);
    const normal = this.#rules.qvelNoise === "normal";
    for (let v = 0; v < this.#nv; v++) {
      qvel[v] = this.#initQvel[v] + (normal ? s * rng.normal() : rng.uniformIn(-s, s));
    }
    this.mujoco.mj_forward(this.model, data);
    this.#steps[i] = 0;
    this.#observe(i, this.#result.observations);
  }
}
