/**
 * The run-record row: one JSON object per logged step of one run, `{ run, seed, step, ...metrics }`, and its
 * validation. `(run, step)` is the key of a row: a later row with the same key replaces an earlier one (that is how
 * a resumed run re-logs the steps it lost, see {@link dedupRecords}).
 *
 * @module
 */
import { describe } from "../core/errors.ts";

/** A metric value: a finite number, a string, a boolean or `null` (missing). */
export type RecordValue = number | string | boolean | null;

/** One logged step of one run. `run` names the run (unique within a sweep), `step` counts from 0. */
export type RecordRow = {
  run: string;
  seed: number;
  step: number;
  [metric: string]: RecordValue;
};

/** The keys every row has; a metric may not use these names. */
export const RESERVED_KEYS: readonly string[] = ["run", "seed", "step"];

/**
 * Validate one row and return a copy with the keys in canonical order (`run`, `seed`, `step`, then metrics).
 * `run` must be a non-empty string, `seed` an integer, `step` an integer ≥ 0 and every metric a finite number, a
 * string, a boolean or `null`.
 *
 * @throws {TypeError} when the row is not an object or a field has the wrong type.
 * @throws {RangeError} when `seed`/`step` are not integers, `run` is empty, or a metric is NaN/±Infinity (the
 *   message names the metric and the step).
 *
 * @example
 * ```ts
 * import { validateRow } from "./types.ts";
 * const row = validateRow({ step: 3, run: "ppo/s0", seed: 0, return: 12.5 });
 * // validateRow({ run: "a", seed: 0, step: 3, loss: NaN }) throws
 * //   RangeError: metric "loss" must be a finite number, got NaN at step 3 of run "a"
 * ```
 */
export function validateRow(row: unknown): RecordRow {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    throw new TypeError(`record row must be an object, got ${describe(row)}`);
  }
  const r = row as Record<string, unknown>;
  if (typeof r.run !== "string") throw new TypeError(`run must be a string, got ${describe(r.run)}`);
  if (r.run.length === 0) throw new RangeError(`run must be a non-empty string, got ""`);
  const where = `run ${JSON.stringify(r.run)}`;
  if (typeof r.seed !== "number") {
    throw new TypeError(`seed must be an integer, got ${describe(r.seed)} (${where})`);
  }
  if (!Number.isSafeInteger(r.seed)) {
    throw new RangeError(`seed must be an integer, got ${describe(r.seed)} (${where})`);
  }
  if (typeof r.step !== "number") {
    throw new TypeError(`step must be an integer >= 0, got ${describe(r.step)} (${where})`);
  }
  if (!Number.isSafeInteger(r.step) || r.step < 0) {
    throw new RangeError(`step must be an integer >= 0, got ${describe(r.step)} (${where})`);
  }
  const out: RecordRow = { run: r.run, seed: r.seed, step: r.step };
  for (const key of Object.keys(r)) {
    if (key === "run" || key === "seed" || key === "step") continue;
    const v = r[key];
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `metric ${JSON.stringify(key)} must be a finite number, got ${v} at step ${r.step} of ${where}`,
        );
      }
    } else if (v !== null && typeof v !== "string" && typeof v !== "boolean") {
      throw new TypeError(
        `metric ${JSON.stringify(key)} must be a number, string, boolean or null, got ${
          describe(v)
        } at step ${r.step} of ${where}`,
      );
    }
    out[key] = v as RecordValue;
  }
  return out;
}

/**
 * Drop rows superseded by a later row with the same `(run, step)`; the survivors keep the file order of their
 * last occurrence. A resumed run re-logs the steps after its checkpoint, so this turns "logged, killed, resumed"
 * into the rows an uninterrupted run would have written.
 *
 * @example
 * ```ts
 * import { dedupRecords } from "./types.ts";
 * const rows = dedupRecords([
 *   { run: "a", seed: 0, step: 0, x: 1 },
 *   { run: "a", seed: 0, step: 1, x: 2 }, // lost after the checkpoint at step 0 ...
 *   { run: "a", seed: 0, step: 1, x: 2 }, // ... and re-logged on resume
 * ]);
 * // rows.length === 2
 * ```
 */
export function dedupRecords(rows: readonly RecordRow[]): RecordRow[] {
  const last = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) last.set(rowKey(rows[i]), i);
  if (last.size === rows.length) return rows.slice();
  const out: RecordRow[] = [];
  for (let i = 0; i < rows.length; i++) if (last.get(rowKey(rows[i])) === i) out.push(rows[i]);
  return out;
}

function rowKey(row: RecordRow): string {
  return `${row.step}\u0000${row.run}`;
}
