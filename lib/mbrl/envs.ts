/**
 * Environments for the mbrl module: a continuous-action CartPole (the physics of lib/envs' CartPole-v1, driven by a
 * force clip(a, −1, 1)·force_mag), and a wrapper that appends VaGraM's distractor dimensions to any Box-observation
 * environment.
 *
 * @module
 */
import type { StepResult, VecEnv } from "../core/env.ts";
import { checkActions, obsDim } from "../core/env.ts";
import { checkInteger, checkLength } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { Box } from "../core/spaces.ts";
import {
  CARTPOLE_DEFAULT,
  type CartPoleContext,
  CartPoleEnv,
  THETA_THRESHOLD,
  X_THRESHOLD,
} from "../envs/cartpole.ts";

/** Options of {@link cartPoleContinuous}. */
export interface CartPoleContinuousOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** Time limit; default 200 (PETS' cartpole horizon). */
  maxEpisodeSteps?: number;
}

/**
 * CartPole with a continuous action a ∈ [−1, 1]: force = clip(a, −1, 1)·force_mag, otherwise exactly lib/envs'
 * CartPole-v1 (same Euler step, +1 reward per step, termination at |x| > 2.4 or |θ| > 12°). The step is delegated
 * to {@link CartPoleEnv} by setting each copy's `force_mag` context to |a|·force_mag and pushing in the sign of a,
 * so the physics is not duplicated.
 */
export class CartPoleContinuousEnv implements VecEnv {
  /** Observation [x, ẋ, θ, θ̇] (bounds as CartPole-v1). */
  readonly observationSpace: Box;
  /** Normalised force. */
  readonly actionSpace: Box = new Box([-1], [1], { dtype: "float32" });
  /** Copies. */
  readonly numEnvs: number;
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  readonly #inner: CartPoleEnv;
  readonly #contexts: CartPoleContext[];
  readonly #discrete: Int32Array;

  /** See {@link cartPoleContinuous}. */
  constructor(opts: CartPoleContinuousOptions = {}) {
    this.#inner = new CartPoleEnv({
      numEnvs: opts.numEnvs ?? 1,
      maxEpisodeSteps: opts.maxEpisodeSteps ?? 200,
    });
    this.numEnvs = this.#inner.numEnvs;
    this.maxEpisodeSteps = this.#inner.maxEpisodeSteps;
    this.observationSpace = this.#inner.observationSpace;
    this.#contexts = Array.from({ length: this.numEnvs }, () => ({ ...CARTPOLE_DEFAULT }));
    this.#discrete = new Int32Array(this.numEnvs);
  }

  /** State [x, ẋ, θ, θ̇] of copy i at 4i..4i+3 (the inner CartPole's, writable). */
  get state(): Float64Array {
    return this.#inner.state;
  }

  /** Start every copy (as CartPole-v1: uniform in ±0.05). */
  reset(seed: number): Float32Array {
    return this.#inner.reset(seed);
  }

  /** Place copy i at [x, ẋ, θ, θ̇]. */
  setState(i: number, state: readonly number[]): void {
    this.#inner.setState(i, state);
  }

  /** One step of every copy with forces clip(a, −1, 1)·force_mag. */
  step(actions: Float32Array): StepResult {
    checkActions(this, actions);
    for (let i = 0; i < this.numEnvs; i++) {
      const a = Math.min(1, Math.max(-1, actions[i]));
      // force_mag must be > 0: a zero action becomes a push of 1e-12 N, below float32 resolution of the state
      this.#contexts[i].force_mag = Math.max(Math.abs(a), 1e-13) * CARTPOLE_DEFAULT.force_mag;
      this.#discrete[i] = a >= 0 ? 1 : 0;
    }
    this.#inner.setContexts(this.#contexts);
    return this.#inner.step(this.#discrete);
  }
}

/**
 * Create a continuous-action CartPole.
 *
 * @example
 * ```ts
 * import { cartPoleContinuous } from "./envs.ts";
 * const env = cartPoleContinuous({ numEnvs: 2 });
 * env.reset(0);
 * env.step(new Float32Array([0.5, -1]));
 * ```
 */
export function cartPoleContinuous(opts: CartPoleContinuousOptions = {}): CartPoleContinuousEnv {
  return new CartPoleContinuousEnv(opts);
}

/**
 * CartPole's termination test on observation rows (|x| > 2.4 or |θ| > 12°), for planners that know the task.
 *
 * @example
 * ```ts
 * import { cartPoleFailed } from "./envs.ts";
 * cartPoleFailed(new Float32Array([0, 0, 0.3, 0]), 0); // true
 * ```
 */
export function cartPoleFailed(obs: ArrayLike<number>, row: number, stride = 4): boolean {
  const x = obs[row * stride], th = obs[row * stride + 2];
  return x < -X_THRESHOLD || x > X_THRESHOLD || th < -THETA_THRESHOLD || th > THETA_THRESHOLD;
}

/** Options of {@link withDistractors}. */
export interface DistractorOptions {
  /** Number of appended distractor dimensions (≥ 1). */
  dims: number;
  /** Seed of the fixed random matrices A, B and the reset vector. */
  seed: number;
}

/**
 * Append `dims` distractor dimensions to a Box-observation env, after VaGraM's construction (Voelcker et al. 2022,
 * distractor experiments; the official wrapper was read, not copied): x_{t+1} = A x_t + 0.1·Σ_q sin(B_pq x_t,q) per
 * coordinate p, with fixed A ~ N(0, 1)/√dims (scaled here so the linear part stays bounded; the official A is
 * N(0, 1) with the real-state columns zeroed), B = N(0, 10)² elementwise, and every coordinate with |x| > 20 reset to a
 * fixed random vector ("switching"). Distractors never affect reward or termination; x₀ ~ N(0, 0.1²) at each reset.
 *
 * @example
 * ```ts
 * import { withDistractors } from "./envs.ts";
 * import { pendulum } from "../envs/pendulum.ts";
 * const env = withDistractors(pendulum(), { dims: 4, seed: 0 });
 * env.reset(0).length; // 7
 * ```
 */
export function withDistractors(env: VecEnv, opts: DistractorOptions): VecEnv & { close(): void } {
  const k = checkInteger("dims", opts.dims, { min: 1 });
  if (!(env.observationSpace instanceof Box)) throw new TypeError("env.observationSpace must be a Box");
  const d = obsDim(env.observationSpace);
  const n = env.numEnvs;
  const rng = new Rng(checkInteger("seed", opts.seed, { min: 0 }));
  const a = new Float64Array(k * k).map(() => rng.normal() / Math.sqrt(k));
  const b = new Float64Array(k * k).map(() => (rng.normal() * Math.sqrt(10)) ** 2);
  const resetVec = new Float64Array(k).map(() => rng.normal());
  const x = new Float64Array(n * k);
  const tmp = new Float64Array(k);
  const low = [...env.observationSpace.low, ...new Array(k).fill(-20)];
  const high = [...env.observationSpace.high, ...new Array(k).fill(20)];
  const space = new Box(low, high, { dtype: "float32" });
  const out = new Float32Array(n * (d + k));
  const fin = new Float32Array(n * (d + k));
  let noise = new Rng(0);
  const write = (src: Float32Array, dst: Float32Array, i: number) => {
    dst.set(src.subarray(i * d, (i + 1) * d), i * (d + k));
    for (let j = 0; j < k; j++) dst[i * (d + k) + d + j] = x[i * k + j];
  };
  return {
    numEnvs: n,
    observationSpace: space,
    actionSpace: env.actionSpace,
    maxEpisodeSteps: env.maxEpisodeSteps,
    reset(seed: number): Float32Array {
      noise = new Rng(seed + 7919);
      for (let i = 0; i < n * k; i++) x[i] = 0.1 * noise.normal();
      const o = env.reset(seed);
      for (let i = 0; i < n; i++) write(o, out, i);
      return out;
    },
    step(actions: Float32Array | Int32Array): StepResult {
      const r = env.step(actions);
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < k; p++) {
          let lin = 0, nl = 0;
          for (let q = 0; q < k; q++) {
            lin += a[p * k + q] * x[i * k + q];
            nl += Math.sin(b[p * k + q] * x[i * k + q]);
          }
          const v = lin + 0.1 * nl;
          tmp[p] = Math.abs(v) > 20 ? resetVec[p] : v;
        }
        for (let p = 0; p < k; p++) x[i * k + p] = tmp[p];
        write(r.finalObservations, fin, i);
        if (r.terminated[i] || r.truncated[i]) {
          for (let p = 0; p < k; p++) x[i * k + p] = 0.1 * noise.normal();
        }
        write(r.observations, out, i);
      }
      checkLength("observations", out, n * (d + k));
      return { ...r, observations: out, finalObservations: fin };
    },
    /** Close the wrapped env (if it has a `close`, as the MuJoCo envs). */
    close(): void {
      (env as { close?: () => void }).close?.();
    },
  };
}
