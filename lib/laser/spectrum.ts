/**
 * Input spectra of the pulse model: the seed laser's spectral field amplitude and the Yb:YAG gain curve, sampled
 * on one equidistant frequency grid centred on the carrier ν₀.
 *
 * Grid: `n` points spaced `df` Hz in FFT order (offset `f_k = fftfreq(n, 1/(n·df))[k]` from ν₀), so the spectrum
 * goes into `ifft` without shifting. The default (2048 points, 0.6 GHz) spans 1.23 THz — the amplified spectrum
 * (≈0.28 THz FWHM) is below 2e-6 of its peak intensity at the edges — and a 1.67 ns time window, longer than the
 * most stretched pulse allowed by the control bounds (≈1.2 ns). Against a 16384-point, 0.25 GHz reference it
 * changes FWHM by < 0.25 % and peak intensity by < 0.15 % over random and corner controls; 1024 points (or a
 * 0.45 GHz grid of 2048 points) truncate the spectrum or alias the stretched pulse and err by 1–95 %.
 *
 * @module
 */
import { checkFinite, checkInRange, checkInteger, checkPositive } from "../core/errors.ts";
import { fftfreq } from "../core/fft.ts";

/** Speed of light in vacuum, m/s. */
export const SPEED_OF_LIGHT = 299_792_458;

/** Default number of spectral grid points (see the module doc for why). */
export const DEFAULT_GRID_POINTS = 2048;
/** Default spectral grid spacing, Hz (see the module doc for why). */
export const DEFAULT_GRID_SPACING_HZ = 0.6e9;

/** A pulse's input spectrum on the model's frequency grid. */
export interface Spectrum {
  /** Carrier frequency ν₀, Hz (centre of the spectrum's half-maximum band). */
  centralFrequency: number;
  /** Grid spacing δν, Hz. */
  df: number;
  /** Frequency offsets ν − ν₀ in FFT order, Hz (length n). */
  offsets: Float64Array;
  /** Seed spectral field amplitude √I(ν) (peak 1), FFT order. */
  field: Float64Array;
  /** Gain curve of one amplifier pass, intensity (peak 1), FFT order. */
  gain: Float64Array;
  /** Where the spectrum came from, for tables. */
  source: string;
}

/** Options of {@link syntheticSpectrum}. */
export interface SyntheticSpectrumOptions {
  /** Central wavelength of the seed and of the gain, nm (default 1030). */
  centralWavelengthNm?: number;
  /**
   * Intensity FWHM of the Gaussian seed spectrum, nm (default 1.23: the intensity FWHM of the L1 pump spectrum
   * shipped with the official TempoRL code, after its 289.95–291.91 THz cut).
   */
  bandwidthNm?: number;
  /**
   * Intensity FWHM of the Gaussian gain curve of one pass, nm (default 11.74: with 50 passes it narrows the seed to
   * a transform-limited pulse of 1.58 ps FWHM, the TL duration the TempoRL authors state for L1).
   */
  gainBandwidthNm?: number;
  /** Grid points (power of two recommended; default {@link DEFAULT_GRID_POINTS}). */
  gridPoints?: number;
  /** Grid spacing, Hz (default {@link DEFAULT_GRID_SPACING_HZ}). */
  gridSpacingHz?: number;
}

/**
 * Convert a wavelength interval `dlNm` (nm) around `lambdaNm` to a frequency interval, Hz (|dν| = c·dλ/λ²).
 *
 * @example
 * ```ts
 * import { wavelengthToFrequencyWidth } from "./spectrum.ts";
 * wavelengthToFrequencyWidth(1, 1030); // ≈ 2.826e11 Hz
 * ```
 */
export function wavelengthToFrequencyWidth(dlNm: number, lambdaNm: number): number {
  checkPositive("dlNm", dlNm);
  checkPositive("lambdaNm", lambdaNm);
  return (SPEED_OF_LIGHT * dlNm * 1e-9) / (lambdaNm * 1e-9) ** 2;
}

function makeOffsets(n: number, df: number): Float64Array {
  checkInteger("gridPoints", n, { min: 16 });
  checkPositive("gridSpacingHz", df);
  return fftfreq(n, 1 / (n * df));
}

/**
 * The offline default: a Gaussian seed spectrum and a Gaussian Yb:YAG gain curve, both centred at 1030 nm.
 * Co-centred Gaussians keep the amplified spectrum Gaussian, so its transform-limited pulse is known in closed
 * form (time-bandwidth product 2 ln 2/π ≈ 0.441), which the tests use.
 *
 * @example
 * ```ts
 * import { syntheticSpectrum } from "./spectrum.ts";
 * const s = syntheticSpectrum();
 * s.field.length; // 2048
 * ```
 */
export function syntheticSpectrum(opts: SyntheticSpectrumOptions = {}): Spectrum {
  const lambda = checkPositive("centralWavelengthNm", opts.centralWavelengthNm ?? 1030);
  const bw = checkPositive("bandwidthNm", opts.bandwidthNm ?? 1.23);
  const gbw = checkPositive("gainBandwidthNm", opts.gainBandwidthNm ?? 11.74);
  const n = opts.gridPoints ?? DEFAULT_GRID_POINTS;
  const df = opts.gridSpacingHz ?? DEFAULT_GRID_SPACING_HZ;
  const offsets = makeOffsets(n, df);
  const dS = wavelengthToFrequencyWidth(bw, lambda);
  const dG = wavelengthToFrequencyWidth(gbw, lambda);
  const field = new Float64Array(n);
  const gain = new Float64Array(n);
  const ln2 = Math.LN2;
  for (let k = 0; k < n; k++) {
    const f = offsets[k];
    field[k] = Math.exp(-2 * ln2 * (f / dS) ** 2); // √ of a Gaussian intensity of FWHM dS
    gain[k] = Math.exp(-4 * ln2 * (f / dG) ** 2);
  }
  return {
    centralFrequency: (SPEED_OF_LIGHT / lambda) * 1e9,
    df,
    offsets,
    field,
    gain,
    source: `synthetic Gaussian: ${bw} nm seed, ${gbw} nm gain at ${lambda} nm`,
  };
}

/** A two-column table of wavelength (nm) and intensity (arbitrary units), sorted by increasing frequency. */
interface Curve {
  frequency: Float64Array;
  intensity: Float64Array;
}

/**
 * Parse a two-column CSV/whitespace table `wavelength_nm, intensity` (lines that do not start with two numbers
 * are skipped, e.g. headers); negative intensities (detector noise) are clipped to 0 and the peak scaled to 1.
 *
 * @example
 * ```ts
 * import { parseSpectrumTable } from "./spectrum.ts";
 * parseSpectrumTable("nm,I\n1029,1\n1030,4\n1031,2\n1032,-1").intensity; // [0.25, 1, 0.5, 0]
 * ```
 */
export function parseSpectrumTable(
  text: string,
  name = "text",
): { wavelengthNm: number[]; intensity: number[] } {
  if (typeof text !== "string") throw new TypeError(`${name} must be a string`);
  const wavelengthNm: number[] = [];
  const intensity: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parts = line.trim().split(/[\s,;]+/);
    if (parts.length < 2) continue;
    const l = Number(parts[0]);
    const v = Number(parts[1]);
    if (!Number.isFinite(l) || !Number.isFinite(v) || l <= 0) continue;
    wavelengthNm.push(l);
    intensity.push(Math.max(0, v));
  }
  if (wavelengthNm.length < 4) {
    throw new RangeError(
      `${name} must hold at least 4 rows of "wavelength_nm, intensity", got ${wavelengthNm.length}`,
    );
  }
  const peak = Math.max(...intensity);
  if (!(peak > 0)) throw new RangeError(`${name} must have a positive intensity somewhere`);
  return { wavelengthNm, intensity: intensity.map((v) => v / peak) };
}

function toCurve(table: { wavelengthNm: number[]; intensity: number[] }, shiftNm: number): Curve {
  const rows = table.wavelengthNm.map((l, i) => ({
    f: SPEED_OF_LIGHT / ((l + shiftNm) * 1e-9),
    v: table.intensity[i],
  })).sort((a, b) => a.f - b.f);
  return { frequency: Float64Array.from(rows, (r) => r.f), intensity: Float64Array.from(rows, (r) => r.v) };
}

/** Linear interpolation of `curve` at `f` (0 outside the measured range). */
function interpolate(curve: Curve, f: number): number {
  const x = curve.frequency;
  if (f < x[0] || f > x[x.length - 1]) return 0;
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= f) lo = mid;
    else hi = mid;
  }
  const span = x[hi] - x[lo];
  const w = span > 0 ? (f - x[lo]) / span : 0;
  return curve.intensity[lo] * (1 - w) + curve.intensity[hi] * w;
}

/** Centre of the outermost half-maximum crossings of `values` over `x` (linear interpolation). */
function halfMaxCentre(x: Float64Array, values: Float64Array): number {
  let peak = 0;
  for (const v of values) peak = Math.max(peak, v);
  const half = peak / 2;
  let first = -1;
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i] >= half) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const cross = (a: number, b: number) =>
    x[a] + (x[b] - x[a]) * (half - values[a]) / (values[b] - values[a] || 1);
  const left = first > 0 ? cross(first - 1, first) : x[first];
  const right = last < values.length - 1 ? cross(last + 1, last) : x[last];
  return (left + right) / 2;
}

/** Options of {@link spectrumFromTables}. */
export interface MeasuredSpectrumOptions {
  /** Gain curve table `wavelength_nm, intensity`; without it, a Gaussian gain (see `gainBandwidthNm`) is used. */
  gainText?: string;
  /** Shift of the gain curve, nm (default 1: the official code shifts its measured Yb:YAG gain 1 nm to the red). */
  gainShiftNm?: number;
  /** Gaussian gain FWHM when no gain table is given, nm (default 11.74, see {@link syntheticSpectrum}). */
  gainBandwidthNm?: number;
  /** Keep only frequencies in this band, Hz (default: the whole table). The official code cuts to 289.95–291.91 THz. */
  cutHz?: [number, number];
  /** Grid points (default {@link DEFAULT_GRID_POINTS}). */
  gridPoints?: number;
  /** Grid spacing, Hz (default {@link DEFAULT_GRID_SPACING_HZ}). */
  gridSpacingHz?: number;
}

/**
 * A measured spectrum a user has: a CSV of `wavelength_nm, intensity` for the seed (and optionally one for the
 * gain curve), interpolated linearly onto the model grid centred on the seed's half-maximum centre (computed on
 * the field amplitude √I, as the official code does). Nothing is shipped: pass the file's text.
 *
 * @example
 * ```ts
 * import { spectrumFromTables } from "./spectrum.ts";
 * const rows = Array.from({ length: 200 }, (_, i) => {
 *   const l = 1025 + i * 0.05;
 *   return `${l},${Math.exp(-4 * Math.LN2 * ((l - 1030) / 1.2) ** 2)}`;
 * });
 * const s = spectrumFromTables(rows.join("\n"));
 * s.centralFrequency; // ≈ 2.9106e14 Hz
 * ```
 */
export function spectrumFromTables(seedText: string, opts: MeasuredSpectrumOptions = {}): Spectrum {
  const n = opts.gridPoints ?? DEFAULT_GRID_POINTS;
  const df = opts.gridSpacingHz ?? DEFAULT_GRID_SPACING_HZ;
  const offsets = makeOffsets(n, df);
  const seed = toCurve(parseSpectrumTable(seedText, "seedText"), 0);
  let { frequency, intensity } = seed;
  if (opts.cutHz !== undefined) {
    const [lo, hi] = opts.cutHz;
    checkFinite("cutHz[0]", lo);
    checkInRange("cutHz[1]", hi, { min: lo, minOpen: true });
    const keep = Array.from(frequency.keys()).filter((i) => frequency[i] >= lo && frequency[i] <= hi);
    if (keep.length < 4) throw new RangeError(`cutHz keeps ${keep.length} rows of seedText; need at least 4`);
    frequency = Float64Array.from(keep, (i) => frequency[i]);
    intensity = Float64Array.from(keep, (i) => intensity[i]);
  }
  const amplitude = intensity.map(Math.sqrt);
  const nu0 = halfMaxCentre(frequency, amplitude);
  const seedCurve = { frequency, intensity };
  const field = new Float64Array(n);
  const gain = new Float64Array(n);
  const gainCurve = opts.gainText === undefined ? null : toCurve(
    parseSpectrumTable(opts.gainText, "gainText"),
    checkFinite("gainShiftNm", opts.gainShiftNm ?? 1),
  );
  const dG = opts.gainText === undefined
    ? wavelengthToFrequencyWidth(opts.gainBandwidthNm ?? 11.74, (SPEED_OF_LIGHT / nu0) * 1e9)
    : 0;
  for (let k = 0; k < n; k++) {
    const f = nu0 + offsets[k];
    field[k] = Math.sqrt(interpolate(seedCurve, f));
    gain[k] = gainCurve === null
      ? Math.exp(-4 * Math.LN2 * (offsets[k] / dG) ** 2)
      : interpolate(gainCurve, f);
  }
  return {
    centralFrequency: nu0,
    df,
    offsets,
    field,
    gain,
    source: opts.gainText === undefined ? "measured seed, Gaussian gain" : "measured seed and gain",
  };
}
