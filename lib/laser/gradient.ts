/**
 * Gradient-based optimisation of the stretcher through the pulse model, with TensorFlow.js gradients (via
 * lib/tensor's `tf`). TensorFlow.js has no FFT gradient (and its wasm backend no complex numbers), so fields are
 * split into real and imaginary float32 tensors and each DFT is a `tf.customGrad` op: its value comes from
 * lib/core's FFT and its gradient is the adjoint transform (for `y = F x`, `∂L/∂x = Fᴴ ∂L/∂y = n·IFFT(∂L/∂y)`;
 * for `y = F⁻¹x`, `∂L/∂x = FFT(∂L/∂y)/n`). Everything else (phases, gain, self-phase modulation, |·|², max) is
 * differentiated by tfjs. The phase is written per unit of ψ (`φ = φ(lower) + Σ_j ψ_j·Δφ_j`, rad) because FOD
 * in s⁴ (~1e−49) underflows float32.
 *
 * @module
 */
import { checkInRange, checkInteger, checkPositive } from "../core/errors.ts";
import { fft, ifft } from "../core/fft.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { type Seed, toRng } from "../core/rng.ts";
import { ensureBackend, tf } from "../tensor/backend.ts";
import { type ControlBounds, L1_BOUNDS } from "./controls.ts";
import { type LaserModel, transformLimited } from "./physics.ts";
import type { BaselineResult } from "./baselines.ts";

/** DFT of a `[2, n]` (re; im) tensor with the adjoint as its gradient. */
function dftOp(inverse: boolean): (x: tf.Tensor2D) => tf.Tensor2D {
  const apply = (data: Float32Array, n: number, inv: boolean): Float32Array => {
    const re = data.subarray(0, n), im = data.subarray(n, 2 * n);
    const out = inv ? ifft(re, im) : fft(re, im);
    const flat = new Float32Array(2 * n);
    flat.set(out.re, 0);
    flat.set(out.im, n);
    return flat;
  };
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor2D;
    const n = x.shape[1];
    const value = tf.tensor2d(apply(x.dataSync() as Float32Array, n, inverse), [2, n]);
    return {
      value,
      gradFunc: (dy: tf.Tensor2D): tf.Tensor2D => {
        // Adjoint of F is n·F⁻¹; adjoint of F⁻¹ is F/n.
        const g = apply(dy.dataSync() as Float32Array, n, !inverse);
        const scale = inverse ? 1 / n : n;
        for (let k = 0; k < g.length; k++) g[k] *= scale;
        return tf.tensor2d(g, [2, n]);
      },
    };
  }) as unknown as (x: tf.Tensor2D) => tf.Tensor2D;
}

const forwardDft = dftOp(false);
const inverseDft = dftOp(true);

/** Complex product of `[2, n]` fields `x` and `exp(i·phase)`. */
function rotate(x: tf.Tensor2D, cos: tf.Tensor1D, sin: tf.Tensor1D): tf.Tensor2D {
  const [re, im] = tf.unstack(x) as [tf.Tensor1D, tf.Tensor1D];
  return tf.stack([
    tf.sub(tf.mul(re, cos), tf.mul(im, sin)),
    tf.add(tf.mul(re, sin), tf.mul(im, cos)),
  ]) as tf.Tensor2D;
}

function intensityOf(x: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.square(x), 0) as tf.Tensor1D;
}

/** Precomputed float32 tensors of the model for the differentiable forward pass. */
interface TfModel {
  amplitude: tf.Tensor1D;
  phase0: tf.Tensor1D;
  dPhase: tf.Tensor2D; // [3, n]
  compCos: tf.Tensor1D;
  compSin: tf.Tensor1D;
  b: number;
  n: number;
  nOut: number;
  tlPeak: number;
  dispose(): void;
}

function buildTfModel(model: LaserModel, bounds: ControlBounds): TfModel {
  const n = model.n;
  const [m2, m3, m4] = model.monomials;
  const ms = [m2, m3, m4];
  const phase0 = new Float32Array(n);
  const dPhase = new Float32Array(3 * n);
  const amplitude = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    let p = 0;
    for (let j = 0; j < 3; j++) {
      p += bounds.lower[j] * ms[j][k];
      dPhase[j * n + k] = (bounds.upper[j] - bounds.lower[j]) * ms[j][k];
    }
    phase0[k] = p;
    amplitude[k] = model.spectrum.field[k] * model.gainFactor[k];
  }
  // Scale the field so intensities stay O(1) in float32 (peak ratios are scale-free).
  let peakAmp = 0;
  for (const v of amplitude) peakAmp = Math.max(peakAmp, v);
  for (let k = 0; k < n; k++) amplitude[k] /= peakAmp;
  const tl = transformLimited(model);
  let tlPeak = 0;
  for (const v of tl) tlPeak = Math.max(tlPeak, v);
  const t = {
    amplitude: tf.tensor1d(amplitude),
    phase0: tf.tensor1d(phase0),
    dPhase: tf.tensor2d(dPhase, [3, n]),
    compCos: tf.tensor1d(Float32Array.from(model.compressorCos)),
    compSin: tf.tensor1d(Float32Array.from(model.compressorSin)),
  };
  return {
    ...t,
    b: model.b,
    n,
    nOut: model.nOut,
    tlPeak: tlPeak / (peakAmp * peakAmp),
    dispose() {
      for (const x of Object.values(t)) x.dispose();
    },
  };
}

/** Differentiable peak ratio `max I(t) / max I_TL` for ψ (shape [3]). */
function peakRatioTf(m: TfModel, psi: tf.Tensor1D): tf.Scalar {
  const phase = tf.add(m.phase0, tf.squeeze(tf.matMul(tf.reshape(psi, [1, 3]), m.dPhase))) as tf.Tensor1D;
  const stretched = tf.stack([
    tf.mul(m.amplitude, tf.cos(phase)),
    tf.mul(m.amplitude, tf.sin(phase)),
  ]) as tf.Tensor2D;
  let time = inverseDft(stretched);
  if (m.b > 0) {
    const I = intensityOf(time);
    const phiNl = tf.mul(tf.div(I, tf.max(I)), m.b) as tf.Tensor1D;
    time = rotate(time, tf.cos(phiNl), tf.sin(phiNl));
  }
  const compressed = rotate(forwardDft(time), m.compCos, m.compSin);
  const half = m.n / 2;
  const padded = tf.concat([
    tf.slice(compressed, [0, 0], [2, half]),
    tf.zeros([2, m.nOut - m.n]),
    tf.slice(compressed, [0, half], [2, m.n - half]),
  ], 1) as tf.Tensor2D;
  const out = intensityOf(inverseDft(padded));
  return tf.div(tf.max(out), m.tlPeak) as tf.Scalar;
}

/** Options of {@link gradientAscent}. */
export interface GradientAscentOptions {
  /** Independent starts (default 4), drawn from TempoRL's reset distribution N(0.5, 0.1·I) clipped to [0, 1]³. */
  starts?: number;
  /** Adam steps per start (default 60). */
  steps?: number;
  /** Adam learning rate on ψ (default 0.02). */
  lr?: number;
  /** Control box (default the official bounds). */
  bounds?: ControlBounds;
  /** Seed or stream of the starts. */
  rng?: Seed;
  /** Progress in gradient evaluations. */
  onProgress?: ProgressCallback;
  /** Stop early. */
  signal?: AbortSignal;
}

/**
 * Maximise the peak-intensity ratio by projected Adam on ψ ∈ [0, 1]³ with gradients of the model from tfjs
 * (one forward+backward pass counts as one evaluation).
 *
 * @example
 * ```ts ignore
 * import { gradientAscent } from "./gradient.ts";
 * import { createLaserModel, syntheticSpectrum } from "./mod.ts";
 * const r = await gradientAscent(createLaserModel(syntheticSpectrum()), { starts: 1, steps: 30 });
 * r.bestValue; // peak ratio reached
 * ```
 */
export async function gradientAscent(
  model: LaserModel,
  opts: GradientAscentOptions = {},
): Promise<BaselineResult> {
  const starts = checkInteger("starts", opts.starts ?? 4, { min: 1 });
  const steps = checkInteger("steps", opts.steps ?? 60, { min: 1 });
  const lr = checkPositive("lr", opts.lr ?? 0.02);
  checkInRange("lr", lr, { max: 1 });
  const rng = toRng(opts.rng ?? 0);
  await ensureBackend();
  const m = buildTfModel(model, opts.bounds ?? L1_BOUNDS);
  const valueAndGrad = tf.valueAndGrad((psi: tf.Tensor) => peakRatioTf(m, psi as tf.Tensor1D));
  const bestSoFar: number[] = [];
  let best = -Infinity;
  let bestPsi: number[] = [];
  const total = starts * steps;
  try {
    for (let s = 0; s < starts && !opts.signal?.aborted; s++) {
      const psi = [0, 1, 2].map(() => Math.min(1, Math.max(0, 0.5 + Math.sqrt(0.1) * rng.normal())));
      const mom = [0, 0, 0], vel = [0, 0, 0];
      for (let t = 1; t <= steps && !opts.signal?.aborted; t++) {
        const { value, grad } = tf.tidy(() => {
          const r = valueAndGrad(tf.tensor1d(psi));
          return { value: r.value.dataSync()[0], grad: Array.from(r.grad.dataSync()) };
        });
        if (value > best) {
          best = value;
          bestPsi = psi.slice();
        }
        bestSoFar.push(best);
        opts.onProgress?.({ done: bestSoFar.length, total });
        for (let j = 0; j < 3; j++) {
          // Adam ascent step (Kingma & Ba 2015, Alg. 1), then projection onto the box.
          mom[j] = 0.9 * mom[j] + 0.1 * grad[j];
          vel[j] = 0.999 * vel[j] + 0.001 * grad[j] * grad[j];
          const mh = mom[j] / (1 - 0.9 ** t), vh = vel[j] / (1 - 0.999 ** t);
          psi[j] = Math.min(1, Math.max(0, psi[j] + (lr * mh) / (Math.sqrt(vh) + 1e-8)));
        }
      }
    }
  } finally {
    m.dispose();
  }
  return { bestPsi, bestValue: best, evaluations: bestSoFar.length, bestSoFar };
}

/**
 * Peak ratio at ψ and its gradient with respect to ψ, from tfjs (for checks against finite differences).
 *
 * @example
 * ```ts ignore
 * import { peakRatioGradient } from "./gradient.ts";
 * import { createLaserModel, syntheticSpectrum } from "./mod.ts";
 * const { value, gradient } = await peakRatioGradient(createLaserModel(syntheticSpectrum()), [0.5, 0.5, 0.5]);
 * ```
 */
export async function peakRatioGradient(
  model: LaserModel,
  psi: readonly number[],
  bounds: ControlBounds = L1_BOUNDS,
): Promise<{ value: number; gradient: number[] }> {
  await ensureBackend();
  const m = buildTfModel(model, bounds);
  try {
    return tf.tidy(() => {
      const r = tf.valueAndGrad((x: tf.Tensor) => peakRatioTf(m, x as tf.Tensor1D))(tf.tensor1d([...psi]));
      return { value: r.value.dataSync()[0], gradient: Array.from(r.grad.dataSync()) };
    });
  } finally {
    m.dispose();
  }
}
