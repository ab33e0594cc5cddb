/**
 * Append-only JSONL run records: one JSON object per line, one line per logged step. Lines are written whole with
 * a single append, so a killed process leaves at most one torn line, at the end of the file. Reading skips such
 * a torn (or otherwise unparsable) LAST line and reports it through `onWarning` (default `console.warn`); an
 * unparsable line anywhere else means the file is damaged and throws, naming the file and line number. Opening a
 * recorder on a file whose last line is torn cuts that fragment off first (again with a warning), so new lines
 * never glue onto it.
 *
 * Shards of a sweep write one file each; they merge by concatenation, or by passing all paths to
 * {@link readRecords}.
 *
 * @module
 */
import { describe } from "../core/errors.ts";
import { dirname, readAt, writeAll } from "./_io.ts";
import { type CheckpointStore, fileCheckpointStore, memoryCheckpointStore } from "./checkpoint.ts";
import { dedupRecords, type RecordRow, validateRow } from "./types.ts";

/** A sink for run records, with the checkpoints of the runs that log into it. */
export interface Recorder {
  /** The JSONL file, or `null` for an in-memory recorder. */
  readonly path: string | null;
  /** Where resumable runs logging here keep their checkpoints (`<path>.ckpt/` for a file). */
  readonly checkpoints: CheckpointStore;
  /** Validate and append one row or several (all rows are validated before any is written). */
  append(rows: RecordRow | readonly RecordRow[]): void;
  /** Every row logged so far (deduplicated by `(run, step)`, see {@link dedupRecords}). */
  read(): RecordRow[];
  /** Release the file; appending afterwards throws. Closing twice is harmless. */
  close(): void;
}

/** A {@link Recorder} that keeps rows in memory; `rows` holds them as appended (not deduplicated). */
export interface MemoryRecorder extends Recorder {
  /** Every appended row, in order. */
  readonly rows: RecordRow[];
}

/** Options of {@link openRecorder} and {@link appendRecords}. */
export interface RecorderOptions {
  /** Flush each append to disk (`fsync`) before returning: survives power loss, costs a disk sync. Default false. */
  fsync?: boolean;
  /** Receives a message when a torn last line is cut off on open. Default `console.warn`. */
  onWarning?: (message: string) => void;
}

/** Options of {@link readRecords} and {@link parseRecords}. */
export interface ReadOptions {
  /** Keep only the last row of each `(run, step)` ({@link dedupRecords}). Default true. */
  dedup?: boolean;
  /** Receives a message for each skipped torn last line. Default `console.warn`. */
  onWarning?: (message: string) => void;
}

/**
 * Open a JSONL file for appending records (created, with its parent folders, if missing).
 *
 * @example
 * ```ts
 * import { openRecorder, readRecords } from "./jsonl.ts";
 * const dir = Deno.makeTempDirSync();
 * const rec = openRecorder(`${dir}/runs/ppo.jsonl`);
 * rec.append({ run: "ppo/s0", seed: 0, step: 0, return: 9.5 });
 * rec.append([{ run: "ppo/s0", seed: 0, step: 1, return: 11 }]);
 * rec.close();
 * readRecords(`${dir}/runs/ppo.jsonl`).length; // 2
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function openRecorder(path: string, opts: RecorderOptions = {}): Recorder {
  checkPath("path", path);
  const fsync = opts.fsync ?? false;
  const onWarning = opts.onWarning ?? console.warn;
  const parent = dirname(path);
  if (parent !== "") Deno.mkdirSync(parent, { recursive: true });
  repairTail(path, onWarning);
  let file: Deno.FsFile | null = Deno.openSync(path, { append: true, create: true });
  const encoder = new TextEncoder();
  return {
    path,
    checkpoints: fileCheckpointStore(`${path}.ckpt`, { fsync }),
    append(rows: RecordRow | readonly RecordRow[]): void {
      if (file === null) throw new Error(`recorder for ${path} is closed`);
      const valid = toRowList(rows).map(validateRow);
      if (valid.length === 0) return;
      writeAll(file, encoder.encode(valid.map((r) => JSON.stringify(r) + "\n").join("")));
      if (fsync) file.syncSync();
    },
    read: () => readRecords(path, { onWarning }),
    close(): void {
      file?.close();
      file = null;
    },
  };
}

/**
 * Append rows to a JSONL file in one call (open, append, close).
 *
 * @example
 * ```ts
 * import { appendRecords, readRecords } from "./jsonl.ts";
 * const dir = Deno.makeTempDirSync();
 * appendRecords(`${dir}/r.jsonl`, [{ run: "a", seed: 1, step: 0, loss: 0.5 }]);
 * readRecords(`${dir}/r.jsonl`)[0].loss; // 0.5
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function appendRecords(
  path: string,
  rows: RecordRow | readonly RecordRow[],
  opts: RecorderOptions = {},
): void {
  const rec = openRecorder(path, opts);
  try {
    rec.append(rows);
  } finally {
    rec.close();
  }
}

/**
 * Read the rows of one JSONL file or several (concatenated in the order given). A missing file reads as no rows.
 * Blank lines are ignored.
 *
 * @throws {SyntaxError} for an unparsable line that is not the last one (message `<path>:<line>: ...`).
 * @throws {TypeError|RangeError} for a parsed line that is not a valid row (same prefix).
 *
 * @example
 * ```ts
 * import { appendRecords, readRecords } from "./jsonl.ts";
 * const dir = Deno.makeTempDirSync();
 * appendRecords(`${dir}/shard0.jsonl`, [{ run: "a", seed: 0, step: 0, r: 1 }]);
 * appendRecords(`${dir}/shard1.jsonl`, [{ run: "b", seed: 1, step: 0, r: 2 }]);
 * const rows = readRecords([`${dir}/shard0.jsonl`, `${dir}/shard1.jsonl`, `${dir}/missing.jsonl`]);
 * // rows.map((r) => r.run) → ["a", "b"]
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function readRecords(paths: string | readonly string[], opts: ReadOptions = {}): RecordRow[] {
  const list = typeof paths === "string" ? [paths] : paths;
  if (!Array.isArray(list)) {
    throw new TypeError(`paths must be a string or an array of strings, got ${describe(paths)}`);
  }
  const rows: RecordRow[] = [];
  for (let i = 0; i < list.length; i++) {
    checkPath(`paths[${i}]`, list[i]);
    let text: string;
    try {
      text = Deno.readTextFileSync(list[i]);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) continue;
      throw err;
    }
    for (const row of parseRecords(text, list[i], { dedup: false, onWarning: opts.onWarning })) {
      rows.push(row);
    }
  }
  return (opts.dedup ?? true) ? dedupRecords(rows) : rows;
}

/**
 * Parse JSONL text into rows, with the same rules as {@link readRecords}; `source` names the text in messages.
 *
 * @example
 * ```ts
 * import { parseRecords } from "./jsonl.ts";
 * const warnings: string[] = [];
 * const rows = parseRecords('{"run":"a","seed":0,"step":0}\n{"run":"a","se', "demo", {
 *   onWarning: (m) => warnings.push(m),
 * });
 * // rows.length === 1, warnings[0] starts with "demo:2: skipped"
 * ```
 */
export function parseRecords(text: string, source = "records", opts: ReadOptions = {}): RecordRow[] {
  if (typeof text !== "string") throw new TypeError(`text must be a string, got ${describe(text)}`);
  const onWarning = opts.onWarning ?? console.warn;
  const lines = text.split("\n");
  let last = lines.length - 1;
  while (last >= 0 && lines[last].trim() === "") last--;
  const rows: RecordRow[] = [];
  for (let i = 0; i <= last; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      if (i === last) {
        onWarning(`${source}:${i + 1}: skipped a torn or corrupt last line (${preview(line)})`);
        break;
      }
      throw new SyntaxError(`${source}:${i + 1}: corrupt record line (${(err as Error).message})`, {
        cause: err,
      });
    }
    try {
      rows.push(validateRow(value));
    } catch (err) {
      const E = err instanceof RangeError ? RangeError : TypeError;
      throw new E(`${source}:${i + 1}: ${(err as Error).message}`, { cause: err });
    }
  }
  return (opts.dedup ?? true) ? dedupRecords(rows) : rows;
}

/**
 * A recorder that keeps rows in memory (a notebook that does not save), with in-memory checkpoints, so a run
 * stopped with an `AbortSignal` can still be resumed in the same session.
 *
 * @example
 * ```ts
 * import { memoryRecorder } from "./jsonl.ts";
 * const rec = memoryRecorder();
 * rec.append({ run: "a", seed: 0, step: 0, x: 1 });
 * rec.rows.length; // 1
 * ```
 */
export function memoryRecorder(): MemoryRecorder {
  const rows: RecordRow[] = [];
  let closed = false;
  return {
    path: null,
    rows,
    checkpoints: memoryCheckpointStore(),
    append(input: RecordRow | readonly RecordRow[]): void {
      if (closed) throw new Error("memory recorder is closed");
      for (const row of toRowList(input).map(validateRow)) rows.push(row);
    },
    read: () => dedupRecords(rows),
    close(): void {
      closed = true;
    },
  };
}

function toRowList(rows: RecordRow | readonly RecordRow[]): readonly RecordRow[] {
  if (Array.isArray(rows)) return rows;
  if (typeof rows !== "object" || rows === null) {
    throw new TypeError(`rows must be a record row or an array of rows, got ${describe(rows)}`);
  }
  return [rows as RecordRow];
}

function checkPath(name: string, path: unknown): void {
  if (typeof path !== "string" || path.length === 0) {
    throw new TypeError(`${name} must be a non-empty string, got ${describe(path)}`);
  }
}

function preview(line: string): string {
  return line.length > 60 ? `${JSON.stringify(line.slice(0, 60))}...` : JSON.stringify(line);
}

/**
 * Make the file end with a complete line: a last line that does not parse (a torn write) is cut off; a complete
 * last line missing its newline gets one.
 */
function repairTail(path: string, onWarning: (message: string) => void): void {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true, write: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  try {
    const size = file.statSync().size;
    if (size === 0) return;
    const terminated = readAt(file, size - 1, 1)[0] === 0x0a;
    const end = terminated ? size - 1 : size;
    const start = lastLineStart(file, end);
    const line = new TextDecoder().decode(readAt(file, start, end - start)).trim();
    if (line === "" || parses(line)) {
      if (!terminated) {
        file.seekSync(0, Deno.SeekMode.End);
        writeAll(file, new Uint8Array([0x0a]));
      }
      return;
    }
    file.truncateSync(start);
    onWarning(`${path}: cut off a torn last line before appending (${preview(line)})`);
  } finally {
    file.close();
  }
}

/** Byte offset just after the last newline before `end` (0 when there is none). */
function lastLineStart(file: Deno.FsFile, end: number): number {
  const chunk = 65536;
  let pos = end;
  while (pos > 0) {
    const from = Math.max(0, pos - chunk);
    const bytes = readAt(file, from, pos - from);
    const i = bytes.lastIndexOf(0x0a);
    if (i >= 0) return from + i + 1;
    pos = from;
  }
  return 0;
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
