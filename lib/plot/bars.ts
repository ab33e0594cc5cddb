/**
 * Grouped bar charts with error bars, e.g. final return per algorithm and task with 95% confidence intervals.
 *
 * @module
 */
import { checkLength, describe } from "../core/errors.ts";
import { baseLayout, checkLabels, checkNumbers } from "./_layout.ts";
import { colorAt, type Figure, type PlotlyTrace, toNullable } from "./figure.ts";

/** One group member of {@link bars}: one bar per category. */
export interface BarSeries {
  /** Legend entry. */
  name: string;
  /** Bar heights, one per category; NaN leaves the bar out. */
  values: ArrayLike<number>;
  /**
   * Lower END of each error bar (an absolute value such as a CI's lower bound, not a distance); give both
   * `errorLo` and `errorHi`, or neither.
   */
  errorLo?: ArrayLike<number>;
  /** Upper END of each error bar (absolute value, >= the bar's value). */
  errorHi?: ArrayLike<number>;
  /** Colour `"#rrggbb"`; default: the palette colour of the series' index. */
  color?: string;
}

/** Options of {@link bars}. */
export interface BarsOptions {
  /** Category labels along x. */
  categories: (string | number)[];
  /** Bar series, grouped side by side within each category. */
  series: BarSeries[];
  /** Figure title. */
  title?: string;
  /** x-axis title. */
  xTitle?: string;
  /** y-axis title. */
  yTitle?: string;
}

/**
 * Grouped bars with asymmetric error bars. `errorLo`/`errorHi` are the interval's ends; the trace stores the
 * distances Plotly expects (`error_y.array = hi − value`, `error_y.arrayminus = value − lo`).
 *
 * @example
 * ```ts
 * import { bars } from "./bars.ts";
 * const fig = bars({
 *   categories: ["CartPole", "Pendulum"],
 *   series: [{ name: "PPO", values: [480, -200], errorLo: [470, -230], errorHi: [490, -180] }],
 *   yTitle: "final return",
 * });
 * fig.layout.barmode; // "group"
 * ```
 */
export function bars(opts: BarsOptions): Figure {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  checkLength("categories", opts.categories);
  const categories = checkLabels("categories", opts.categories, opts.categories.length);
  const n = categories.length;
  checkLength("series", opts.series);
  const data = opts.series.map((s, k): PlotlyTrace => {
    const at = `series[${k}]`;
    if (typeof s !== "object" || s === null) {
      throw new TypeError(`${at} must be an object, got ${describe(s)}`);
    }
    if (typeof s.name !== "string") {
      throw new TypeError(`${at}.name must be a string, got ${describe(s.name)}`);
    }
    const values = toNullable(checkNumbers(`${at}.values`, s.values, n));
    const trace: PlotlyTrace = {
      type: "bar",
      name: s.name,
      x: categories,
      y: values,
      marker: { color: s.color ?? colorAt(k) },
    };
    if ((s.errorLo === undefined) !== (s.errorHi === undefined)) {
      throw new TypeError(`${at} must give both errorLo and errorHi or neither`);
    }
    if (s.errorLo !== undefined && s.errorHi !== undefined) {
      const lo = toNullable(checkNumbers(`${at}.errorLo`, s.errorLo, n));
      const hi = toNullable(checkNumbers(`${at}.errorHi`, s.errorHi, n));
      const plus: (number | null)[] = [];
      const minus: (number | null)[] = [];
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const l = lo[i];
        const h = hi[i];
        if (v !== null && l !== null && l > v) {
          throw new RangeError(
            `${at}.errorLo[${i}] must be <= values[${i}] (it is the interval's end), got ${l} > ${v}`,
          );
        }
        if (v !== null && h !== null && h < v) {
          throw new RangeError(
            `${at}.errorHi[${i}] must be >= values[${i}] (it is the interval's end), got ${h} < ${v}`,
          );
        }
        plus.push(v === null || h === null ? null : h - v);
        minus.push(v === null || l === null ? null : v - l);
      }
      trace.error_y = { type: "data", symmetric: false, array: plus, arrayminus: minus, visible: true };
    }
    return trace;
  });
  const layout = baseLayout({ title: opts.title, xTitle: opts.xTitle, yTitle: opts.yTitle });
  layout.barmode = "group";
  return { data, layout };
}
