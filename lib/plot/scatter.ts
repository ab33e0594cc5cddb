/**
 * Scatter plots with a least-squares line and Pearson's r, e.g. "predicted vs. measured" across tasks.
 *
 * @module
 */
import { checkLength, checkOneOf, describe } from "../core/errors.ts";
import { baseLayout, checkNumbers, checkOptionalString } from "./_layout.ts";
import { colorAt, type Figure, formatNumber, type PlotlyTrace, toNullable } from "./figure.ts";

/** Result of {@link linearFit}: `y ≈ intercept + slope · x` over `n` finite pairs, with Pearson's `r`. */
export interface LinearFit {
  /** Least-squares slope. */
  slope: number;
  /** Least-squares intercept. */
  intercept: number;
  /** Pearson correlation of x and y; NaN when y is constant. */
  r: number;
  /** Number of (x, y) pairs used (pairs with a non-finite coordinate are skipped). */
  n: number;
}

/**
 * Ordinary least squares of y on x, and Pearson's r, over the pairs where both are finite:
 * slope = Sxy / Sxx, intercept = ȳ − slope · x̄, r = Sxy / √(Sxx · Syy), with centred sums of squares.
 *
 * @example
 * ```ts
 * import { linearFit } from "./scatter.ts";
 * linearFit([0, 1, 2, 3], [1, 3, 5, 7]); // { slope: 2, intercept: 1, r: 1, n: 4 }
 * ```
 */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  checkNumbers("x", x);
  checkNumbers("y", y, x.length);
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) idx.push(i);
  const n = idx.length;
  if (n < 2) throw new RangeError(`x and y must have at least 2 finite pairs for a linear fit, got ${n}`);
  let mx = 0;
  let my = 0;
  for (const i of idx) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const i of idx) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0) {
    throw new RangeError(`x must take at least 2 distinct values for a linear fit, got all ${mx}`);
  }
  const slope = sxy / sxx;
  const r = syy === 0 ? NaN : Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  return { slope, intercept: my - slope * mx, r, n };
}

/** Options of {@link scatterWithFit}. */
export interface ScatterWithFitOptions {
  /** x coordinates; NaN points are not drawn nor fitted. */
  x: ArrayLike<number>;
  /** y coordinates, same length as `x`. */
  y: ArrayLike<number>;
  /** Hover label per point (e.g. task names), same length as `x`. */
  text?: string[];
  /** Legend entry of the points. Default "data". */
  name?: string;
  /** Figure title. */
  title?: string;
  /** x-axis title. */
  xTitle?: string;
  /** y-axis title. */
  yTitle?: string;
  /** "linear": add the least-squares line and r; "none": points only. Default "linear". */
  fit?: "linear" | "none";
}

/**
 * Scatter plot with the least-squares line drawn across the range of x. The line's legend entry reads
 * `fit: y = 2x + 1 (r = 0.98, n = 12)`; the numbers are also kept in the line trace's `meta`
 * (`{ slope, intercept, r, n }`, r = null when y is constant).
 *
 * @example
 * ```ts
 * import { scatterWithFit } from "./scatter.ts";
 * const fig = scatterWithFit({ x: [1, 2, 3, 4], y: [1.1, 1.9, 3.2, 3.9], xTitle: "predicted", yTitle: "measured" });
 * fig.data[1].name; // "fit: y = 0.97x + 0.1 (r = 0.9934, n = 4)"
 * ```
 */
export function scatterWithFit(opts: ScatterWithFitOptions): Figure {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { name = "data", fit = "linear" } = opts;
  const x = checkNumbers("x", opts.x);
  const y = checkNumbers("y", opts.y, x.length);
  checkOptionalString("name", name);
  checkOneOf("fit", fit, ["linear", "none"] as const);
  const points: PlotlyTrace = {
    type: "scatter",
    mode: "markers",
    name,
    x: toNullable(x),
    y: toNullable(y),
    marker: { color: colorAt(0), size: 8 },
  };
  if (opts.text !== undefined) {
    checkLength("text", opts.text, x.length);
    opts.text.forEach((t, i) => checkOptionalString(`text[${i}]`, t));
    points.text = Array.from(opts.text);
  }
  const data: PlotlyTrace[] = [points];
  if (fit === "linear") {
    const f = linearFit(x, y);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
        lo = Math.min(lo, x[i]);
        hi = Math.max(hi, x[i]);
      }
    }
    const sign = f.intercept < 0 ? "-" : "+";
    const rText = Number.isNaN(f.r) ? "undefined" : formatNumber(f.r);
    data.push({
      type: "scatter",
      mode: "lines",
      name: `fit: y = ${formatNumber(f.slope)}x ${sign} ${
        formatNumber(Math.abs(f.intercept))
      } (r = ${rText}, n = ${f.n})`,
      x: [lo, hi],
      y: [f.intercept + f.slope * lo, f.intercept + f.slope * hi],
      line: { color: colorAt(1), width: 2, dash: "dash" },
      meta: { slope: f.slope, intercept: f.intercept, r: Number.isNaN(f.r) ? null : f.r, n: f.n },
    });
  }
  const layout = baseLayout({ title: opts.title, xTitle: opts.xTitle, yTitle: opts.yTitle });
  layout.hovermode = "closest";
  return { data, layout };
}
