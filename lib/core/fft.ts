/**
 * Discrete Fourier transforms over split real/imaginary `Float64Array`s, with numpy's conventions:
 * `X[k] = Σ_j x[j]·exp(−2πi·jk/n)` forward, `1/n` on the inverse, `fftshift`/`fftfreq` as in `numpy.fft`.
 * Power-of-two sizes run on fft.js (radix-4); any other size uses Bluestein's chirp-z algorithm on top of it,
 * so every n ≥ 1 works in O(n log n). Plans (twiddle tables, chirps) are cached per size.
 *
 * @module
 */
import FFT from "fft.js";
import { checkFinite, checkInteger, checkLength, checkPositive, describe } from "./errors.ts";

/** A complex signal or spectrum as two arrays of equal length. */
export interface ComplexArray {
  /** Real parts. */
  re: Float64Array;
  /** Imaginary parts. */
  im: Float64Array;
}

/** Power-of-two plan: an fft.js instance with its interleaved input/output buffers. */
interface Radix2Plan {
  fft: FFT;
  input: Float64Array;
  output: Float64Array;
}

/** Bluestein plan for size n, padded to m = 2^k ≥ 2n − 1. */
interface BluesteinPlan {
  m: number;
  /** Chirp w_j = exp(−iπ j²/n), j < n (interleaved re, im). */
  chirp: Float64Array;
  /** FFT of the padded conjugate chirp b_j = exp(+iπ j²/n), wrapped so b_{m−j} = b_j (interleaved). */
  chirpSpectrum: Float64Array;
  work: Float64Array;
  /** Caller-side interleaved buffers of length 2n. */
  input: Float64Array;
  output: Float64Array;
}

const MAX_CACHED_SIZES = 64;
const radix2Plans = new Map<number, Radix2Plan>();
const bluesteinPlans = new Map<number, BluesteinPlan>();

function remember<P>(cache: Map<number, P>, n: number, plan: P): P {
  if (cache.size >= MAX_CACHED_SIZES) cache.delete(cache.keys().next().value as number);
  cache.set(n, plan);
  return plan;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0 && n <= 2 ** 30;
}

function radix2Plan(n: number): Radix2Plan {
  return radix2Plans.get(n) ??
    remember(radix2Plans, n, {
      fft: new FFT(n),
      input: new Float64Array(2 * n),
      output: new Float64Array(2 * n),
    });
}

function bluesteinPlan(n: number): BluesteinPlan {
  const cached = bluesteinPlans.get(n);
  if (cached) return cached;
  let m = 2;
  while (m < 2 * n - 1) m *= 2;
  const chirp = new Float64Array(2 * n);
  const b = new Float64Array(2 * m);
  // j² mod 2n keeps the angle π·j²/n small and exact for large j (exp is 2n-periodic in j² here).
  let j2 = 0;
  for (let j = 0; j < n; j++) {
    const angle = (Math.PI * j2) / n;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    chirp[2 * j] = c;
    chirp[2 * j + 1] = -s;
    b[2 * j] = c;
    b[2 * j + 1] = s;
    if (j > 0) {
      b[2 * (m - j)] = c;
      b[2 * (m - j) + 1] = s;
    }
    j2 = (j2 + 2 * j + 1) % (2 * n);
  }
  const { fft, output } = radix2Plan(m);
  const chirpSpectrum = new Float64Array(2 * m);
  fft.transform(output, b);
  chirpSpectrum.set(output);
  return remember(bluesteinPlans, n, {
    m,
    chirp,
    chirpSpectrum,
    work: new Float64Array(2 * m),
    input: new Float64Array(2 * n),
    output: new Float64Array(2 * n),
  });
}

/** Forward DFT of interleaved `data` (length 2n) into `out` (length 2n); `data` may be overwritten. */
function transformInterleaved(n: number, data: Float64Array, out: Float64Array): void {
  if (n === 1) {
    out[0] = data[0];
    out[1] = data[1];
    return;
  }
  if (isPowerOfTwo(n)) {
    radix2Plan(n).fft.transform(out, data);
    return;
  }
  // Bluestein: X_k = w_k · Σ_j (x_j w_j) b_{k−j}, a circular convolution of length m done with radix-2 FFTs.
  const { m, chirp, chirpSpectrum, work } = bluesteinPlan(n);
  const { fft, output } = radix2Plan(m);
  work.fill(0);
  for (let j = 0; j < n; j++) {
    const xr = data[2 * j];
    const xi = data[2 * j + 1];
    const wr = chirp[2 * j];
    const wi = chirp[2 * j + 1];
    work[2 * j] = xr * wr - xi * wi;
    work[2 * j + 1] = xr * wi + xi * wr;
  }
  fft.transform(output, work);
  for (let k = 0; k < m; k++) {
    const ar = output[2 * k];
    const ai = output[2 * k + 1];
    const br = chirpSpectrum[2 * k];
    const bi = chirpSpectrum[2 * k + 1];
    output[2 * k] = ar * br - ai * bi;
    output[2 * k + 1] = ar * bi + ai * br;
  }
  fft.inverseTransform(work, output); // includes the 1/m of the convolution theorem
  for (let k = 0; k < n; k++) {
    const cr = work[2 * k];
    const ci = work[2 * k + 1];
    const wr = chirp[2 * k];
    const wi = chirp[2 * k + 1];
    out[2 * k] = cr * wr - ci * wi;
    out[2 * k + 1] = cr * wi + ci * wr;
  }
}

/** Interleaved input/output buffers of length 2n, reused across calls (fft.js needs distinct in and out). */
function scratch(n: number): { data: Float64Array; spectrum: Float64Array } {
  if (n === 1) return { data: new Float64Array(2), spectrum: new Float64Array(2) };
  if (isPowerOfTwo(n)) {
    const plan = radix2Plan(n);
    return { data: plan.input, spectrum: plan.output };
  }
  const plan = bluesteinPlan(n);
  return { data: plan.input, spectrum: plan.output };
}

function checkSignal(re: ArrayLike<number>, im: ArrayLike<number> | undefined): number {
  checkLength("re", re);
  const n = re.length;
  if (n < 1) throw new RangeError("re must have at least 1 element, got length 0");
  if (im !== undefined) checkLength("im", im, n);
  return n;
}

function checkOut(out: ComplexArray | undefined, n: number): ComplexArray {
  if (out === undefined) return { re: new Float64Array(n), im: new Float64Array(n) };
  if (!(out.re instanceof Float64Array) || !(out.im instanceof Float64Array)) {
    throw new TypeError(
      `out.re and out.im must be Float64Arrays, got ${describe(out.re)}, ${describe(out.im)}`,
    );
  }
  checkLength("out.re", out.re, n);
  checkLength("out.im", out.im, n);
  return out;
}

function run(
  re: ArrayLike<number>,
  im: ArrayLike<number> | undefined,
  out: ComplexArray | undefined,
  inverse: boolean,
): ComplexArray {
  const n = checkSignal(re, im);
  const result = checkOut(out, n);
  const { data, spectrum } = scratch(n);
  // The inverse DFT is conj(DFT(conj(x))) / n.
  const sign = inverse ? -1 : 1;
  for (let j = 0; j < n; j++) {
    const r = re[j];
    const i = im === undefined ? 0 : im[j];
    if (!Number.isFinite(r)) throw new RangeError(`re[${j}] must be a finite number, got ${describe(r)}`);
    if (!Number.isFinite(i)) throw new RangeError(`im[${j}] must be a finite number, got ${describe(i)}`);
    data[2 * j] = r;
    data[2 * j + 1] = sign * i;
  }
  transformInterleaved(n, data, spectrum);
  const scale = inverse ? 1 / n : 1;
  for (let k = 0; k < n; k++) {
    result.re[k] = spectrum[2 * k] * scale;
    result.im[k] = sign * spectrum[2 * k + 1] * scale;
  }
  return result;
}

/**
 * Forward DFT `X[k] = Σ_j x[j]·exp(−2πi·jk/n)` of `re + i·im` (`im` defaults to zeros), any length n ≥ 1.
 * Writes into `out` when given (it may alias the inputs).
 *
 * @example
 * ```ts
 * import { fft } from "./fft.ts";
 * const { re, im } = fft([1, 0, 0, 0, 0]); // flat spectrum: re all 1, im all 0
 * ```
 */
export function fft(re: ArrayLike<number>, im?: ArrayLike<number>, out?: ComplexArray): ComplexArray {
  return run(re, im, out, false);
}

/**
 * Inverse DFT `x[j] = (1/n) Σ_k X[k]·exp(+2πi·jk/n)`, so `ifft(fft(x)) = x`. Writes into `out` when given.
 *
 * @example
 * ```ts
 * import { fft, ifft } from "./fft.ts";
 * const spectrum = fft([1, 2, 3]);
 * const back = ifft(spectrum.re, spectrum.im); // re ≈ [1, 2, 3], im ≈ [0, 0, 0]
 * ```
 */
export function ifft(re: ArrayLike<number>, im?: ArrayLike<number>, out?: ComplexArray): ComplexArray {
  return run(re, im, out, true);
}

/**
 * DFT of a real signal, keeping the non-negative frequencies `k = 0, ..., floor(n/2)` (numpy's `rfft`).
 *
 * @example
 * ```ts
 * import { rfft } from "./fft.ts";
 * const { re, im } = rfft([1, 2, 3, 4]); // re [10, -2, -2], im [0, 2, 0]
 * ```
 */
export function rfft(x: ArrayLike<number>): ComplexArray {
  const full = fft(x);
  const half = Math.floor(full.re.length / 2) + 1;
  return { re: full.re.slice(0, half), im: full.im.slice(0, half) };
}

function roll(x: ArrayLike<number>, shift: number): Float64Array {
  checkLength("x", x);
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[(i + shift) % n] = x[i];
  return out;
}

/**
 * Move the zero-frequency entry to the centre (numpy's `fftshift`: roll by `floor(n/2)`). Returns a new array.
 *
 * @example
 * ```ts
 * import { fftshift } from "./fft.ts";
 * fftshift([0, 1, 2, -2, -1]); // [-2, -1, 0, 1, 2]
 * ```
 */
export function fftshift(x: ArrayLike<number>): Float64Array {
  return roll(x, Math.floor(x.length / 2));
}

/**
 * Undo {@link fftshift} (numpy's `ifftshift`: roll by `−floor(n/2)`). Returns a new array.
 *
 * @example
 * ```ts
 * import { ifftshift } from "./fft.ts";
 * ifftshift([-2, -1, 0, 1, 2]); // [0, 1, 2, -2, -1]
 * ```
 */
export function ifftshift(x: ArrayLike<number>): Float64Array {
  return roll(x, x.length - Math.floor(x.length / 2));
}

/**
 * Sample frequencies of an n-point DFT with sample spacing `d` (numpy's `fftfreq`):
 * `[0, 1, ..., ceil(n/2) − 1, −floor(n/2), ..., −1] / (d·n)`, in cycles per unit of `d`.
 *
 * @example
 * ```ts
 * import { fftfreq } from "./fft.ts";
 * fftfreq(4, 0.5); // [0, 0.5, -1, -0.5]
 * ```
 */
export function fftfreq(n: number, d = 1): Float64Array {
  checkInteger("n", n, { min: 1 });
  checkPositive("d", checkFinite("d", d));
  const out = new Float64Array(n);
  const positive = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) out[i] = (i < positive ? i : i - n) / (d * n);
  return out;
}

/**
 * Non-negative sample frequencies matching {@link rfft} (numpy's `rfftfreq`): `[0, 1, ..., floor(n/2)] / (d·n)`.
 *
 * @example
 * ```ts
 * import { rfftfreq } from "./fft.ts";
 * rfftfreq(5); // [0, 0.2, 0.4]
 * ```
 */
export function rfftfreq(n: number, d = 1): Float64Array {
  checkInteger("n", n, { min: 1 });
  checkPositive("d", checkFinite("d", d));
  const out = new Float64Array(Math.floor(n / 2) + 1);
  for (let i = 0; i < out.length; i++) out[i] = i / (d * n);
  return out;
}
