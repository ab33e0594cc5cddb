/**
 * The experiment contract shared by notebooks and the `repro` job: an experiment is a list of independent runs
 * (seeds × configs × tasks, each with a unique key), a function that executes one run and logs records, and a
 * function that turns all records into figures and tables. Notebooks call {@link runExperiment}; `repro` calls the
 * same pieces with on-disk records, resume and sharding.
 *
 * @module
 */
import type { Figure } from "../plot/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import type { Rng } from "../core/rng.ts";
import type { ProgressCallback } from "../core/progress.ts";

/** Experiment scale: `quick` runs in minutes on a 2-core CPU; `full` is the paper's setting (GPU). */
export type Scale = "quick" | "full";

/** One independent run of an experiment. `key` is unique within the experiment and stable across machines. */
export interface RunSpec {
  /** Stable, unique key such as `"seed=3"` or `"task=cartpole/seed=0"`. */
  key: string;
  /** Seed of the run's random stream. */
  seed: number;
  /** Plain JSON config of the run. */
  config: Record<string, unknown>;
}

/** What a run gets while it executes. */
export interface RunContext {
  /** The run's random stream, seeded with `spec.seed`. */
  rng: Rng;
  /** The experiment scale. */
  scale: Scale;
  /** Log metrics for a step; `run` and `seed` are filled in. Each step at most once per run (`(run, step)` keys a row). */
  log(step: number, metrics: Record<string, number | string | boolean | null>): void;
  /** Stop request; a run checks it between steps and throws its reason. */
  signal?: AbortSignal;
  /** Progress of this run (done/total in the run's own units). */
  onProgress?: ProgressCallback;
}

/** A table of results; `columns` typically include the paper's number beside ours. */
export interface ResultTable {
  /** Short title. */
  title: string;
  /** Column headers. */
  columns: string[];
  /** Cells; null renders as an empty cell. */
  rows: (string | number | null)[][];
  /** Where the paper's numbers come from, and what matches or not. */
  note?: string;
}

/** A titled figure of a report. */
export interface ReportFigure {
  /** File-name-safe identifier. */
  id: string;
  /** Plotly figure. */
  figure: Figure;
  /** One or two sentences under the figure. */
  caption?: string;
}

/** What an experiment's `report` returns. */
export interface ExperimentReport {
  /** Figures in display order. */
  figures: ReportFigure[];
  /** Tables in display order. */
  tables: ResultTable[];
}

/**
 * A reproducible experiment. `execute` must be deterministic given `spec` and `ctx.rng`.
 *
 * @example
 * ```ts
 * import type { Experiment } from "./experiment.ts";
 * const coin: Experiment = {
 *   module: "demo",
 *   name: "coin",
 *   title: "Coin flips",
 *   description: "Fraction of heads over 100 flips, per seed.",
 *   runs: (scale) => Array.from({ length: scale === "quick" ? 3 : 30 }, (_, s) => ({ key: `seed=${s}`, seed: s, config: {} })),
 *   execute: (_spec, ctx) => {
 *     let heads = 0;
 *     for (let t = 1; t <= 100; t++) {
 *       heads += ctx.rng.uniform() < 0.5 ? 1 : 0;
 *       ctx.log(t, { heads: heads / t });
 *     }
 *   },
 *   report: () => ({ figures: [], tables: [] }),
 * };
 * ```
 */
export interface Experiment {
  /** Module the experiment belongs to, e.g. `"horizon"`; results go to `results/<module>/`. */
  module: string;
  /** Experiment name, unique within the module, file-name safe. */
  name: string;
  /** Human title for the report. */
  title: string;
  /** What question the experiment answers. */
  description: string;
  /** The runs of the sweep at a scale. */
  runs(scale: Scale): RunSpec[];
  /** Execute one run, logging through `ctx.log`. */
  execute(spec: RunSpec, ctx: RunContext): void | Promise<void>;
  /** Build figures and tables from every run's records. */
  report(rows: RecordRow[], scale: Scale): ExperimentReport | Promise<ExperimentReport>;
}

/** Checks that an experiment is well formed and its run keys are unique at a scale. */
export function validateExperiment(exp: Experiment, scale: Scale): RunSpec[] {
  for (const field of ["module", "name"] as const) {
    if (typeof exp[field] !== "string" || !/^[a-z0-9][a-z0-9_-]*$/i.test(exp[field])) {
      throw new RangeError(
        `experiment.${field} must be a file-name-safe string, got ${JSON.stringify(exp[field])}`,
      );
    }
  }
  const runs = exp.runs(scale);
  const seen = new Set<string>();
  for (const r of runs) {
    if (seen.has(r.key)) {
      throw new RangeError(`${exp.module}/${exp.name}: duplicate run key ${JSON.stringify(r.key)}`);
    }
    seen.add(r.key);
  }
  return runs;
}

/** The record `run` field of a run: `<module>/<experiment>/<key>`. */
export function runId(exp: Experiment, spec: RunSpec): string {
  return `${exp.module}/${exp.name}/${spec.key}`;
}

/**
 * One run per seed for a cell of a sweep: keys `<prefix>/seed=<i>` for i = 0…seeds − 1, seeds `firstSeed + i`,
 * all with `config`.
 *
 * @example
 * ```ts
 * import { seedRuns } from "./experiment.ts";
 * seedRuns("sac", 2, { algo: "sac" }).map((r) => r.key); // ["sac/seed=0", "sac/seed=1"]
 * ```
 */
export function seedRuns(
  prefix: string,
  seeds: number,
  config: Record<string, unknown>,
  firstSeed = 0,
): RunSpec[] {
  if (!Number.isInteger(seeds) || seeds < 0) {
    throw new RangeError(`seeds must be a non-negative integer, got ${seeds}`);
  }
  return Array.from(
    { length: seeds },
    (_, i) => ({ key: `${prefix}/seed=${i}`, seed: firstSeed + i, config }),
  );
}
