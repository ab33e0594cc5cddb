/**
 * Export records (rows or an arquero table) as CSV (RFC 4180) and JSON, as text or to a file.
 *
 * @module
 */
import { ColumnTable } from "arquero";
import { describe } from "../core/errors.ts";
import { dirname } from "./_io.ts";
import { columnUnion } from "./table.ts";

/** Rows (plain objects) or an arquero table. */
export type Tabular = readonly Record<string, unknown>[] | ColumnTable;

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Line ending. Default `"\n"` (RFC 4180 specifies `"\r\n"`; every CSV reader accepts both). */
  eol?: "\n" | "\r\n";
}

/**
 * CSV text: a header of the column names (the union of the rows' keys in first-seen order, or the table's
 * columns), then one line per row. A field holding a comma, a double quote, CR or LF is quoted, with its quotes
 * doubled (RFC 4180); `null`/missing values are empty fields; numbers use JavaScript's shortest round-trip form.
 *
 * @example
 * ```ts
 * import { toCsv } from "./csv.ts";
 * toCsv([{ run: "a,b", note: 'say "hi"' }, { run: "c", x: 1 }]);
 * // 'run,note,x\n"a,b","say ""hi""",\nc,,1\n'
 * ```
 */
export function toCsv(data: Tabular, opts: CsvOptions = {}): string {
  const eol = opts.eol ?? "\n";
  if (eol !== "\n" && eol !== "\r\n") {
    throw new RangeError(`eol must be "\\n" or "\\r\\n", got ${describe(eol)}`);
  }
  const { names, rows } = toRows(data);
  const lines = [names.map(csvField).join(",")];
  for (const row of rows) lines.push(names.map((n) => csvField(row[n])).join(","));
  return lines.join(eol) + eol;
}

/**
 * Write {@link toCsv} output to a file (parent folders created).
 *
 * @example
 * ```ts
 * import { writeCsv } from "./csv.ts";
 * const dir = Deno.makeTempDirSync();
 * writeCsv(`${dir}/results/table.csv`, [{ algo: "ppo", return: 200 }]);
 * Deno.readTextFileSync(`${dir}/results/table.csv`); // "algo,return\nppo,200\n"
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeCsv(path: string, data: Tabular, opts: CsvOptions = {}): void {
  writeText(path, toCsv(data, opts));
}

/**
 * JSON text of the rows: an array of objects (a table becomes its row objects). `space` indents as in
 * `JSON.stringify`.
 *
 * @example
 * ```ts
 * import { toJson } from "./csv.ts";
 * toJson([{ run: "a", step: 0, x: 1 }]); // '[{"run":"a","step":0,"x":1}]'
 * ```
 */
export function toJson(data: Tabular, opts: { space?: number } = {}): string {
  const { names, rows } = toRows(data);
  const objects = data instanceof ColumnTable
    ? rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null])))
    : rows;
  return JSON.stringify(objects, null, opts.space);
}

/**
 * Write {@link toJson} output to a file (parent folders created).
 *
 * @example
 * ```ts
 * import { writeJson } from "./csv.ts";
 * const dir = Deno.makeTempDirSync();
 * writeJson(`${dir}/rows.json`, [{ x: 1 }]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeJson(path: string, data: Tabular, opts: { space?: number } = {}): void {
  writeText(path, toJson(data, opts) + "\n");
}

function toRows(data: Tabular): { names: string[]; rows: readonly Record<string, unknown>[] } {
  if (data instanceof ColumnTable) {
    return { names: data.columnNames(), rows: data.objects() as Record<string, unknown>[] };
  }
  if (!Array.isArray(data)) {
    throw new TypeError(`data must be an array of rows or an arquero table, got ${describe(data)}`);
  }
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw new TypeError(`rows[${i}] must be an object, got ${describe(row)}`);
    }
  }
  return { names: columnUnion(data), rows: data };
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date
    ? value.toISOString()
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeText(path: string, text: string): void {
  if (typeof path !== "string" || path.length === 0) {
    throw new TypeError(`path must be a non-empty string, got ${describe(path)}`);
  }
  const parent = dirname(path);
  if (parent !== "") Deno.mkdirSync(parent, { recursive: true });
  Deno.writeTextFileSync(path, text);
}
