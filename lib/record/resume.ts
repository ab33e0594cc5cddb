/**
 * The run lifecycle: a run logs one row per step, checkpoints its state, and can be killed and resumed.
 *
 * - **Done marker**: the row of a run's last step carries `done: true` (the only row with a `done` column set); a
 *   run is done once that row is in its records. `done` is therefore reserved: a step may not return it.
 * - **Checkpoint**: after the row of step `t` has been appended, the state is saved as `{ run, seed, step: t,
 *   state }` (see `checkpoint.ts`; for a file recorder `<path>.ckpt/<run>.json`, replaced atomically). It is written
 *   every `checkpointEvery` steps (when `(t + 1) % checkpointEvery === 0`) and when the run is stopped through its
 *   `AbortSignal`, and deleted once the done row is written.
 * - **Resume**: a run that has rows but no done row restarts from its checkpoint at step `c`, at step `c + 1`. Rows
 *   it logged after `c` before it died are logged again; readers keep the last row of each `(run, step)`
 *   ({@link dedupRecords}), so the records of "kill, then resume" equal those of an uninterrupted run whenever
 *   `step` is deterministic given the state (draw randomness from an `Rng` kept in the state). Without a usable
 *   checkpoint the run starts over from `init(seed)`.
 *
 * @module
 */
import { checkFunction, checkInteger, describe } from "../core/errors.ts";
import { openRecorder, type Recorder } from "./jsonl.ts";
import { type RecordRow, type RecordValue, validateRow } from "./types.ts";

/** The metric that marks the last row of a finished run. */
export const DONE_KEY = "done";

/** What {@link runStatus} knows about one run. */
export interface RunStatus {
  /** The run's seed. */
  seed: number;
  /** Largest logged step. */
  lastStep: number;
  /** Whether a row with `done: true` was logged. */
  done: boolean;
  /** The run's rows, in the order given. */
  rows: RecordRow[];
}

/**
 * Group rows by run and tell, for each, its seed, last logged step and whether it is done. Pass deduplicated rows
 * (as {@link readRecords} returns them).
 *
 * @throws {RangeError} when one run name appears with two different seeds (two runs share a name).
 *
 * @example
 * ```ts
 * import { runStatus } from "./resume.ts";
 * const status = runStatus([
 *   { run: "a", seed: 0, step: 0, r: 1 },
 *   { run: "a", seed: 0, step: 1, r: 2, done: true },
 *   { run: "b", seed: 1, step: 0, r: 0 },
 * ]);
 * status.get("a")?.done; // true
 * status.get("b")?.lastStep; // 0
 * ```
 */
export function runStatus(rows: readonly RecordRow[]): Map<string, RunStatus> {
  if (!Array.isArray(rows)) {
    throw new TypeError(`rows must be an array of record rows, got ${describe(rows)}`);
  }
  const out = new Map<string, RunStatus>();
  for (const row of rows) {
    const s = out.get(row.run);
    if (s === undefined) {
      out.set(row.run, { seed: row.seed, lastStep: row.step, done: row[DONE_KEY] === true, rows: [row] });
      continue;
    }
    if (s.seed !== row.seed) {
      throw new RangeError(
        `run ${
          JSON.stringify(row.run)
        } has rows with seed ${s.seed} and seed ${row.seed}; run names must be unique`,
      );
    }
    s.lastStep = Math.max(s.lastStep, row.step);
    s.done ||= row[DONE_KEY] === true;
    s.rows.push(row);
  }
  return out;
}

/** Metrics returned by one step: plain values (numbers must be finite). */
export type StepMetrics = Record<string, RecordValue>;

/** Progress report after each step of {@link resumableRun}. */
export interface RunProgress {
  /** The run's name. */
  run: string;
  /** The step that just finished (0-based). */
  step: number;
  /** Total number of steps of the run. */
  steps: number;
}

/** Options of {@link resumableRun}; `S` is the run's mutable state (environment, agent, `Rng`, ...). */
export interface ResumableRunOptions<S> {
  /** A JSONL path (opened and closed here) or an open {@link Recorder} (left open). */
  recorder: string | Recorder;
  /** Unique run name within the records. */
  run: string;
  /** Integer seed, logged on every row and passed to `init`. */
  seed: number;
  /** Number of steps; steps `0 .. steps − 1` are run. */
  steps: number;
  /** Fresh state for a seed. */
  init: (seed: number) => S | Promise<S>;
  /** Advance `state` in place by step `t` and return that step's metrics. */
  step: (state: S, t: number) => StepMetrics | Promise<StepMetrics>;
  /** The state as JSON-serialisable data (e.g. `rng.getState()`, weights as number arrays). */
  save: (state: S) => unknown;
  /** Rebuild a state from what `save` returned. */
  load: (json: unknown) => S | Promise<S>;
  /** Checkpoint after every `checkpointEvery`-th step. Default 1. */
  checkpointEvery?: number;
  /**
   * Checked after every step: when aborted, the run checkpoints and throws `signal.reason` (an abort during the
   * last step lets the run finish).
   */
  signal?: AbortSignal;
  /** Called after each step. */
  onProgress?: (progress: RunProgress) => void;
  /** With a path recorder: fsync each append and checkpoint. Default false. */
  fsync?: boolean;
}

/** Result of {@link resumableRun}. */
export interface ResumableRunResult {
  /** The run's rows, steps `0 .. steps − 1`, exactly as a reader gets them back. */
  rows: RecordRow[];
  /** The first step run in this call when it continued from a checkpoint, else `null`. */
  resumedFrom: number | null;
  /** True when the run was already done and nothing was run. */
  alreadyDone: boolean;
}

/**
 * Run (or finish, or skip) one logged, checkpointed run. If the records already hold the run's done row, its rows
 * are returned and nothing runs. If they hold part of it and a checkpoint exists, the state is loaded and the run
 * continues after the checkpoint. Otherwise it starts from `init(seed)`.
 *
 * @throws {RangeError} when the records hold this run with another seed, or rows beyond `steps` without a done row.
 * @throws the abort reason when `signal` fires (after the current step's row and a checkpoint are written).
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { resumableRun } from "./resume.ts";
 * import { memoryRecorder } from "./jsonl.ts";
 * const recorder = memoryRecorder();
 * const { rows } = await resumableRun({
 *   recorder,
 *   run: "walk/seed=3",
 *   seed: 3,
 *   steps: 5,
 *   init: (seed) => ({ rng: new Rng(seed), x: 0 }),
 *   step: (s) => {
 *     s.x += s.rng.normal();
 *     return { x: s.x };
 *   },
 *   save: (s) => ({ rng: s.rng.getState(), x: s.x }),
 *   load: (j) => {
 *     const { rng, x } = j as { rng: number[]; x: number };
 *     return { rng: Rng.fromState(rng), x };
 *   },
 * });
 * // rows.length === 5, rows[4].done === true
 * ```
 */
export async function resumableRun<S>(opts: ResumableRunOptions<S>): Promise<ResumableRunResult> {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { run, seed, steps, init, step, save, load, signal, onProgress } = opts;
  if (typeof run !== "string" || run.length === 0) {
    throw new TypeError(`run must be a non-empty string, got ${describe(run)}`);
  }
  checkInteger("seed", seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
  checkInteger("steps", steps, { min: 1 });
  const checkpointEvery = checkInteger("checkpointEvery", opts.checkpointEvery ?? 1, { min: 1 });
  checkFunction("init", init);
  checkFunction("step", step);
  checkFunction("save", save);
  checkFunction("load", load);
  if (onProgress !== undefined) checkFunction("onProgress", onProgress);
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describe(signal)}`);
  }
  const ownRecorder = typeof opts.recorder === "string";
  const recorder = typeof opts.recorder === "string"
    ? openRecorder(opts.recorder, { fsync: opts.fsync })
    : checkRecorder(opts.recorder);
  try {
    const existing = runStatus(recorder.read().filter((r) => r.run === run)).get(run);
    if (existing !== undefined && existing.seed !== seed) {
      throw new RangeError(
        `run ${JSON.stringify(run)} is already recorded with seed ${existing.seed}, got seed ${seed}`,
      );
    }
    if (existing?.done) return { rows: existing.rows, resumedFrom: null, alreadyDone: true };
    if (existing !== undefined && existing.lastStep >= steps) {
      throw new RangeError(
        `run ${JSON.stringify(run)} has rows up to step ${existing.lastStep} but steps is ${steps}; ` +
          `use a new run name or remove its records`,
      );
    }
    signal?.throwIfAborted();

    let state: S;
    let start = 0;
    const rows: RecordRow[] = [];
    const ckpt = recorder.checkpoints.load(run);
    const usable = ckpt !== null && existing !== undefined && ckpt.seed === seed &&
      existing.rows.some((r) => r.step === ckpt.step);
    if (usable) {
      state = await load(ckpt.state);
      start = ckpt.step + 1;
      for (const r of existing.rows) if (r.step <= ckpt.step) rows.push(r);
    } else {
      state = await init(seed);
    }

    for (let t = start; t < steps; t++) {
      const metrics = await step(state, t);
      const last = t === steps - 1;
      const row = validateRow({
        ...checkMetrics(metrics, t),
        run,
        seed,
        step: t,
        ...(last ? { done: true } : {}),
      });
      recorder.append(row);
      rows.push(row);
      if (last) {
        recorder.checkpoints.remove(run);
      } else if (signal?.aborted || (t + 1) % checkpointEvery === 0) {
        const json = await save(state);
        if (json === undefined) throw new TypeError(`save must return JSON-serialisable data, got undefined`);
        recorder.checkpoints.save({ run, seed, step: t, state: json });
      }
      onProgress?.({ run, step: t, steps });
      if (!last) signal?.throwIfAborted();
    }
    return { rows, resumedFrom: usable ? start : null, alreadyDone: false };
  } finally {
    if (ownRecorder) recorder.close();
  }
}

function checkMetrics(metrics: unknown, t: number): StepMetrics {
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new TypeError(`step must return an object of metrics, got ${describe(metrics)} at step ${t}`);
  }
  for (const key of ["run", "seed", "step", DONE_KEY]) {
    if (key in metrics) {
      throw new TypeError(`step must not return the reserved key ${JSON.stringify(key)} (at step ${t})`);
    }
  }
  return metrics as StepMetrics;
}

function checkRecorder(recorder: unknown): Recorder {
  const r = recorder as Partial<Recorder> | null;
  if (
    typeof r !== "object" || r === null || typeof r.append !== "function" || typeof r.read !== "function" ||
    typeof r.checkpoints !== "object"
  ) {
    throw new TypeError(`recorder must be a path or a Recorder, got ${describe(recorder)}`);
  }
  return r as Recorder;
}
