/**
 * CartPole-v1 (Barto, Sutton & Anderson 1983), vectorised, with Gymnasium's classic-control equations and constants
 * and a per-copy context of physical parameters (for contextual RL such as MBTL).
 *
 * @module
 */
import { checkActions } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { Box, Discrete } from "../core/spaces.ts";
import { checkContexts, ClassicCopies, contextsFor } from "./_classic.ts";
import type { ContextKeys, CopyRules } from "./_classic.ts";

/** Physical parameters of one CartPole copy (Gymnasium's defaults in {@link CARTPOLE_DEFAULT}). */
export interface CartPoleContext {
  /** Gravity (m/s²). */
  gravity: number;
  /** Cart mass (kg). */
  masscart: number;
  /** Pole mass (kg). */
  masspole: number;
  /** Half the pole's length (m), as Gymnasium's `length`. */
  length: number;
  /** Magnitude of the push (N). */
  force_mag: number;
  /** Integration step (s). */
  tau: number;
}

/** Gymnasium CartPole-v1 constants. */
export const CARTPOLE_DEFAULT: Readonly<CartPoleContext> = Object.freeze({
  gravity: 9.8,
  masscart: 1.0,
  masspole: 0.1,
  length: 0.5,
  force_mag: 10.0,
  tau: 0.02,
});

/** Episode ends when |x| > 2.4 m. */
export const X_THRESHOLD = 2.4;
/** Episode ends when |θ| > 12° (in radians, as Gymnasium: 12 · 2π / 360). */
export const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;

const CONTEXT_KEYS: ContextKeys<CartPoleContext> = {
  positive: ["masscart", "masspole", "length", "force_mag", "tau"],
  finite: ["gravity"],
};

/** Start uniform in ±0.05 on every state variable; observe the state. */
const COPY_RULES: CopyRules = {
  stateDim: 4,
  obsDim: 4,
  start(rng, state, i) {
    for (let d = 0; d < 4; d++) state[4 * i + d] = rng.uniformIn(-0.05, 0.05);
  },
  observe(state, i, out) {
    for (let d = 0; d < 4; d++) out[4 * i + d] = state[4 * i + d];
  },
};

// Taylor coefficients of sin: (−1)^k / (2k + 1)!
const S3 = -1 / 6, S5 = 1 / 120, S7 = -1 / 5040, S9 = 1 / 362880, S11 = -1 / 39916800, S13 = 1 / 6227020800;
const S15 = -1 / 1307674368000;

/**
 * sin x for |x| ≤ 1/2 by its Taylor series through x¹⁵ (Horner in x²): the truncation error is below
 * 0.5¹⁷/17! ≈ 2·10⁻¹⁹, far under half an ulp, so the result is Math.sin's to rounding (≤ 1 ulp).
 */
function sinSmall(x: number): number {
  const z = x * x;
  return x + x * z * (S3 + z * (S5 + z * (S7 + z * (S9 + z * (S11 + z * (S13 + z * S15))))));
}

/** Options of {@link cartPole}. */
export interface CartPoleOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link CARTPOLE_DEFAULT}. */
  contexts?: CartPoleContext | readonly CartPoleContext[];
  /** Time limit (truncation); default 500 as CartPole-v1. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised CartPole-v1. Observation [x, ẋ, θ, θ̇]; actions 0 (push left) and 1 (push right); reward 1 on every
 * step, including the terminating one; terminated when |x| > 2.4 or |θ| > 12°; truncated at `maxEpisodeSteps`.
 * Starts uniform in ±0.05 on every state variable; integrates with explicit Euler, as Gymnasium by default.
 *
 * The state is public (`state`, float64, copy i at 4i..4i+3) and {@link CartPoleEnv.setState} places a copy at a
 * chosen state, so tests and planners can step from a known point.
 */
export class CartPoleEnv implements ContextualVecEnv<CartPoleContext> {
  /** Gymnasium's observation bounds: x ∈ ±4.8, θ ∈ ±24°, velocities unbounded. */
  readonly observationSpace: Box = new Box(
    [-2 * X_THRESHOLD, -Infinity, -2 * THETA_THRESHOLD, -Infinity],
    [2 * X_THRESHOLD, Infinity, 2 * THETA_THRESHOLD, Infinity],
    { dtype: "float32" },
  );
  /** Push left (0) or right (1). */
  readonly actionSpace: Discrete = new Discrete(2);
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard CartPole-v1 context. */
  readonly defaultContext: Readonly<CartPoleContext> = CARTPOLE_DEFAULT;
  /** State [x, ẋ, θ, θ̇] of copy i at 4i..4i+3 (float64; observations are its float32 copy). */
  readonly state: Float64Array;
  readonly #copies: ClassicCopies;
  #contexts: readonly Readonly<CartPoleContext>[] = [];
  /**
   * Contexts as typed-array columns, with Gymnasium's derived constants `total_mass = masspole + masscart` and
   * `polemass_length = masspole · length` computed once as Gymnasium does in `__init__` (the step loop reads these).
   */
  #gravity: Float64Array;
  #masspole: Float64Array;
  #length: Float64Array;
  #forceMag: Float64Array;
  #tau: Float64Array;
  #totalMass: Float64Array;
  #poleMassLength: Float64Array;

  /** See {@link cartPole}. */
  constructor(opts: CartPoleOptions = {}) {
    this.#copies = new ClassicCopies(opts, 500, COPY_RULES);
    const numEnvs = this.#copies.numEnvs;
    this.numEnvs = numEnvs;
    this.maxEpisodeSteps = this.#copies.maxEpisodeSteps;
    this.state = this.#copies.state;
    this.#gravity = new Float64Array(numEnvs);
    this.#masspole = new Float64Array(numEnvs);
    this.#length = new Float64Array(numEnvs);
    this.#forceMag = new Float64Array(numEnvs);
    this.#tau = new Float64Array(numEnvs);
    this.#totalMass = new Float64Array(numEnvs);
    this.#poleMassLength = new Float64Array(numEnvs);
    this.setContexts(contextsFor(numEnvs, opts.contexts, CARTPOLE_DEFAULT));
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<CartPoleContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy); they apply from the next step on. */
  setContexts(contexts: readonly CartPoleContext[]): void {
    const checked = this.#contexts = checkContexts(contexts, this.numEnvs, CONTEXT_KEYS);
    checked.forEach((c, i) => {
      this.#gravity[i] = c.gravity;
      this.#masspole[i] = c.masspole;
      this.#length[i] = c.length;
      this.#forceMag[i] = c.force_mag;
      this.#tau[i] = c.tau;
      this.#totalMass[i] = c.masspole + c.masscart;
      this.#poleMassLength[i] = c.masspole * c.length;
    });
  }

  /** Start every copy; copy i draws from the i-th split of `new Rng(seed)`. */
  reset(seed: number): Float32Array {
    return this.#copies.reset(seed);
  }

  /**
   * Place copy i at `state` = [x, ẋ, θ, θ̇] (its episode clock is kept) and update its observation row.
   *
   * @example
   * ```ts
   * import { cartPole } from "./cartpole.ts";
   * const env = cartPole();
   * env.reset(0);
   * env.setState(0, [0, 0, 0.1, 0]); // tilted 0.1 rad, at rest
   * env.step(new Int32Array([1]));
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    this.#copies.setState(i, state);
  }

  /** One step of every copy (Gymnasium's `CartPoleEnv.step`), auto-resetting copies that end. */
  step(actions: Int32Array): StepResult {
    // validate before touching any copy; an action outside {0, 1} has a bit other than the lowest set
    if (!(actions instanceof Int32Array) || actions.length !== this.numEnvs) checkActions(this, actions);
    let bad = 0;
    for (let i = 0; i < actions.length; i++) bad |= actions[i] & ~1;
    if (bad !== 0) checkActions(this, actions); // throws, naming actions[i]
    const copies = this.#copies, r = copies.result, s = this.state;
    const gravity = this.#gravity,
      masspole = this.#masspole,
      length = this.#length,
      forceMag = this.#forceMag;
    const tau = this.#tau, totalMass = this.#totalMass, poleMassLength = this.#poleMassLength;
    const obs = r.observations, fin = r.finalObservations, rewards = r.rewards, term = r.terminated;
    for (let i = 0; i < this.numEnvs; i++) {
      const o = 4 * i;
      const x = s[o], xDot = s[o + 1], theta = s[o + 2], thetaDot = s[o + 3];
      const force = actions[i] === 1 ? forceMag[i] : -forceMag[i];
      // Fast sin/cos on |θ| < 1/2, where CartPole lives (|θ| ≤ 12° = 0.21 until termination): see sinSmall; cos θ
      // = √(1 − sin²θ) since cos θ > 0.87 there. Both agree with Math.sin/Math.cos to 1 ulp (measured: ≤ 1.0 eps
      // relative over a 2·10⁶-point grid), and together cost ~3 ns against ~40 ns, which is most of the step.
      // Bit-for-bit agreement with Gymnasium is out of reach anyway: numpy's and V8's libm differ at this level.
      const small = theta > -0.5 && theta < 0.5;
      const sin = small ? sinSmall(theta) : Math.sin(theta);
      const cos = small ? Math.sqrt(1 - sin * sin) : Math.cos(theta);
      const mp = masspole[i], len = length[i], dt = tau[i], tm = totalMass[i], pml = poleMassLength[i];
      // Gymnasium CartPoleEnv.step (Florian 2007, "Correct equations for the dynamics of the cart-pole system")
      const temp = (force + pml * thetaDot * thetaDot * sin) / tm;
      const thetaAcc = (gravity[i] * sin - cos * temp) / (len * (4.0 / 3.0 - (mp * cos * cos) / tm));
      const xAcc = temp - (pml * thetaAcc * cos) / tm;
      // explicit Euler, in Gymnasium's order ("euler" kinematics_integrator, the default)
      const x1 = x + dt * xDot, xDot1 = xDot + dt * xAcc, th1 = theta + dt * thetaDot;
      const thDot1 = thetaDot + dt * thetaAcc;
      s[o] = x1;
      s[o + 1] = xDot1;
      s[o + 2] = th1;
      s[o + 3] = thDot1;
      fin[o] = x1;
      fin[o + 1] = xDot1;
      fin[o + 2] = th1;
      fin[o + 3] = thDot1;
      obs[o] = x1;
      obs[o + 1] = xDot1;
      obs[o + 2] = th1;
      obs[o + 3] = thDot1;
      const terminated = x1 < -X_THRESHOLD || x1 > X_THRESHOLD || th1 < -THETA_THRESHOLD ||
        th1 > THETA_THRESHOLD;
      rewards[i] = 1;
      term[i] = terminated ? 1 : 0;
    }
    copies.endStep();
    return r;
  }
}

/**
 * Create a vectorised CartPole-v1.
 *
 * @example
 * ```ts
 * import { cartPole } from "./cartpole.ts";
 * const env = cartPole({ numEnvs: 8, contexts: { ...cartPole().defaultContext, length: 1 } });
 * env.reset(0);
 * const { rewards, terminated } = env.step(new Int32Array(8).fill(1));
 * ```
 */
export function cartPole(opts: CartPoleOptions = {}): CartPoleEnv {
  return new CartPoleEnv(opts);
}
