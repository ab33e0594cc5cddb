/**
 * Running experiments: in memory (notebooks) or on disk with resume and sharding (the `repro` job).
 *
 * @module
 */
import { Rng } from "../core/rng.ts";
import { checkOneOf } from "../core/errors.ts";
import { progress } from "../core/progress.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { memoryRecorder, openRecorder, readRecords, runStatus } from "../record/mod.ts";
import type { Recorder, RecordRow } from "../record/mod.ts";
import { runId, validateExperiment } from "./experiment.ts";
import type { Experiment, ExperimentReport, RunSpec, Scale } from "./experiment.ts";
import { shardItems, shardSuffix } from "./shard.ts";
import type { Shard } from "./shard.ts";

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /** Scale of the sweep; default `REPRL_SCALE` or `"quick"`. */
  scale?: Scale;
  /**
   * Results folder; records go to `<dir>/<module>/<name>[.shard-i-of-n].jsonl` and runs already done there are
   * skipped. Default: the `REPRL_RECORDS_DIR` environment variable (so notebooks executed with it set leave their
   * records for `deno task repro --out` to reuse, as CI does), else records stay in memory.
   */
  dir?: string;
  /** Run only this shard of the sweep (requires `dir`). */
  shard?: Shard;
  /** Stop request, checked between runs and passed to each run. */
  signal?: AbortSignal;
  /** Show a progress bar (terminal, CI log or Jupyter); default true. */
  showProgress?: boolean;
  /** Called after each finished run with (done, total). */
  onProgress?: ProgressCallback;
  /** Build the report (figures and tables); default true. Shards skip it until `--merge`. */
  report?: boolean;
}

/** What {@link runExperiment} returns. */
export interface ExperimentResult extends ExperimentReport {
  /** Every record of the experiment (all runs, including ones finished earlier). */
  records: RecordRow[];
  /** Runs executed now / skipped because already done / total in this shard / total in the sweep. */
  counts: { executed: number; skipped: number; inShard: number; total: number };
}

/** The scale named by `REPRL_SCALE` (default `"quick"`). */
export function scaleFromEnv(): Scale {
  let value: string | undefined;
  try {
    value = Deno.env.get("REPRL_SCALE");
  } catch {
    value = undefined; // no env permission: use the default
  }
  return checkOneOf("REPRL_SCALE", value ?? "quick", ["quick", "full"] as const);
}

/** `REPRL_RECORDS_DIR`, or undefined when it is unset, empty or unreadable (no env permission). */
function recordsDirFromEnv(): string | undefined {
  try {
    return Deno.env.get("REPRL_RECORDS_DIR") || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Record which scale an experiment's records in `dir` belong to (`<dir>/<module>/<name>.scale`), and refuse to mix
 * scales: run keys do not name the scale, so quick runs would otherwise count as done for a full sweep.
 */
function claimScale(dir: string, exp: Experiment, scale: Scale): void {
  const path = `${dir}/${exp.module}/${exp.name}.scale`;
  let previous: string | undefined;
  try {
    previous = Deno.readTextFileSync(path).trim();
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (previous === undefined) {
    Deno.mkdirSync(`${dir}/${exp.module}`, { recursive: true });
    Deno.writeTextFileSync(path, `${scale}\n`);
  } else if (previous !== scale) {
    throw new RangeError(
      `${dir} holds ${exp.module}/${exp.name} records at scale ${previous}, not ${scale}: use another results ` +
        `folder for the ${scale} sweep`,
    );
  }
}

/** Path of an experiment's record file (per shard). */
export function recordPath(dir: string, exp: Experiment, shard: Shard = { index: 0, count: 1 }): string {
  return `${dir}/${exp.module}/${exp.name}${shardSuffix(shard)}.jsonl`;
}

/** Every record file of an experiment in `dir`, all shards included. */
export function recordFiles(dir: string, exp: Experiment): string[] {
  const folder = `${dir}/${exp.module}`;
  const files: string[] = [];
  try {
    for (const entry of Deno.readDirSync(folder)) {
      const n = entry.name;
      if (
        entry.isFile && n.endsWith(".jsonl") &&
        (n === `${exp.name}.jsonl` || n.startsWith(`${exp.name}.shard-`))
      ) {
        files.push(`${folder}/${n}`);
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return files.sort();
}

/**
 * Execute one run. Rows are appended one step late so that the run's last row can carry the `done: true` marker of
 * lib/record; a stopped or failed run flushes its rows without it and is executed again next time (readers keep the
 * last copy of each (run, step), so re-logged steps do not duplicate). Because `(run, step)` is a row's key, a run
 * that logs the same step twice is refused (a RangeError naming the step): on disk the second row would silently
 * replace the first, so in-memory and on-disk reports would differ.
 */
async function executeRun(
  exp: Experiment,
  spec: RunSpec,
  scale: Scale,
  recorder: Recorder,
  signal?: AbortSignal,
) {
  const run = runId(exp, spec);
  let pending: RecordRow | undefined;
  const logged = new Set<number>();
  try {
    await exp.execute(spec, {
      rng: new Rng(spec.seed),
      scale,
      signal,
      log(step, metrics) {
        if (logged.has(step)) {
          throw new RangeError(
            `${run}: step ${step} was already logged by this run; records keep one row per (run, step), so log ` +
              "further rows of the same step under other steps or merge them into one row",
          );
        }
        logged.add(step);
        if (pending) recorder.append(pending);
        pending = { ...metrics, run, seed: spec.seed, step };
      },
    });
    signal?.throwIfAborted();
  } catch (e) {
    if (pending) recorder.append(pending);
    throw e;
  }
  recorder.append({ ...(pending ?? { run, seed: spec.seed, step: 0 }), done: true });
}

/**
 * Run every run of an experiment (or of one shard), skipping runs already done in `dir`, then build its report.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "./runner.ts";
 * import { quickstartExperiments } from "../quickstart/experiments.ts";
 * const { figures, tables } = await runExperiment(quickstartExperiments[0], { scale: "quick" });
 * ```
 */
export async function runExperiment(
  exp: Experiment,
  opts: RunExperimentOptions = {},
): Promise<ExperimentResult> {
  const scale = checkOneOf("scale", opts.scale ?? scaleFromEnv(), ["quick", "full"] as const);
  const shard = opts.shard ?? { index: 0, count: 1 };
  const dir = opts.dir ?? recordsDirFromEnv();
  if (shard.count > 1 && dir === undefined) {
    throw new TypeError("shard requires dir (records must be on disk)");
  }
  const all = validateExperiment(exp, scale);
  const mine = shardItems(all, shard);
  if (dir !== undefined) claimScale(dir, exp, scale);

  const existing = dir === undefined ? [] : readRecords(recordFiles(dir, exp));
  const status = runStatus(existing);
  const todo = mine.filter((spec) => !status.get(runId(exp, spec))?.done);
  const recorder: Recorder = dir === undefined ? memoryRecorder() : openRecorder(recordPath(dir, exp, shard));
  const bar = opts.showProgress === false
    ? undefined
    : progress({ total: mine.length, label: `${exp.module}/${exp.name}` });
  let done = mine.length - todo.length;
  bar?.update(done);
  try {
    for (const spec of todo) {
      opts.signal?.throwIfAborted();
      await executeRun(exp, spec, scale, recorder, opts.signal);
      done++;
      bar?.update(done, { run: spec.key });
      opts.onProgress?.({ done, total: mine.length });
    }
  } finally {
    bar?.finish();
    recorder.close();
  }

  const records = dir === undefined
    ? (recorder as ReturnType<typeof memoryRecorder>).rows
    : readRecords(recordFiles(dir, exp));
  const report = opts.report === false ? { figures: [], tables: [] } : await exp.report(records, scale);
  return {
    ...report,
    records,
    counts: {
      executed: todo.length,
      skipped: mine.length - todo.length,
      inShard: mine.length,
      total: all.length,
    },
  };
}
