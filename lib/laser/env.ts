/**
 * TempoRL's control environment (official `LaserEnv_v2`, and `LaserEnv_v1` with `reward: "loss"`), vectorised
 * over copies: the observation is the stretcher's normalised (GDD, TOD, FOD) ψ ∈ [0, 1]³, the action a ∈ [−1, 1]³
 * an increment ψ ← clip(ψ + 0.1·a, 0, 1), episodes start at ψ₀ ~ N(ψ_c, 0.1·I) clipped to the box, with ψ_c the
 * normalised −compressor (the setting that cancels the compressor without self-phase modulation), and last 50
 * steps unless the pulse gets too long (v2: FWHM ≥ 20 ps, reward −20) or too far from the transform-limited shape
 * (v1: L1 distance ≥ 500).
 *
 * One deviation: the 50-step limit is reported as `truncated` (agents bootstrap through it). The official env
 * returns a plain gym `done` there without a TimeLimit wrapper, so Stable-Baselines3 treated it as terminal; with
 * γ = 0.9 the difference is at most γ^k of the tail value k steps before the limit.
 *
 * @module
 */
import { checkActions, copyRngs, createStepResult, type StepResult, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkOneOf, checkPositive } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box } from "../core/spaces.ts";
import {
  alignedL1,
  type ControlBounds,
  DEFAULT_REWARD_COEFFICIENTS,
  denormalizeControl,
  intensityReward,
  L1_BOUNDS,
  lossReward,
  normalizeControl,
  type RewardCoefficients,
} from "./controls.ts";
import {
  createLaserModel,
  fwhm,
  type LaserModel,
  type LaserModelOptions,
  outputIntensity,
  transformLimited,
} from "./physics.ts";
import { type Spectrum, syntheticSpectrum } from "./spectrum.ts";

/** Which of TempoRL's rewards: `"intensity"` (LaserEnv_v2, the paper's best) or `"loss"` (LaserEnv_v1). */
export type LaserReward = "intensity" | "loss";

/** Options of {@link LaserEnv}. */
export interface LaserEnvOptions {
  /** Copies stepped together (default 1). */
  numEnvs?: number;
  /** Reward version (default `"intensity"`). */
  reward?: LaserReward;
  /** Input spectrum (default {@link syntheticSpectrum}()). */
  spectrum?: Spectrum;
  /** Physics options (B-integral, passes, compressor, padding). */
  model?: LaserModelOptions;
  /** Control box (default the official {@link L1_BOUNDS}). */
  bounds?: ControlBounds;
  /** Largest change of ψ per step and dimension (default 0.1). */
  actionBound?: number;
  /** Variance of the reset distribution around ψ_c (default 0.1, i.e. std ≈ 0.316). */
  initVariance?: number;
  /** Steps per episode (default 50). */
  maxEpisodeSteps?: number;
  /** v2: FWHM (ps) at or above which the episode terminates (default 20). */
  maxDurationPs?: number;
  /** v2: reward added on that termination (default −20). */
  durationPenalty?: number;
  /** v1: L1 distance at or above which the episode terminates, and its reward scale (default 500). */
  maxLoss?: number;
  /** Reward coefficients (default [1, 1], see {@link DEFAULT_REWARD_COEFFICIENTS}). */
  coefficients?: RewardCoefficients;
}

/**
 * The vectorised stretcher-control environment.
 *
 * @example
 * ```ts
 * import { LaserEnv } from "./env.ts";
 * const env = new LaserEnv({ numEnvs: 4 });
 * env.reset(0);
 * const { rewards } = env.step(new Float32Array(12)); // zero increments
 * env.lastFwhmPs[0]; // FWHM of copy 0's pulse, ps
 * ```
 */
export class LaserEnv implements VecEnv {
  readonly numEnvs: number;
  readonly observationSpace: Box = new Box(0, 1, { shape: [3] });
  readonly actionSpace: Box = new Box(-1, 1, { shape: [3] });
  readonly maxEpisodeSteps: number;
  /** The pulse model every copy runs. */
  readonly model: LaserModel;
  /** Reward version. */
  readonly reward: LaserReward;
  /** Control box. */
  readonly bounds: ControlBounds;
  /** Centre of the reset distribution, ψ_c = normalised −compressor. */
  readonly resetCentre: readonly number[];
  /** Transform-limited intensity on `model.time`. */
  readonly transformLimited: Float64Array;
  /** Peak of the transform-limited intensity (model units). */
  readonly tlPeak: number;
  /** FWHM of the transform-limited pulse, ps. */
  readonly tlFwhmPs: number;
  /** Per copy: FWHM (ps) of the pulse after the last step (before any auto-reset). */
  readonly lastFwhmPs: Float64Array;
  /** Per copy: peak intensity over the transform-limited peak after the last step. */
  readonly lastPeakRatio: Float64Array;
  /** Per copy: L1 distance to TL after the last step (`reward: "loss"` only; NaN otherwise). */
  readonly lastLoss: Float64Array;
  readonly #opts: Required<Omit<LaserEnvOptions, "numEnvs" | "reward" | "spectrum" | "model" | "bounds">>;
  readonly #psi: Float64Array;
  readonly #steps: Int32Array;
  readonly #result: StepResult;
  readonly #intensity: Float64Array;
  readonly #control: number[] = [0, 0, 0];
  #rngs: Rng[] = [];

  /** Build the model (and its transform-limited pulse) and reset with seed 0; options are validated. */
  constructor(opts: LaserEnvOptions = {}) {
    this.numEnvs = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
    this.reward = checkOneOf("reward", opts.reward ?? "intensity", ["intensity", "loss"] as const);
    this.maxEpisodeSteps = checkInteger("maxEpisodeSteps", opts.maxEpisodeSteps ?? 50, { min: 1 });
    this.#opts = {
      actionBound: checkInRange("actionBound", opts.actionBound ?? 0.1, { min: 0, max: 1, minOpen: true }),
      initVariance: checkInRange("initVariance", opts.initVariance ?? 0.1, { min: 0 }),
      maxEpisodeSteps: this.maxEpisodeSteps,
      maxDurationPs: checkPositive("maxDurationPs", opts.maxDurationPs ?? 20),
      durationPenalty: checkInRange("durationPenalty", opts.durationPenalty ?? -20, { max: 0 }),
      maxLoss: checkPositive("maxLoss", opts.maxLoss ?? 500),
      coefficients: opts.coefficients ?? DEFAULT_REWARD_COEFFICIENTS,
    };
    this.bounds = opts.bounds ?? L1_BOUNDS;
    this.model = createLaserModel(opts.spectrum ?? syntheticSpectrum(), opts.model);
    this.resetCentre = normalizeControl(this.model.compressor.map((x) => -x), this.bounds);
    this.transformLimited = transformLimited(this.model);
    this.tlPeak = Math.max(...this.transformLimited);
    this.tlFwhmPs = fwhm(this.transformLimited, this.model.dt) * 1e12;
    this.#psi = new Float64Array(3 * this.numEnvs);
    this.#steps = new Int32Array(this.numEnvs);
    this.#result = createStepResult(this.numEnvs, 3);
    this.#intensity = new Float64Array(this.model.nOut);
    this.lastFwhmPs = new Float64Array(this.numEnvs);
    this.lastPeakRatio = new Float64Array(this.numEnvs);
    this.lastLoss = new Float64Array(this.numEnvs);
    this.reset(0);
  }

  /** Current normalised controls ψ (`numEnvs × 3`, a view: copy what you keep). */
  get controls(): Float64Array {
    return this.#psi;
  }

  /** Start fresh episodes in every copy (ψ₀ ~ N(ψ_c, initVariance·I) clipped), seeded by `seed`. */
  reset(seed: number): Float32Array {
    checkInteger("seed", seed, { min: 0 });
    this.#rngs = copyRngs(seed, this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) this.#start(i);
    this.#writeObs(this.#result.observations);
    return this.#result.observations;
  }

  /** Apply ψ ← clip(ψ + actionBound·clip(a, −1, 1), 0, 1) in every copy, score the pulses, auto-reset ends. */
  step(actions: Float32Array | Int32Array): StepResult {
    checkActions(this, actions);
    const r = this.#result;
    const bound = this.#opts.actionBound;
    for (let i = 0; i < this.numEnvs; i++) {
      for (let j = 0; j < 3; j++) {
        const a = Math.min(1, Math.max(-1, actions[3 * i + j]));
        this.#psi[3 * i + j] = Math.min(1, Math.max(0, this.#psi[3 * i + j] + bound * a));
      }
      this.#steps[i]++;
      this.#measure(i);
      let reward: number;
      let terminal: boolean;
      if (this.reward === "intensity") {
        reward = intensityReward(this.lastPeakRatio[i], this.lastFwhmPs[i], this.#opts.coefficients);
        terminal = this.lastFwhmPs[i] >= this.#opts.maxDurationPs;
        if (terminal) reward += this.#opts.durationPenalty;
      } else {
        reward = lossReward(this.lastLoss[i], this.#opts.coefficients, this.#opts.maxLoss);
        terminal = this.lastLoss[i] >= this.#opts.maxLoss;
      }
      r.rewards[i] = reward;
      r.terminated[i] = terminal ? 1 : 0;
      r.truncated[i] = !terminal && this.#steps[i] >= this.maxEpisodeSteps ? 1 : 0;
      for (let j = 0; j < 3; j++) r.finalObservations[3 * i + j] = this.#psi[3 * i + j];
      if (r.terminated[i] || r.truncated[i]) this.#start(i);
    }
    this.#writeObs(r.observations);
    return r;
  }

  /** Run the model for copy `i`'s ψ and fill `last*[i]`. */
  #measure(i: number): void {
    denormalizeControl(this.#psi.subarray(3 * i, 3 * i + 3), this.bounds, this.#control);
    const intensity = outputIntensity(this.model, this.#control, this.#intensity);
    let peak = 0;
    for (let k = 0; k < intensity.length; k++) peak = Math.max(peak, intensity[k]);
    this.lastPeakRatio[i] = peak / this.tlPeak;
    this.lastFwhmPs[i] = fwhm(intensity, this.model.dt) * 1e12;
    this.lastLoss[i] = this.reward === "loss"
      ? alignedL1(intensity, this.transformLimited, this.model.dt)
      : NaN;
  }

  #start(i: number): void {
    const rng = this.#rngs[i];
    const sd = Math.sqrt(this.#opts.initVariance);
    for (let j = 0; j < 3; j++) {
      this.#psi[3 * i + j] = Math.min(1, Math.max(0, this.resetCentre[j] + sd * rng.normal()));
    }
    this.#steps[i] = 0;
  }

  #writeObs(out: Float32Array): void {
    for (let k = 0; k < out.length; k++) out[k] = this.#psi[k];
  }
}
