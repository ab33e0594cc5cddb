/**
 * Checkpoints of resumable runs: one JSON document per run, `{ run, seed, step, state }`, meaning "the state after
 * step `step` had run and its row had been appended". Beside a JSONL file `<path>` they live in the folder
 * `<path>.ckpt/`, one file per run, replaced atomically (write a temporary file, then rename over the old one), so
 * a process killed at any moment leaves either the old or the new checkpoint, never a torn one.
 *
 * @module
 */
import { describe } from "../core/errors.ts";
import { writeAll } from "./_io.ts";

/** A saved run state: `state` is whatever JSON the run's `save` returned after step `step`. */
export interface Checkpoint {
  /** The run's name. */
  run: string;
  /** The run's seed. */
  seed: number;
  /** The last step whose row was appended before the state was saved. */
  step: number;
  /** JSON from the run's `save`. */
  state: unknown;
}

/** Where a recorder keeps its runs' checkpoints. */
export interface CheckpointStore {
  /** The latest checkpoint of `run`, or `null` when there is none. */
  load(run: string): Checkpoint | null;
  /** Replace the checkpoint of `checkpoint.run` (atomically for the file store). */
  save(checkpoint: Checkpoint): void;
  /** Delete the checkpoint of `run` if there is one. */
  remove(run: string): void;
}

/**
 * The file name of a run's checkpoint: the run name percent-encoded (as `encodeURIComponent`, plus `.`, `*`, `!`,
 * `'`, `(`, `)` and `~`) so any run name (with `/`, spaces, `..`) maps to one safe file name.
 *
 * @example
 * ```ts
 * import { checkpointFileName } from "./checkpoint.ts";
 * checkpointFileName("ppo/cartpole/seed=0"); // "ppo%2Fcartpole%2Fseed%3D0.json"
 * ```
 */
export function checkpointFileName(run: string): string {
  const safe = encodeURIComponent(run).replace(
    /[.*!'()~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${safe}.json`;
}

/**
 * A checkpoint store in a folder: `<dir>/<encoded run>.json`, created on the first save. With `fsync`, the
 * temporary file is flushed to disk before the rename (survives power loss, not only a killed process).
 *
 * @example
 * ```ts
 * import { fileCheckpointStore } from "./checkpoint.ts";
 * const dir = Deno.makeTempDirSync();
 * const store = fileCheckpointStore(`${dir}/runs.jsonl.ckpt`);
 * store.save({ run: "a", seed: 0, step: 4, state: { x: 1 } });
 * store.load("a"); // { run: "a", seed: 0, step: 4, state: { x: 1 } }
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function fileCheckpointStore(dir: string, opts: { fsync?: boolean } = {}): CheckpointStore {
  if (typeof dir !== "string" || dir.length === 0) {
    throw new TypeError(`dir must be a non-empty string, got ${describe(dir)}`);
  }
  const fsync = opts.fsync ?? false;
  const fileOf = (run: string): string => `${dir}/${checkpointFileName(run)}`;
  return {
    load(run: string): Checkpoint | null {
      const file = fileOf(run);
      let text: string;
      try {
        text = Deno.readTextFileSync(file);
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) return null;
        throw err;
      }
      return parseCheckpoint(text, file);
    },
    save(checkpoint: Checkpoint): void {
      const text = JSON.stringify(checkpoint);
      Deno.mkdirSync(dir, { recursive: true });
      const file = fileOf(checkpoint.run);
      const tmp = `${file}.tmp-${Deno.pid}`;
      const handle = Deno.openSync(tmp, { write: true, create: true, truncate: true });
      try {
        writeAll(handle, new TextEncoder().encode(text));
        if (fsync) handle.syncSync();
      } finally {
        handle.close();
      }
      Deno.renameSync(tmp, file);
    },
    remove(run: string): void {
      try {
        Deno.removeSync(fileOf(run));
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
    },
  };
}

/**
 * A checkpoint store in memory (for {@link memoryRecorder}-style notebooks): checkpoints are kept as JSON text, so
 * they are copies exactly as a file store would give them back.
 *
 * @example
 * ```ts
 * import { memoryCheckpointStore } from "./checkpoint.ts";
 * const store = memoryCheckpointStore();
 * store.save({ run: "a", seed: 0, step: 2, state: [1, 2] });
 * store.load("a")?.step; // 2
 * ```
 */
export function memoryCheckpointStore(): CheckpointStore {
  const saved = new Map<string, string>();
  return {
    load: (run) => {
      const text = saved.get(run);
      return text === undefined ? null : parseCheckpoint(text, `checkpoint of run ${JSON.stringify(run)}`);
    },
    save: (checkpoint) => void saved.set(checkpoint.run, JSON.stringify(checkpoint)),
    remove: (run) => void saved.delete(run),
  };
}

function parseCheckpoint(text: string, where: string): Checkpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SyntaxError(`${where}: checkpoint is not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  const c = value as Partial<Checkpoint> | null;
  if (
    typeof c !== "object" || c === null || typeof c.run !== "string" || !Number.isSafeInteger(c.seed) ||
    !Number.isSafeInteger(c.step) || !("state" in c)
  ) {
    throw new TypeError(`${where}: checkpoint must be an object { run, seed, step, state }`);
  }
  return { run: c.run, seed: c.seed as number, step: c.step as number, state: c.state };
}
