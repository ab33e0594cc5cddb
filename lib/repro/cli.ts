/**
 * The `deno task repro` command line: run registered experiments, resume, shard, merge, and write the report.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { checkOneOf } from "../core/errors.ts";
import { readRecords, runStatus } from "../record/mod.ts";
import { runId, validateExperiment } from "./experiment.ts";
import type { Experiment, Scale } from "./experiment.ts";
import { parseShard } from "./shard.ts";
import { recordFiles, runExperiment, scaleFromEnv } from "./runner.ts";
import { writeReport } from "./report.ts";
import type { ReportSection } from "./report.ts";

/** Experiments by module name: the registry that paper modules add to (see `catalog.ts` at the root). */
export type Catalog = Record<string, Experiment[]>;

const USAGE =
  `Usage: deno task repro [module...] [--scale quick|full] [--out results] [--shard i/n] [--merge] [--list]

  module...      modules to run (default: all registered)
  --scale        quick (minutes on a 2-core CPU, default; or REPRL_SCALE) or full (the papers' setting, GPU)
  --out          results folder (default: results)
  --shard i/n    run every n-th run starting at i (0-based), e.g. a Slurm array task or Kubernetes indexed job;
                 records go to <out>/<module>/<experiment>.shard-i-of-n.jsonl, and no report is written
  --merge        run nothing: join every shard's records under --out and write the report
  --list         list modules, experiments and run counts, then exit

Re-running skips finished runs; an interrupted run (Ctrl-C) keeps its records and is resumed next time.`;

/** Parsed command line of `repro`. */
export interface ReproArgs {
  /** Selected modules. */
  modules: string[];
  /** Scale. */
  scale: Scale;
  /** Results folder. */
  out: string;
  /** Shard text `i/n`, if given. */
  shard?: string;
  /** Merge mode. */
  merge: boolean;
  /** List mode. */
  list: boolean;
}

/**
 * Parse `repro`'s arguments against a catalog; unknown modules or options throw a RangeError naming them.
 *
 * @example
 * ```ts
 * import { parseReproArgs } from "./cli.ts";
 * parseReproArgs(["quickstart", "--scale", "quick"], { quickstart: [] }).modules; // ["quickstart"]
 * ```
 */
export function parseReproArgs(argv: string[], catalog: Catalog): ReproArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        scale: { type: "string" },
        out: { type: "string", default: "results" },
        shard: { type: "string" },
        merge: { type: "boolean", default: false },
        list: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new RangeError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new RangeError(USAGE);
  const known = Object.keys(catalog);
  for (const m of positionals) {
    if (!known.includes(m)) {
      throw new RangeError(`module must be one of ${known.join(", ")}, got ${JSON.stringify(m)}`);
    }
  }
  const scale = values.scale === undefined
    ? scaleFromEnv()
    : checkOneOf("--scale", values.scale, ["quick", "full"] as const);
  if (values.shard !== undefined) parseShard(values.shard);
  if (values.merge && values.shard !== undefined) {
    throw new RangeError("--merge and --shard cannot be combined");
  }
  return {
    modules: positionals.length ? positionals : known,
    scale,
    out: values.out ?? "results",
    shard: values.shard,
    merge: values.merge ?? false,
    list: values.list ?? false,
  };
}

/**
 * Run `repro` with the given arguments. Returns the report path (or null when sharded / listing).
 *
 * @example
 * ```ts ignore
 * import { repro } from "./cli.ts";
 * import { catalog } from "../../catalog.ts";
 * await repro(["quickstart"], catalog);
 * ```
 */
export async function repro(
  argv: string[],
  catalog: Catalog,
  opts: { signal?: AbortSignal } = {},
): Promise<string | null> {
  const args = parseReproArgs(argv, catalog);
  const selected = args.modules.flatMap((m) => catalog[m]);
  if (args.list) {
    for (const exp of selected) {
      console.log(
        `${exp.module}/${exp.name}: ${exp.title} (${exp.runs(args.scale).length} runs at ${args.scale})`,
      );
    }
    return null;
  }
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const sections: ReportSection[] = [];
  for (const exp of selected) {
    const specs = validateExperiment(exp, args.scale);
    if (args.merge) {
      const records = readRecords(recordFiles(args.out, exp));
      const status = runStatus(records);
      const runsDone = specs.filter((s) => status.get(runId(exp, s))?.done).length;
      const report = await exp.report(records, args.scale);
      sections.push({ experiment: exp, report, records, runsDone, runsTotal: specs.length });
      continue;
    }
    const result = await runExperiment(exp, {
      scale: args.scale,
      dir: args.out,
      shard,
      signal: opts.signal,
      report: shard === undefined || shard.count === 1,
    });
    const c = result.counts;
    console.error(
      `${exp.module}/${exp.name}: ${c.executed} run(s) executed, ${c.skipped} already done, ${c.inShard} in shard, ` +
        `${c.total} in sweep`,
    );
    if (shard === undefined || shard.count === 1) {
      sections.push({
        experiment: exp,
        report: result,
        records: result.records,
        runsDone: c.total,
        runsTotal: c.total,
      });
    }
  }
  if (shard !== undefined && shard.count > 1) {
    console.error(
      `shard ${args.shard} finished; when every shard is done: deno task repro --merge --out ${args.out}`,
    );
    return null;
  }
  const path = await writeReport(args.out, sections, { scale: args.scale });
  console.error(`report: ${path}`);
  return path;
}
