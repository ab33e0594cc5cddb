/**
 * The semi-physical model of the L1 pump laser used by TempoRL (Capuano et al. 2023, Sec. 2; official code
 * `env/LaserModel.py`), on lib/core's FFT:
 *
 * 1. stretcher: `y₁(ν) = E(ν)·exp(i φ_ψ(ν))`, with the Taylor phase `φ(ω) = GDD·ω²/2 + TOD·ω³/6 + FOD·ω⁴/24`,
 *    `ω = 2π(ν − ν₀)` (GDD in s², TOD in s³, FOD in s⁴);
 * 2. gain narrowing over `n` amplifier passes: `ỹ₁(ν) = y₁(ν)·g(ν)^{n/2}` (`g` the intensity gain of one pass);
 * 3. self-phase modulation in the DIRA amplifier: `y₂(t) = ỹ₁(t)·exp(i B·I(t)/max I)`, `ỹ₁(t) = IFFT(ỹ₁(ν))`;
 * 4. the fixed compressor: `y₃(ν) = FFT(y₂)(ν)·exp(i φ_c(ν))`;
 * 5. output: `I(t) = |IFFT(y₃)|²`, zero-padded in frequency `padFactor` times for a finer time grid.
 *
 * Without self-phase modulation (B = 0) and with the stretcher equal to minus the compressor the phases cancel and
 * the output is the transform-limited pulse of the amplified spectrum.
 *
 * @module
 */
import { checkFinite, checkInRange, checkInteger, checkLength } from "../core/errors.ts";
import { type ComplexArray, fft, ifft } from "../core/fft.ts";
import type { Spectrum } from "./spectrum.ts";

/** A dispersion setting `[GDD (s²), TOD (s³), FOD (s⁴)]`. */
export type Dispersion = readonly [number, number, number];

/** The L1 compressor of the official code: (GDD, TOD, FOD) = −(267.422e−24 s², −2.384e−36 s³, 9.54893e−50 s⁴). */
export const L1_COMPRESSOR: Dispersion = [-267.422e-24, 2.384e-36, -9.54893e-50];
/** B-integral of the DIRA amplifier in the official code (rad). */
export const L1_B_INTEGRAL = 2;
/** Amplifier passes of the gain-narrowing model. */
export const L1_PASSES = 50;
/** Pulse energy of the peak-intensity formula, J (220 mJ). */
export const L1_ENERGY = 0.22;
/** Beam radius of the peak-intensity formula, m (12 mm). */
export const L1_BEAM_RADIUS = 12e-3;

/** Options of {@link createLaserModel}. */
export interface LaserModelOptions {
  /** B-integral, rad (default {@link L1_B_INTEGRAL}). */
  b?: number;
  /** Amplifier passes (default {@link L1_PASSES}). */
  passes?: number;
  /** Compressor dispersion (default {@link L1_COMPRESSOR}). */
  compressor?: Dispersion;
  /** Output zero-padding factor, a power of two (default 4: 0.20 ps time steps on the default grid). */
  padFactor?: number;
}

/**
 * A ready-to-run pulse model: the spectrum, its amplified amplitude, the Taylor monomials, the compressor's phase
 * and scratch buffers. Functions that take it reuse its buffers, so one model serves one caller at a time.
 */
export interface LaserModel {
  /** The input spectrum. */
  readonly spectrum: Spectrum;
  /** B-integral, rad. */
  readonly b: number;
  /** Amplifier passes. */
  readonly passes: number;
  /** Compressor dispersion. */
  readonly compressor: Dispersion;
  /** Spectral grid points. */
  readonly n: number;
  /** Output time grid points (`n · padFactor`). */
  readonly nOut: number;
  /** Output time step, s. */
  readonly dt: number;
  /** Output time axis, s, centred on 0 (length `nOut`). */
  readonly time: Float64Array;
  /** Gain factor `g(ν)^{n/2}` applied to the field. */
  readonly gainFactor: Float64Array;
  /** ω²/2, ω³/6, ω⁴/24 with ω = 2π(ν − ν₀), FFT order. */
  readonly monomials: readonly [Float64Array, Float64Array, Float64Array];
  /** cos of the compressor phase. */
  readonly compressorCos: Float64Array;
  /** sin of the compressor phase. */
  readonly compressorSin: Float64Array;
  /** Scratch buffer of length n (internal). */
  readonly work: ComplexArray;
  /** Second scratch buffer of length n (internal). */
  readonly workOut: ComplexArray;
  /** Scratch buffer of length nOut (internal). */
  readonly padded: ComplexArray;
}

/**
 * Build a pulse model for `spectrum`.
 *
 * @example
 * ```ts
 * import { createLaserModel, syntheticSpectrum } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * model.dt; // ≈ 2.03e-13 s
 * ```
 */
export function createLaserModel(spectrum: Spectrum, opts: LaserModelOptions = {}): LaserModel {
  const n = spectrum.offsets.length;
  checkLength("spectrum.field", spectrum.field, n);
  checkLength("spectrum.gain", spectrum.gain, n);
  const b = checkInRange("b", opts.b ?? L1_B_INTEGRAL, { min: 0 });
  const passes = checkInteger("passes", opts.passes ?? L1_PASSES, { min: 0 });
  const padFactor = checkInteger("padFactor", opts.padFactor ?? 4, { min: 1 });
  if ((padFactor & (padFactor - 1)) !== 0) {
    throw new RangeError(`padFactor must be a power of two, got ${padFactor}`);
  }
  const compressor = checkDispersion("compressor", opts.compressor ?? L1_COMPRESSOR);
  const nOut = n * padFactor;
  const dt = 1 / (nOut * spectrum.df);
  const time = Float64Array.from({ length: nOut }, (_, j) => (j - Math.floor(nOut / 2)) * dt);
  const gainFactor = Float64Array.from(spectrum.gain, (g) => Math.pow(Math.max(g, 0), passes / 2));
  const m2 = new Float64Array(n);
  const m3 = new Float64Array(n);
  const m4 = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const w = 2 * Math.PI * spectrum.offsets[k];
    m2[k] = (w * w) / 2;
    m3[k] = (w * w * w) / 6;
    m4[k] = (w * w * w * w) / 24;
  }
  const monomials = [m2, m3, m4] as const;
  const compressorCos = new Float64Array(n);
  const compressorSin = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const phi = compressor[0] * m2[k] + compressor[1] * m3[k] + compressor[2] * m4[k];
    compressorCos[k] = Math.cos(phi);
    compressorSin[k] = Math.sin(phi);
  }
  const complex = (len: number): ComplexArray => ({ re: new Float64Array(len), im: new Float64Array(len) });
  return {
    spectrum,
    b,
    passes,
    compressor,
    n,
    nOut,
    dt,
    time,
    gainFactor,
    monomials,
    compressorCos,
    compressorSin,
    work: complex(n),
    workOut: complex(n),
    padded: complex(nOut),
  };
}

/**
 * Check a `[GDD, TOD, FOD]` triple (finite numbers) and return it as a {@link Dispersion}.
 *
 * @example
 * ```ts
 * import { checkDispersion } from "./physics.ts";
 * checkDispersion("control", [2.67e-22, 0, 9.5e-50]);
 * ```
 */
export function checkDispersion(name: string, value: ArrayLike<number>): Dispersion {
  checkLength(name, value, 3);
  return [
    checkFinite(`${name}[0]`, value[0]),
    checkFinite(`${name}[1]`, value[1]),
    checkFinite(`${name}[2]`, value[2]),
  ];
}

/**
 * The Taylor spectral phase `φ(ω) = GDD·ω²/2 + TOD·ω³/6 + FOD·ω⁴/24` (rad) on the model's grid (FFT order).
 *
 * @example
 * ```ts
 * import { createLaserModel, spectralPhase, syntheticSpectrum } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * const phi = spectralPhase(model, [1e-24, 0, 0]); // rad
 * ```
 */
export function spectralPhase(
  model: LaserModel,
  dispersion: ArrayLike<number>,
  out: Float64Array = new Float64Array(model.n),
): Float64Array {
  const [m2, m3, m4] = model.monomials;
  const g = dispersion[0], t = dispersion[1], f = dispersion[2];
  for (let k = 0; k < model.n; k++) out[k] = g * m2[k] + t * m3[k] + f * m4[k];
  return out;
}

/** The fields after each stage of {@link propagate} (fresh arrays). */
export interface PulseStages {
  /** ỹ₁(ν): stretched and amplified spectrum (FFT order). */
  amplified: ComplexArray;
  /** ỹ₁(t) before self-phase modulation (time order of `ifft`). */
  stretchedTime: ComplexArray;
  /** y₂(t) after self-phase modulation. */
  nonlinearTime: ComplexArray;
  /** y₃(ν) after the compressor (FFT order). */
  compressed: ComplexArray;
  /** |y₃(t)|² on the padded, centred output grid. */
  intensity: Float64Array;
}

/** Stages 1–4 into `model.workOut` (the compressed spectrum); `keep` receives copies of intermediate fields. */
function runSpectralStages(
  model: LaserModel,
  stretcher: ArrayLike<number>,
  b: number,
  keep?: Partial<PulseStages>,
): ComplexArray {
  const { n, work, workOut, gainFactor } = model;
  const field = model.spectrum.field;
  const [m2, m3, m4] = model.monomials;
  const g = stretcher[0], t = stretcher[1], f = stretcher[2];
  // (1) stretcher phase and (2) gain narrowing, in the spectral domain.
  for (let k = 0; k < n; k++) {
    const a = field[k] * gainFactor[k];
    const phi = g * m2[k] + t * m3[k] + f * m4[k];
    work.re[k] = a * Math.cos(phi);
    work.im[k] = a * Math.sin(phi);
  }
  if (keep) keep.amplified = { re: work.re.slice(), im: work.im.slice() };
  ifft(work.re, work.im, workOut);
  if (keep) keep.stretchedTime = { re: workOut.re.slice(), im: workOut.im.slice() };
  // (3) self-phase modulation φ_NL(t) = B·I(t)/max I.
  if (b > 0) {
    let peak = 0;
    for (let k = 0; k < n; k++) peak = Math.max(peak, workOut.re[k] ** 2 + workOut.im[k] ** 2);
    const scale = peak > 0 ? b / peak : 0;
    for (let k = 0; k < n; k++) {
      const re = workOut.re[k], im = workOut.im[k];
      const phi = scale * (re * re + im * im);
      const c = Math.cos(phi), s = Math.sin(phi);
      workOut.re[k] = re * c - im * s;
      workOut.im[k] = re * s + im * c;
    }
  }
  if (keep) keep.nonlinearTime = { re: workOut.re.slice(), im: workOut.im.slice() };
  // (4) back to the spectrum and the compressor's phase.
  fft(workOut.re, workOut.im, work);
  const cc = model.compressorCos, cs = model.compressorSin;
  for (let k = 0; k < n; k++) {
    const re = work.re[k], im = work.im[k];
    workOut.re[k] = re * cc[k] - im * cs[k];
    workOut.im[k] = re * cs[k] + im * cc[k];
  }
  if (keep) keep.compressed = { re: workOut.re.slice(), im: workOut.im.slice() };
  return workOut;
}

/** (5) |IFFT|² of an FFT-order spectrum zero-padded to `model.nOut`, centred (fftshift) into `out`. */
function paddedIntensity(model: LaserModel, spectrum: ComplexArray, out: Float64Array): Float64Array {
  const { n, nOut, padded } = model;
  const half = n >> 1;
  padded.re.fill(0);
  padded.im.fill(0);
  for (let k = 0; k < half; k++) {
    padded.re[k] = spectrum.re[k];
    padded.im[k] = spectrum.im[k];
  }
  for (let k = half; k < n; k++) {
    padded.re[nOut - n + k] = spectrum.re[k];
    padded.im[nOut - n + k] = spectrum.im[k];
  }
  ifft(padded.re, padded.im, padded);
  const shift = Math.floor(nOut / 2);
  for (let j = 0; j < nOut; j++) {
    const src = (j + nOut - shift) % nOut;
    out[j] = padded.re[src] ** 2 + padded.im[src] ** 2;
  }
  return out;
}

/**
 * The output temporal intensity `|y₃(t)|²` for the stretcher dispersion `stretcher` = [GDD, TOD, FOD] (SI), on
 * `model.time`. Units are arbitrary but shared by every call on the same model, so peaks compare directly.
 *
 * @example
 * ```ts
 * import { createLaserModel, outputIntensity, syntheticSpectrum, L1_COMPRESSOR } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * const matched = L1_COMPRESSOR.map((x) => -x); // stretcher = −compressor
 * const pulse = outputIntensity(model, matched);
 * ```
 */
export function outputIntensity(
  model: LaserModel,
  stretcher: ArrayLike<number>,
  out: Float64Array = new Float64Array(model.nOut),
  opts: { b?: number } = {},
): Float64Array {
  checkLength("out", out, model.nOut);
  const spectrum = runSpectralStages(model, stretcher, opts.b ?? model.b);
  return paddedIntensity(model, spectrum, out);
}

/**
 * Every stage of the chain for `stretcher` (fresh arrays; slower than {@link outputIntensity}), for tests and
 * figures.
 *
 * @example
 * ```ts
 * import { createLaserModel, propagate, syntheticSpectrum } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * const stages = propagate(model, [2.67e-22, -2.4e-36, 9.5e-50]);
 * stages.intensity.length === model.nOut; // true
 * ```
 */
export function propagate(
  model: LaserModel,
  stretcher: ArrayLike<number>,
  opts: { b?: number } = {},
): PulseStages {
  checkDispersion("stretcher", stretcher);
  const keep: Partial<PulseStages> = {};
  const spectrum = runSpectralStages(model, stretcher, opts.b ?? model.b, keep);
  keep.intensity = paddedIntensity(model, spectrum, new Float64Array(model.nOut));
  return keep as PulseStages;
}

/**
 * The transform-limited pulse: the amplified spectrum with a flat phase and no self-phase modulation, on
 * `model.time` (same units as {@link outputIntensity}).
 *
 * @example
 * ```ts
 * import { createLaserModel, fwhm, syntheticSpectrum, transformLimited } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * fwhm(transformLimited(model), model.dt) * 1e12; // ≈ 1.58 ps
 * ```
 */
export function transformLimited(
  model: LaserModel,
  out: Float64Array = new Float64Array(model.nOut),
): Float64Array {
  const { n, work, gainFactor } = model;
  for (let k = 0; k < n; k++) {
    work.re[k] = model.spectrum.field[k] * gainFactor[k];
    work.im[k] = 0;
  }
  return paddedIntensity(model, work, out);
}

/**
 * Full width at half maximum of a sampled intensity, s: the distance between the outermost half-maximum crossings,
 * located by linear interpolation between samples (the official code takes the outermost roots of a spline).
 *
 * @example
 * ```ts
 * import { fwhm } from "./physics.ts";
 * fwhm(Float64Array.from([0, 0.25, 1, 0.25, 0]), 1); // 1.333…
 * ```
 */
export function fwhm(intensity: ArrayLike<number>, dt: number): number {
  const n = intensity.length;
  let peak = -Infinity;
  for (let i = 0; i < n; i++) peak = Math.max(peak, intensity[i]);
  const half = peak / 2;
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (intensity[i] >= half) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return NaN;
  const left = first > 0
    ? first - 1 + (half - intensity[first - 1]) / (intensity[first] - intensity[first - 1])
    : 0;
  const right = last < n - 1
    ? last + (intensity[last] - half) / (intensity[last] - intensity[last + 1])
    : n - 1;
  return (right - left) * dt;
}

/** Options of {@link peakIntensity}. */
export interface PeakIntensityOptions {
  /** Pulse energy, J (default {@link L1_ENERGY}). */
  energy?: number;
  /** Beam radius w₀, m (default {@link L1_BEAM_RADIUS}). */
  beamRadius?: number;
}

/**
 * Peak intensity of a Gaussian beam carrying the pulse, W/m²: `I_peak = 2E / (π w₀² ∫ I(t)/max I dt)` (official
 * code `utils/physics.py`), the integral by the trapezoid rule.
 *
 * @example
 * ```ts
 * import { createLaserModel, peakIntensity, syntheticSpectrum, transformLimited } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * peakIntensity(transformLimited(model), model.dt) * 1e-12; // ≈ 578 TW/m²
 * ```
 */
export function peakIntensity(
  intensity: ArrayLike<number>,
  dt: number,
  opts: PeakIntensityOptions = {},
): number {
  const energy = checkInRange("energy", opts.energy ?? L1_ENERGY, { min: 0, minOpen: true });
  const w0 = checkInRange("beamRadius", opts.beamRadius ?? L1_BEAM_RADIUS, { min: 0, minOpen: true });
  const n = intensity.length;
  let peak = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, intensity[i]);
    sum += intensity[i];
  }
  if (!(peak > 0)) return 0;
  const integral = ((sum - (intensity[0] + intensity[n - 1]) / 2) / peak) * dt;
  return (2 * energy) / (Math.PI * w0 * w0 * integral);
}
