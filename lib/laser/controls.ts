/**
 * The stretcher's control box and its [0, 1]³ normalisation (official code `env/env_utils.py`), and the two
 * rewards of TempoRL's environments (`LaserEnv_v1`: distance to the transform-limited pulse; `LaserEnv_v2`: peak
 * intensity with a FWHM penalty).
 *
 * @module
 */
import { checkFinite, checkLength } from "../core/errors.ts";
import { type Dispersion, fwhm, type LaserModel } from "./physics.ts";

/** Lower bounds of the stretcher's (GDD s², TOD s³, FOD s⁴) in the official code. */
export const CONTROL_LOWER: Dispersion = [2.3522e-22, -1.003635e-34, 4.774465e-50];
/** Upper bounds of the stretcher's (GDD s², TOD s³, FOD s⁴) in the official code. */
export const CONTROL_UPPER: Dispersion = [2.99624e-22, 9.55955e-35, 1.4323395e-49];

/** Bounds of a control box. */
export interface ControlBounds {
  /** Lower corner (SI). */
  lower: Dispersion;
  /** Upper corner (SI). */
  upper: Dispersion;
}

/** The official control box. */
export const L1_BOUNDS: ControlBounds = { lower: CONTROL_LOWER, upper: CONTROL_UPPER };

/**
 * Map a normalised control ψ ∈ [0, 1]³ to SI (GDD, TOD, FOD): `lower + ψ·(upper − lower)`.
 *
 * @example
 * ```ts
 * import { denormalizeControl } from "./controls.ts";
 * denormalizeControl([0.5, 0.5, 0.5]); // ≈ [2.674e-22, -2.38e-36, 9.549e-50] = −compressor
 * ```
 */
export function denormalizeControl(
  psi: ArrayLike<number>,
  bounds: ControlBounds = L1_BOUNDS,
  out: number[] = [0, 0, 0],
): number[] {
  for (let j = 0; j < 3; j++) out[j] = bounds.lower[j] + psi[j] * (bounds.upper[j] - bounds.lower[j]);
  return out;
}

/**
 * Map SI (GDD, TOD, FOD) to the normalised box: `(x − lower)/(upper − lower)`.
 *
 * @example
 * ```ts
 * import { normalizeControl } from "./controls.ts";
 * normalizeControl([2.67422e-22, -2.384e-36, 9.54893e-50]); // ≈ [0.5, 0.5, 0.5]
 * ```
 */
export function normalizeControl(control: ArrayLike<number>, bounds: ControlBounds = L1_BOUNDS): number[] {
  checkLength("control", control, 3);
  return [0, 1, 2].map((j) =>
    (checkFinite(`control[${j}]`, control[j]) - bounds.lower[j]) / (bounds.upper[j] - bounds.lower[j])
  );
}

/** Reference time step of the official model's output grid (35 000 points), s; the L1 distance is in its units. */
export const OFFICIAL_DT = 7.3386e-14;

/**
 * Peak-aligned L1 distance between two intensities, each scaled to peak 1 (official `LaserEnv_v1`): the pulse is
 * rolled so its peak sits on the target's, then `Σ|I − I_TL|` is taken and expressed on the official 73.386 fs
 * grid (`× dt / OFFICIAL_DT`), so its scale (and the termination threshold 500) means the same on any grid.
 *
 * @example
 * ```ts
 * import { alignedL1 } from "./controls.ts";
 * alignedL1([0, 1, 0, 0], [0, 0, 1, 0], 7.3386e-14); // 0 (same shape, shifted)
 * ```
 */
export function alignedL1(intensity: ArrayLike<number>, target: ArrayLike<number>, dt: number): number {
  const n = intensity.length;
  checkLength("target", target, n);
  let pi = 0, pt = 0;
  for (let i = 1; i < n; i++) {
    if (intensity[i] > intensity[pi]) pi = i;
    if (target[i] > target[pt]) pt = i;
  }
  const mi = intensity[pi] || 1, mt = target[pt] || 1;
  const shift = pi - pt;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const src = (((j + shift) % n) + n) % n;
    sum += Math.abs(intensity[src] / mi - target[j] / mt);
  }
  return (sum * dt) / OFFICIAL_DT;
}

/** Coefficients of the rewards (official `reward_coeffs`, default [1, 1]). */
export interface RewardCoefficients {
  /** Weight of the alive ("healthy") bonus. */
  healthy: number;
  /** Weight of the intensity term (v2) or of the loss term (v1). */
  performance: number;
}

/**
 * The default coefficients [1, 1]. The official `train.py` defaults its `--healthy-coeff` to 0.1 but passes it under
 * the key `reward_coeff`, while the environments read `reward_coeffs`, so the runs used [1, 1].
 */
export const DEFAULT_REWARD_COEFFICIENTS: RewardCoefficients = { healthy: 1, performance: 1 };

/**
 * TempoRL's intensity reward (official `LaserEnv_v2.compute_reward`): with `x = I_peak / I_peak,TL`,
 * `r = (0.1·c_h·2)² + c_i·min(0.1/(1 − x) − 0.1, 7) − 0.1·FWHM[ps]`. For x ≥ 1 (a pulse at least as intense as the
 * transform-limited one, which the formula divides by zero at) the capped value 7 is used.
 *
 * @example
 * ```ts
 * import { intensityReward } from "./controls.ts";
 * intensityReward(0.5, 2); // 0.04 + 0.1 − 0.2 ≈ −0.06
 * ```
 */
export function intensityReward(
  ratio: number,
  fwhmPs: number,
  coeffs: RewardCoefficients = DEFAULT_REWARD_COEFFICIENTS,
): number {
  const bonus = (0.1 * coeffs.healthy * 2) ** 2;
  const intensity = ratio >= 1 ? 7 : Math.min(0.1 / (1 - ratio) - 0.1, 7);
  return bonus + coeffs.performance * intensity - 0.1 * fwhmPs;
}

/**
 * TempoRL's first reward (official `LaserEnv_v1`): `r = c_h·1 − c_l·L/L_max` with `L` the {@link alignedL1}
 * distance to the transform-limited pulse and `L_max = 500`.
 *
 * @example
 * ```ts
 * import { lossReward } from "./controls.ts";
 * lossReward(100); // 1 − 0.2 = 0.8
 * ```
 */
export function lossReward(
  loss: number,
  coeffs: RewardCoefficients = DEFAULT_REWARD_COEFFICIENTS,
  maxLoss = 500,
): number {
  return coeffs.healthy - (coeffs.performance * loss) / maxLoss;
}

/** Summary of one pulse: FWHM and the peak-intensity ratio to the transform-limited pulse. */
export interface PulseSummary {
  /** FWHM, ps. */
  fwhmPs: number;
  /** Peak intensity over the transform-limited pulse's (same energy, so it is the ratio of maxima). */
  peakRatio: number;
}

/**
 * FWHM (ps) and peak ratio of `intensity` against the transform-limited peak `tlPeak` (same model units).
 *
 * @example
 * ```ts
 * import { summarizePulse } from "./controls.ts";
 * import { createLaserModel, syntheticSpectrum, transformLimited } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * const tl = transformLimited(model);
 * summarizePulse(model, tl, Math.max(...tl)); // { fwhmPs: ≈1.58, peakRatio: 1 }
 * ```
 */
export function summarizePulse(
  model: LaserModel,
  intensity: ArrayLike<number>,
  tlPeak: number,
): PulseSummary {
  let peak = 0;
  for (let i = 0; i < intensity.length; i++) peak = Math.max(peak, intensity[i]);
  return { fwhmPs: fwhm(intensity, model.dt) * 1e12, peakRatio: peak / tlPeak };
}
