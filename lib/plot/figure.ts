/**
 * The figure type shared by every builder: a plain Plotly object `{ data, layout }`, JSON-serialisable, plus the
 * colour palette and the conversions that keep figures JSON-clean (typed arrays → arrays, NaN/±Infinity → null).
 *
 * @module
 */
import { describe } from "../core/errors.ts";

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One coordinate or cell value in a trace: a number, a category label, or `null` for a gap. */
export type Datum = number | string | null;

/**
 * One Plotly trace. The common attributes are typed; any other Plotly attribute may be set (open record), see
 * https://plotly.com/javascript/reference/. Values must be JSON-serialisable (no functions, no typed arrays).
 */
export interface PlotlyTrace {
  /** Trace type: "scatter", "bar", "heatmap", "table", ... (Plotly's default is "scatter"). */
  type?: string;
  /** x coordinates or categories. */
  x?: Datum[];
  /** y coordinates or categories. */
  y?: Datum[];
  /** Cell values of a heatmap/contour, row by row; `null` is drawn blank. */
  z?: (number | null)[][];
  /** Scatter drawing mode: "lines", "markers", "lines+markers", "text", ... */
  mode?: string;
  /** Legend entry. */
  name?: string;
  /** Line style: `{ color, width, dash, shape }`. */
  line?: Record<string, unknown>;
  /** Marker style: `{ color, size, symbol, opacity }`. */
  marker?: Record<string, unknown>;
  /** Area fill: "none", "tozeroy", "toself", "tonexty", ... */
  fill?: string;
  /** Fill colour of `fill`, e.g. "rgba(31,119,180,0.2)". */
  fillcolor?: string;
  /** Per-point hover/cell text. */
  text?: string | string[] | string[][];
  /** Whether the trace has a legend entry. */
  showlegend?: boolean;
  /** Traces with the same group toggle together in the legend. */
  legendgroup?: string;
  /** What the hover label shows ("skip" hides it). */
  hoverinfo?: string;
  /** Any other Plotly trace attribute. */
  [attribute: string]: unknown;
}

/** A Plotly figure: traces plus layout (https://plotly.com/javascript/reference/layout/). */
export interface Figure {
  /** Traces, drawn in order (later traces on top). */
  data: PlotlyTrace[];
  /** Layout: title, axes, legend, size, ... */
  layout: Record<string, unknown>;
}

/**
 * Series colours, in order: plotly.js's default colorway (D3 category10). Builders colour series by index so a
 * series' line, band and markers share one colour.
 */
export const PALETTE: readonly string[] = Object.freeze([
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
]);

/**
 * The palette colour of series `index` (wraps around after {@link PALETTE}'s 10 colours).
 *
 * @example
 * ```ts
 * import { colorAt } from "./figure.ts";
 * colorAt(0); // "#1f77b4"
 * colorAt(10); // "#1f77b4" again
 * ```
 */
export function colorAt(index: number): string {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`index must be an integer >= 0, got ${describe(index)}`);
  }
  return PALETTE[index % PALETTE.length];
}

/**
 * `"#rrggbb"` (or `"#rgb"`) as `"rgba(r,g,b,alpha)"`.
 *
 * @example
 * ```ts
 * import { withAlpha } from "./figure.ts";
 * withAlpha("#1f77b4", 0.2); // "rgba(31,119,180,0.2)"
 * ```
 */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new RangeError(`hex must be a colour like "#1f77b4", got ${describe(hex)}`);
  if (typeof alpha !== "number" || !(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(`alpha must be in [0, 1], got ${describe(alpha)}`);
  }
  const h = m[1].length === 3 ? m[1].replace(/./g, (c) => c + c) : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

/**
 * Numbers as a plain array with non-finite values (NaN, ±Infinity) replaced by `null`, which Plotly draws as a gap.
 *
 * @example
 * ```ts
 * import { toNullable } from "./figure.ts";
 * toNullable(new Float64Array([1, NaN, Infinity])); // [1, null, null]
 * ```
 */
export function toNullable(values: ArrayLike<number | null | undefined>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === "number" && Number.isFinite(v) ? v : null;
  }
  return out;
}

/**
 * A deep copy of `value` that survives `JSON.stringify`/`JSON.parse` unchanged: typed arrays become arrays,
 * non-finite numbers become `null`, `undefined` object fields are dropped (`undefined` array items become `null`),
 * Dates become ISO strings. Throws a `TypeError` naming the path of a function, symbol, bigint or cycle.
 *
 * @example
 * ```ts
 * import { toJsonSafe } from "./figure.ts";
 * toJsonSafe({ y: new Float32Array([1, NaN]), name: "a", extra: undefined }); // { y: [1, null], name: "a" }
 * ```
 */
export function toJsonSafe(value: unknown, path = "value"): JsonValue {
  return jsonSafe(value, path, new Set<object>());
}

function jsonSafe(value: unknown, path: string, seen: Set<object>): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === undefined) return null;
  if (typeof value !== "object") {
    throw new TypeError(`${path} must be JSON-serialisable, got ${describe(value)}`);
  }
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array) {
      throw new TypeError(`${path} must be JSON-serialisable, got ${describe(value)}`);
    }
    return toNullable(value as unknown as ArrayLike<number>);
  }
  if (seen.has(value)) throw new TypeError(`${path} must be JSON-serialisable, got a cycle`);
  seen.add(value);
  let out: JsonValue;
  if (Array.isArray(value)) {
    out = value.map((v, i) => jsonSafe(v, `${path}[${i}]`, seen));
  } else {
    const obj: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) obj[k] = jsonSafe(v, `${path}.${k}`, seen);
    }
    out = obj;
  }
  seen.delete(value);
  return out;
}

/**
 * Check that `fig` looks like a figure (`data` an array of objects, `layout` an object) and return a JSON-safe copy
 * (see {@link toJsonSafe}); display and HTML export go through this, so hand-made figures with typed arrays work too.
 *
 * @example
 * ```ts
 * import { normalizeFigure } from "./figure.ts";
 * const fig = normalizeFigure({ data: [{ type: "scatter", y: [1, NaN, 3] }], layout: {} });
 * fig.data[0].y; // [1, null, 3]
 * ```
 */
export function normalizeFigure(fig: Figure): Figure {
  if (typeof fig !== "object" || fig === null) {
    throw new TypeError(`fig must be a figure, got ${describe(fig)}`);
  }
  if (!Array.isArray(fig.data)) throw new TypeError(`fig.data must be an array, got ${describe(fig.data)}`);
  fig.data.forEach((t, i) => {
    if (typeof t !== "object" || t === null || Array.isArray(t)) {
      throw new TypeError(`fig.data[${i}] must be a trace object, got ${describe(t)}`);
    }
  });
  const layout = fig.layout ?? {};
  if (typeof layout !== "object" || layout === null || Array.isArray(layout)) {
    throw new TypeError(`fig.layout must be an object, got ${describe(layout)}`);
  }
  return {
    data: toJsonSafe(fig.data, "fig.data") as PlotlyTrace[],
    layout: toJsonSafe(layout, "fig.layout") as Record<string, unknown>,
  };
}

/**
 * The figure's title text, or `""` (reads both `layout.title.text` and the legacy string form).
 *
 * @example
 * ```ts
 * import { figureTitle } from "./figure.ts";
 * figureTitle({ data: [], layout: { title: { text: "Returns" } } }); // "Returns"
 * ```
 */
export function figureTitle(fig: Figure): string {
  const t = fig.layout?.title;
  if (typeof t === "string") return t;
  if (typeof t === "object" && t !== null && typeof (t as { text?: unknown }).text === "string") {
    return (t as { text: string }).text;
  }
  return "";
}

/**
 * Format a number for a table cell: integers as they are, others to `digits` significant digits without trailing
 * zeros, exponent form for very small or large magnitudes; NaN/±Infinity as "NaN"/"∞"/"-∞".
 *
 * @example
 * ```ts
 * import { formatNumber } from "./figure.ts";
 * formatNumber(0.123456); // "0.1235"
 * formatNumber(1200); // "1200"
 * formatNumber(3.5e-7); // "3.5e-7"
 * ```
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new RangeError(`digits must be an integer in [1, 21], got ${describe(digits)}`);
  }
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "-∞";
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const a = Math.abs(value);
  if (a >= 10 ** digits && a < 1e15) return String(Math.round(value));
  if (a >= 1e-3 && a < 1e15) return String(Number(value.toPrecision(digits)));
  const [mant, exp] = value.toExponential(digits - 1).split("e");
  return `${String(Number(mant))}e${Number(exp)}`;
}
