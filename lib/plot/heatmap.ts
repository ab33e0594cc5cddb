/**
 * Heatmaps of a matrix: value functions over a gridworld, hyperparameter sweeps, transfer matrices.
 *
 * @module
 */
import { checkInteger, checkLength, describe } from "../core/errors.ts";
import { baseLayout, checkLabels, checkNumbers, checkOptionalString } from "./_layout.ts";
import { type Figure, formatNumber, type PlotlyTrace, toNullable } from "./figure.ts";

/** A Plotly colorscale: a named one ("Viridis", "RdBu", "Greys", ...) or `[[0, "#fff"], [1, "#000"]]` stops. */
export type Colorscale = string | [number, string][];

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  /** Rows of cell values (z[row][column], row 0 at the bottom unless `reverseY`); NaN cells are drawn blank. */
  z: ArrayLike<number>[];
  /** Column labels (length = number of columns). Default 0, 1, .... */
  x?: (string | number)[];
  /** Row labels (length = number of rows). Default 0, 1, .... */
  y?: (string | number)[];
  /** Figure title. */
  title?: string;
  /** x-axis title. */
  xTitle?: string;
  /** y-axis title. */
  yTitle?: string;
  /** Colour scale. Default "Viridis". */
  colorscale?: Colorscale;
  /** Write each cell's value in the cell. Default false. */
  annotate?: boolean;
  /** Significant digits of the written values. Default 3. */
  digits?: number;
  /** Colour-scale bounds; default: the data's range. */
  zmin?: number;
  /** Upper colour-scale bound. */
  zmax?: number;
  /** Row 0 at the top, as in a gridworld printout. Default false. */
  reverseY?: boolean;
  /** Title of the colour bar. */
  colorbarTitle?: string;
}

/**
 * A heatmap trace of `z`. Non-finite cells become `null` (blank, e.g. gridworld walls, no hover label). With
 * `annotate`, each cell shows its value (to `digits` significant digits; blank cells show nothing).
 *
 * @example
 * ```ts
 * import { heatmap } from "./heatmap.ts";
 * const fig = heatmap({ z: [[0, 1], [NaN, 3]], annotate: true, reverseY: true, title: "V*(s)" });
 * fig.data[0].z; // [[0, 1], [null, 3]]
 * ```
 */
export function heatmap(opts: HeatmapOptions): Figure {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { colorscale = "Viridis", annotate = false, digits = 3, reverseY = false } = opts;
  checkLength("z", opts.z);
  const rows = opts.z.length;
  if (rows === 0) throw new RangeError("z must have at least 1 row, got 0");
  const cols = checkNumbers("z[0]", opts.z[0]).length;
  if (cols === 0) throw new RangeError("z[0] must have at least 1 column, got 0");
  const z = opts.z.map((row, i) => toNullable(checkNumbers(`z[${i}]`, row, cols)));
  checkInteger("digits", digits, { min: 1, max: 21 });
  const trace: PlotlyTrace = {
    type: "heatmap",
    z,
    colorscale: checkColorscale(colorscale),
    hoverongaps: false,
  };
  if (opts.x !== undefined) trace.x = checkLabels("x", opts.x, cols);
  if (opts.y !== undefined) trace.y = checkLabels("y", opts.y, rows);
  for (const key of ["zmin", "zmax"] as const) {
    const v = opts[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${key} must be a finite number, got ${describe(v)}`);
    }
    trace[key] = v;
  }
  if (opts.zmin !== undefined && opts.zmax !== undefined && !(opts.zmin < opts.zmax)) {
    throw new RangeError(`zmin must be < zmax, got ${opts.zmin} >= ${opts.zmax}`);
  }
  if (opts.colorbarTitle !== undefined) {
    trace.colorbar = { title: { text: checkOptionalString("colorbarTitle", opts.colorbarTitle) } };
  }
  if (annotate) {
    trace.text = z.map((row) => row.map((v) => (v === null ? "" : formatNumber(v, digits))));
    trace.texttemplate = "%{text}";
  }
  const layout = baseLayout({ title: opts.title, xTitle: opts.xTitle, yTitle: opts.yTitle });
  if (reverseY) (layout.yaxis as Record<string, unknown>).autorange = "reversed";
  return { data: [trace], layout };
}

function checkColorscale(c: unknown): Colorscale {
  if (typeof c === "string") return c;
  if (Array.isArray(c) && c.length >= 2) {
    const ok = c.every((s) =>
      Array.isArray(s) && s.length === 2 && typeof s[0] === "number" && s[0] >= 0 && s[0] <= 1 &&
      typeof s[1] === "string"
    );
    if (ok) return c.map((s) => [s[0], s[1]] as [number, string]);
  }
  throw new TypeError(`colorscale must be a name or [[0, colour], ..., [1, colour]], got ${describe(c)}`);
}
