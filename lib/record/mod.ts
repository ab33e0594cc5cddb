/**
 * Run records: every run appends one JSON line per logged step, `{ run, seed, step, ...metrics }`, to a JSONL
 * file, so an interrupted run keeps what it logged and resumes from its last checkpoint ({@link resumableRun}).
 * Records read back as rows ({@link readRecords}), arquero tables ({@link toTable}), curves of the mean and 95%
 * confidence interval across seeds ({@link aggregate}), and CSV/JSON ({@link toCsv}). Shards of a sweep write a
 * file each and merge by concatenation.
 *
 * @example
 * ```ts
 * import { aggregate, memoryRecorder, resumableRun } from "@reprl/reprl/record";
 * const recorder = memoryRecorder();
 * for (const seed of [0, 1, 2]) {
 *   await resumableRun({
 *     recorder,
 *     run: `demo/seed=${seed}`,
 *     seed,
 *     steps: 3,
 *     init: () => ({ total: seed }),
 *     step: (s, t) => ({ total: (s.total += t) }),
 *     save: (s) => s,
 *     load: (json) => json as { total: number },
 *   });
 * }
 * const curve = aggregate(recorder.read(), { metric: "total" }); // 3 points: { step, mean, lo, hi, n: 3 }
 * ```
 *
 * @module
 */
export { dedupRecords, type RecordRow, type RecordValue, RESERVED_KEYS, validateRow } from "./types.ts";
export {
  appendRecords,
  type MemoryRecorder,
  memoryRecorder,
  openRecorder,
  parseRecords,
  type ReadOptions,
  readRecords,
  type Recorder,
  type RecorderOptions,
} from "./jsonl.ts";
export {
  type Checkpoint,
  checkpointFileName,
  type CheckpointStore,
  fileCheckpointStore,
  memoryCheckpointStore,
} from "./checkpoint.ts";
export {
  DONE_KEY,
  resumableRun,
  type ResumableRunOptions,
  type ResumableRunResult,
  type RunProgress,
  type RunStatus,
  runStatus,
  type StepMetrics,
} from "./resume.ts";
export {
  aggregate,
  type AggregateOptions,
  type AggregateRow,
  columnUnion,
  lastPerRun,
  meanCi95,
  type RowLike,
  toTable,
} from "./table.ts";
export { type CsvOptions, type Tabular, toCsv, toJson, writeCsv, writeJson } from "./csv.ts";
