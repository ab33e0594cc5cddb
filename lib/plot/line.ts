/**
 * Learning curves: one line per series, each with an optional shaded band (e.g. a 95% confidence interval).
 *
 * @module
 */
import { checkFiniteArray, checkInRange, checkLength, describe } from "../core/errors.ts";
import { baseLayout, checkNumbers, checkOptionalString } from "./_layout.ts";
import { colorAt, type Figure, type PlotlyTrace, toNullable, withAlpha } from "./figure.ts";

/** One curve of {@link lineWithBand}. */
export interface BandSeries {
  /** Legend entry. */
  name: string;
  /** x coordinates (finite, e.g. environment steps). */
  x: ArrayLike<number>;
  /** Curve values, same length as `x`; NaN leaves a gap. */
  mean: ArrayLike<number>;
  /** Lower edge of the band (same length as `x`); give both `lo` and `hi`, or neither. */
  lo?: ArrayLike<number>;
  /** Upper edge of the band (same length as `x`). */
  hi?: ArrayLike<number>;
  /** Colour `"#rrggbb"`; default: the palette colour of the series' index. */
  color?: string;
}

/**
 * A {@link BandSeries} from per-point summary rows such as lib/record's `aggregate` output: x from each row's `xKey`
 * (default `"step"`), the curve and its band from `mean`, `lo` and `hi`.
 *
 * @example
 * ```ts
 * import { bandFromRows } from "./line.ts";
 * const s = bandFromRows("PPO", [{ step: 0, mean: 1, lo: 0, hi: 2 }, { step: 10, mean: 3, lo: 2, hi: 4 }]);
 * s.x; // [0, 10]
 * ```
 */
export function bandFromRows(
  name: string,
  rows: readonly { mean: number; lo: number; hi: number; [key: string]: unknown }[],
  xKey = "step",
): BandSeries & { x: number[]; mean: number[]; lo: number[]; hi: number[] } {
  return {
    name,
    x: rows.map((r) => r[xKey] as number),
    mean: rows.map((r) => r.mean),
    lo: rows.map((r) => r.lo),
    hi: rows.map((r) => r.hi),
  };
}

/** Options of {@link lineWithBand}. */
export interface LineWithBandOptions {
  /** Curves, in legend order. */
  series: BandSeries[];
  /** Figure title. */
  title?: string;
  /** x-axis title. */
  xTitle?: string;
  /** y-axis title. */
  yTitle?: string;
  /** Logarithmic x axis. Default false. */
  logX?: boolean;
  /** Logarithmic y axis. Default false. */
  logY?: boolean;
  /** Opacity of the band fill, in [0, 1]. Default 0.2. */
  bandOpacity?: number;
}

/**
 * Curves with shaded bands. Each band is a closed filled polygon (x forwards along `hi`, then x backwards along
 * `lo`; points where `lo` or `hi` is not finite are left out) in the series colour at low opacity, without a legend
 * entry, and grouped with its line so clicking the legend hides both. All bands are drawn before all lines, so no
 * band covers a line.
 *
 * @example
 * ```ts
 * import { lineWithBand } from "./line.ts";
 * const fig = lineWithBand({
 *   series: [{ name: "PPO", x: [0, 1, 2], mean: [0, 5, 8], lo: [0, 4, 6], hi: [0, 6, 10] }],
 *   title: "CartPole", xTitle: "step", yTitle: "return",
 * });
 * fig.data.length; // 2: the band, then the line
 * ```
 */
export function lineWithBand(opts: LineWithBandOptions): Figure {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { series, logX = false, logY = false, bandOpacity = 0.2 } = opts;
  checkLength("series", series);
  checkInRange("bandOpacity", bandOpacity, { min: 0, max: 1 });
  const bands: PlotlyTrace[] = [];
  const lines: PlotlyTrace[] = [];
  series.forEach((s, k) => {
    const at = `series[${k}]`;
    if (typeof s !== "object" || s === null) {
      throw new TypeError(`${at} must be an object, got ${describe(s)}`);
    }
    if (typeof s.name !== "string") {
      throw new TypeError(`${at}.name must be a string, got ${describe(s.name)}`);
    }
    const x = checkFiniteArray(`${at}.x`, s.x);
    const n = x.length;
    const mean = checkNumbers(`${at}.mean`, s.mean, n);
    const color = s.color ?? colorAt(k);
    const fill = withAlpha(color, bandOpacity);
    if ((s.lo === undefined) !== (s.hi === undefined)) {
      throw new TypeError(
        `${at} must give both lo and hi or neither, got only ${s.lo === undefined ? "hi" : "lo"}`,
      );
    }
    if (s.lo !== undefined && s.hi !== undefined) {
      const lo = checkNumbers(`${at}.lo`, s.lo, n);
      const hi = checkNumbers(`${at}.hi`, s.hi, n);
      const keep: number[] = [];
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(lo[i]) || !Number.isFinite(hi[i])) continue;
        if (lo[i] > hi[i]) {
          throw new RangeError(`${at}.lo[${i}] must be <= hi[${i}], got ${lo[i]} > ${hi[i]}`);
        }
        keep.push(i);
      }
      const back = [...keep].reverse();
      bands.push({
        type: "scatter",
        mode: "lines",
        name: `${s.name} band`,
        x: [...keep.map((i) => x[i]), ...back.map((i) => x[i])],
        y: [...keep.map((i) => hi[i]), ...back.map((i) => lo[i])],
        fill: "toself",
        fillcolor: fill,
        line: { color: fill, width: 0 },
        hoverinfo: "skip",
        showlegend: false,
        legendgroup: s.name,
      });
    }
    lines.push({
      type: "scatter",
      mode: "lines",
      name: s.name,
      x: Array.from(x),
      y: toNullable(mean),
      line: { color, width: 2 },
      legendgroup: s.name,
    });
  });
  const layout = baseLayout({
    title: checkOptionalString("title", opts.title),
    xTitle: checkOptionalString("xTitle", opts.xTitle),
    yTitle: checkOptionalString("yTitle", opts.yTitle),
  });
  if (logX) (layout.xaxis as Record<string, unknown>).type = "log";
  if (logY) (layout.yaxis as Record<string, unknown>).type = "log";
  layout.hovermode = "x";
  return { data: [...bands, ...lines], layout };
}
