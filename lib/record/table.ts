/**
 * Run records as tables: an arquero table of all rows, and the mean with a 95% confidence interval across seeds
 * at each step (the curves with CI bands of the figures).
 *
 * @module
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { checkFinite, describe } from "../core/errors.ts";
import { ci95 } from "../core/stats.ts";
import type { RecordRow, RecordValue } from "./types.ts";

/** A row as accepted by the table helpers: a {@link RecordRow} or any plain row (missing keys may be undefined). */
export type RowLike = Readonly<Record<string, RecordValue | undefined>>;

/**
 * An arquero table of the rows; the columns are the union of the rows' keys in first-seen order, and a key a row
 * lacks reads as `null`.
 *
 * @example
 * ```ts
 * import { toTable } from "./table.ts";
 * const t = toTable([
 *   { run: "a", seed: 0, step: 0, loss: 1.5 },
 *   { run: "a", seed: 0, step: 1, return: 3 },
 * ]);
 * t.columnNames(); // ["run", "seed", "step", "loss", "return"]
 * t.get("loss", 1); // null
 * ```
 */
export function toTable(rows: readonly RowLike[]): ColumnTable {
  checkRows(rows);
  const names = columnUnion(rows);
  const columns: Record<string, RecordValue[]> = {};
  for (const name of names) {
    const col = new Array<RecordValue>(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = rows[i][name] ?? null;
    columns[name] = col;
  }
  return aq.table(columns);
}

/**
 * The union of the rows' keys, in first-seen order.
 *
 * @example
 * ```ts
 * import { columnUnion } from "./table.ts";
 * columnUnion([{ a: 1 }, { b: 2, a: 3 }]); // ["a", "b"]
 * ```
 */
export function columnUnion(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** Options of {@link aggregate}. */
export interface AggregateOptions {
  /** The metric to average (rows where it is missing or `null` are left out). */
  metric: string;
  /** The x column: one output row per value of it. Default `"step"`; `null` pools all rows of a group. */
  by?: string | null;
  /** Columns that split the rows into separate curves (e.g. `["algo", "env"]`). Default none. */
  groupBy?: readonly string[];
}

/** One point of an aggregated curve: the group's key columns, the `by` column, and the statistics. */
export type AggregateRow = Record<string, RecordValue> & {
  /** Mean of the metric over the group's rows (one per seed). */
  mean: number;
  /** Lower end of the 95% CI of the mean: `mean − t_{0.975, n−1} · s / √n` (`mean` when n = 1). */
  lo: number;
  /** Upper end of the 95% CI of the mean. */
  hi: number;
  /** Number of rows averaged. */
  n: number;
};

/**
 * Mean and 95% confidence interval of `metric` across runs at each value of `by`, per group. The interval is
 * Student's t interval of the mean, `mean ± t_{0.975, n−1} · s / √n` with `s` the sample standard deviation
 * (n − 1 denominator); with one row it collapses to the mean. Output rows are ordered by group (first seen), then
 * by `by` ascending.
 *
 * @throws {TypeError} when a value of `metric` is not a number or `null`.
 *
 * @example
 * ```ts
 * import { aggregate } from "./table.ts";
 * const rows = [1, 2, 4].map((r, seed) => ({ run: `s${seed}`, seed, step: 0, return: r }));
 * const [p] = aggregate(rows, { metric: "return" });
 * // p.step === 0, p.n === 3, p.mean ≈ 2.333, p.lo ≈ -1.46, p.hi ≈ 6.13
 * ```
 */
export function aggregate(
  rows: readonly RowLike[],
  opts: AggregateOptions,
): AggregateRow[] {
  checkRows(rows);
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { metric } = opts;
  const by = opts.by === undefined ? "step" : opts.by;
  const groupBy = opts.groupBy ?? [];
  if (typeof metric !== "string" || metric === "") {
    throw new TypeError(`metric must be a non-empty string, got ${describe(metric)}`);
  }
  if (by !== null && (typeof by !== "string" || by === "")) {
    throw new TypeError(`by must be a non-empty string or null, got ${describe(by)}`);
  }
  if (!Array.isArray(groupBy) || groupBy.some((g) => typeof g !== "string")) {
    throw new TypeError(`groupBy must be an array of column names, got ${describe(groupBy)}`);
  }
  if (by !== null && groupBy.includes(by)) {
    throw new RangeError(`groupBy must not contain the by column ${JSON.stringify(by)}`);
  }

  interface Cell {
    group: number;
    key: RecordValue;
    keys: RecordValue[];
    values: number[];
  }
  const groupIndex = new Map<string, number>();
  const cells = new Map<string, Cell>();
  for (const row of rows) {
    const v = row[metric];
    if (v === null || v === undefined) continue;
    if (typeof v !== "number") {
      throw new TypeError(`metric ${JSON.stringify(metric)} must be a number or null, got ${describe(v)}`);
    }
    const keys = groupBy.map((g) => row[g] ?? null);
    const gid = JSON.stringify(keys);
    let group = groupIndex.get(gid);
    if (group === undefined) groupIndex.set(gid, group = groupIndex.size);
    const key = by === null ? null : row[by] ?? null;
    const cid = `${group}\u0000${JSON.stringify(key)}`;
    let cell = cells.get(cid);
    if (cell === undefined) cells.set(cid, cell = { group, key, keys, values: [] });
    cell.values.push(v);
  }

  const sorted = [...cells.values()].sort((a, b) => a.group - b.group || compareValues(a.key, b.key));
  return sorted.map((cell) => {
    const out: Record<string, RecordValue> = {};
    groupBy.forEach((g, i) => out[g] = cell.keys[i]);
    if (by !== null) out[by] = cell.key;
    return Object.assign(out, meanCi95(cell.values));
  });
}

/**
 * The last row of each run that has a value for `metric` (largest step), in first-seen run order: the final
 * performance of each seed. Aggregate it with `by: null` for a final-score table.
 *
 * @example
 * ```ts
 * import { aggregate, lastPerRun } from "./table.ts";
 * const rows = [
 *   { run: "a", seed: 0, step: 0, r: 1 }, { run: "a", seed: 0, step: 1, r: 3 },
 *   { run: "b", seed: 1, step: 0, r: 2 }, { run: "b", seed: 1, step: 1, r: 5 },
 * ];
 * lastPerRun(rows, "r").map((row) => row.r); // [3, 5]
 * aggregate(lastPerRun(rows, "r"), { metric: "r", by: null })[0].mean; // 4
 * ```
 */
export function lastPerRun(rows: readonly RecordRow[], metric: string): RecordRow[] {
  checkRows(rows);
  if (typeof metric !== "string" || metric === "") {
    throw new TypeError(`metric must be a non-empty string, got ${describe(metric)}`);
  }
  const last = new Map<string, RecordRow>();
  for (const row of rows) {
    const v = row[metric];
    if (v === null || v === undefined) continue;
    const prev = last.get(row.run);
    if (prev === undefined || row.step >= prev.step) last.set(row.run, row);
  }
  return [...last.values()];
}

/**
 * Mean and 95% t-interval of a sample (the statistics of {@link aggregate}): `ci95` of `core/stats`, extended to
 * n = 1 (a zero-width interval at the value).
 *
 * @example
 * ```ts
 * import { meanCi95 } from "./table.ts";
 * meanCi95([1, 2, 4]); // { mean: 2.333..., lo: -1.461..., hi: 6.128..., n: 3 }
 * ```
 */
export function meanCi95(xs: readonly number[]): { mean: number; lo: number; hi: number; n: number } {
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new RangeError(`xs must be a non-empty array of numbers, got ${describe(xs)}`);
  }
  if (xs.length === 1) {
    const x = checkFinite("xs[0]", xs[0]);
    return { mean: x, lo: x, hi: x, n: 1 };
  }
  const { estimate, low, high, n } = ci95(xs);
  return { mean: estimate, lo: low, hi: high, n };
}

function compareValues(a: RecordValue, b: RecordValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function checkRows(rows: unknown): void {
  if (!Array.isArray(rows)) {
    throw new TypeError(`rows must be an array of record rows, got ${describe(rows)}`);
  }
}
