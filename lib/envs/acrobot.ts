/**
 * Acrobot-v1 (Sutton 1996; dynamics of Sutton & Barto's book), vectorised, with Gymnasium's equations, RK4
 * integration over one 0.2 s step, and a per-copy context of link parameters.
 *
 * @module
 */
import { checkActions } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { Box, Discrete } from "../core/spaces.ts";
import { checkContexts, ClassicCopies, contextsFor } from "./_classic.ts";
import type { ContextKeys, CopyRules } from "./_classic.ts";

/**
 * Link parameters of one Acrobot copy (Gymnasium's defaults in {@link ACROBOT_DEFAULT}). Link 2's length does not
 * enter Gymnasium's dynamics or termination test, so it is not a parameter here.
 */
export interface AcrobotContext {
  /** Length of link 1 (m). */
  l1: number;
  /** Mass of link 1 (kg). */
  m1: number;
  /** Mass of link 2 (kg). */
  m2: number;
  /** Position of link 1's centre of mass (m). */
  lc1: number;
  /** Position of link 2's centre of mass (m). */
  lc2: number;
  /** Moment of inertia of both links. */
  moi: number;
}

/** Gymnasium Acrobot-v1 constants. */
export const ACROBOT_DEFAULT: Readonly<AcrobotContext> = Object.freeze({
  l1: 1,
  m1: 1,
  m2: 1,
  lc1: 0.5,
  lc2: 0.5,
  moi: 1,
});

const CONTEXT_KEYS: ContextKeys<AcrobotContext> = { positive: ["l1", "m1", "m2", "lc1", "lc2", "moi"] };
const DT = 0.2, MAX_VEL_1 = 4 * Math.PI, MAX_VEL_2 = 9 * Math.PI, G = 9.8;

/** Options of {@link acrobot}. */
export interface AcrobotOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link ACROBOT_DEFAULT}. */
  contexts?: AcrobotContext | readonly AcrobotContext[];
  /** Time limit; default 500 as Acrobot-v1. */
  maxEpisodeSteps?: number;
}

/** Gymnasium's `_dsdt` ("book" dynamics): derivatives of [θ1, θ2, θ̇1, θ̇2] under torque a on the second joint. */
function dsdt(c: Readonly<AcrobotContext>, y: Float64Array, a: number, out: Float64Array): void {
  const theta1 = y[0], theta2 = y[1], dtheta1 = y[2], dtheta2 = y[3];
  const { m1, m2, l1, lc1, lc2 } = c, i1 = c.moi, i2 = c.moi;
  const cos2 = Math.cos(theta2), sin2 = Math.sin(theta2);
  const d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
  const d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
  const phi2 = m2 * lc2 * G * Math.cos(theta1 + theta2 - Math.PI / 2);
  const phi1 = -m2 * l1 * lc2 * dtheta2 * dtheta2 * sin2 -
    2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2 +
    (m1 * lc1 + m2 * l1) * G * Math.cos(theta1 - Math.PI / 2) + phi2;
  // "book" version (Sutton & Barto); the NIPS paper's version drops the dtheta1² term
  const ddtheta2 = (a + (d2 / d1) * phi1 - m2 * l1 * lc2 * dtheta1 * dtheta1 * sin2 - phi2) /
    (m2 * lc2 * lc2 + i2 - (d2 * d2) / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = ddtheta1;
  out[3] = ddtheta2;
}

/** Observation [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2] of copy i's state row, into row i of `out`. */
function observe(s: Float64Array, i: number, out: Float32Array): void {
  const o = 4 * i, w = 6 * i;
  out[w] = Math.cos(s[o]);
  out[w + 1] = Math.sin(s[o]);
  out[w + 2] = Math.cos(s[o + 1]);
  out[w + 3] = Math.sin(s[o + 1]);
  out[w + 4] = s[o + 2];
  out[w + 5] = s[o + 3];
}

/** State [θ1, θ2, θ̇1, θ̇2], started U(−0.1, 0.1) on each; observed by {@link observe}. */
const COPY_RULES: CopyRules = {
  stateDim: 4,
  obsDim: 6,
  start(rng, state, i) {
    for (let d = 0; d < 4; d++) state[4 * i + d] = rng.uniformIn(-0.1, 0.1);
  },
  observe,
};

/** Wrap x into [lo, hi] by whole periods, as Gymnasium's `wrap`. */
function wrap(x: number, lo: number, hi: number): number {
  const d = hi - lo;
  while (x > hi) x -= d;
  while (x < lo) x += d;
  return x;
}

/**
 * Vectorised Acrobot-v1: observation [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]; actions 0/1/2 apply torque −1/0/+1
 * to the second joint; reward −1 per step and 0 on the terminating step; terminated when the tip rises above the
 * bar (−cos θ1 − cos(θ1 + θ2) > 1); truncated at `maxEpisodeSteps`. Starts with all four state variables U(−0.1, 0.1).
 */
export class AcrobotEnv implements ContextualVecEnv<AcrobotContext> {
  /** Observation bounds. */
  readonly observationSpace: Box = new Box([-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2], [
    1,
    1,
    1,
    1,
    MAX_VEL_1,
    MAX_VEL_2,
  ], {
    dtype: "float32",
  });
  /** Torque −1, 0, +1. */
  readonly actionSpace: Discrete = new Discrete(3);
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard Acrobot-v1 context. */
  readonly defaultContext: Readonly<AcrobotContext> = ACROBOT_DEFAULT;
  /** State [θ1, θ2, θ̇1, θ̇2] of copy i at 4i..4i+3. */
  readonly state: Float64Array;
  readonly #copies: ClassicCopies;
  #contexts: readonly Readonly<AcrobotContext>[] = [];
  #k = [new Float64Array(4), new Float64Array(4), new Float64Array(4), new Float64Array(4)];
  #y = new Float64Array(4);
  #tmp = new Float64Array(4);

  /** See {@link acrobot}. */
  constructor(opts: AcrobotOptions = {}) {
    this.#copies = new ClassicCopies(opts, 500, COPY_RULES);
    this.numEnvs = this.#copies.numEnvs;
    this.maxEpisodeSteps = this.#copies.maxEpisodeSteps;
    this.state = this.#copies.state;
    this.setContexts(contextsFor(this.numEnvs, opts.contexts, ACROBOT_DEFAULT));
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<AcrobotContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy). */
  setContexts(contexts: readonly AcrobotContext[]): void {
    this.#contexts = checkContexts(contexts, this.numEnvs, CONTEXT_KEYS);
  }

  /** Start every copy; copy i draws from the i-th split of `new Rng(seed)`. */
  reset(seed: number): Float32Array {
    return this.#copies.reset(seed);
  }

  /**
   * Place copy i at `state` = [θ1, θ2, θ̇1, θ̇2] (0 = hanging down; its episode clock is kept) and update its
   * observation row.
   *
   * @example
   * ```ts
   * import { acrobot } from "./acrobot.ts";
   * const env = acrobot();
   * env.reset(0);
   * env.setState(0, [0.5, 0, 0, 0]);
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    this.#copies.setState(i, state);
  }

  /** One step of every copy: one classical RK4 step of length 0.2 s (Gymnasium's `rk4` over [0, dt]). */
  step(actions: Int32Array): StepResult {
    checkActions(this, actions);
    const copies = this.#copies, r = copies.result, s = this.state;
    const obs = r.observations, fin = r.finalObservations;
    const [k1, k2, k3, k4] = this.#k, y = this.#y, tmp = this.#tmp;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i], o = 4 * i, torque = actions[i] - 1;
      for (let d = 0; d < 4; d++) y[d] = s[o + d];
      dsdt(c, y, torque, k1);
      for (let d = 0; d < 4; d++) tmp[d] = y[d] + (DT / 2) * k1[d];
      dsdt(c, tmp, torque, k2);
      for (let d = 0; d < 4; d++) tmp[d] = y[d] + (DT / 2) * k2[d];
      dsdt(c, tmp, torque, k3);
      for (let d = 0; d < 4; d++) tmp[d] = y[d] + DT * k3[d];
      dsdt(c, tmp, torque, k4);
      for (let d = 0; d < 4; d++) y[d] += (DT / 6) * (k1[d] + 2 * k2[d] + 2 * k3[d] + k4[d]);
      s[o] = wrap(y[0], -Math.PI, Math.PI);
      s[o + 1] = wrap(y[1], -Math.PI, Math.PI);
      s[o + 2] = Math.min(Math.max(y[2], -MAX_VEL_1), MAX_VEL_1);
      s[o + 3] = Math.min(Math.max(y[3], -MAX_VEL_2), MAX_VEL_2);
      const terminated = -Math.cos(s[o]) - Math.cos(s[o + 1] + s[o]) > 1.0;
      r.rewards[i] = terminated ? 0 : -1;
      observe(s, i, fin);
      for (let d = 6 * i; d < 6 * i + 6; d++) obs[d] = fin[d];
      r.terminated[i] = terminated ? 1 : 0;
    }
    copies.endStep();
    return r;
  }
}

/**
 * Create a vectorised Acrobot-v1.
 *
 * @example
 * ```ts
 * import { acrobot } from "./acrobot.ts";
 * const env = acrobot({ numEnvs: 2 });
 * env.reset(0);
 * env.step(new Int32Array([0, 2]));
 * ```
 */
export function acrobot(opts: AcrobotOptions = {}): AcrobotEnv {
  return new AcrobotEnv(opts);
}
