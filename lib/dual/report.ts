/**
 * The dual experiments' shared reporting: algorithm display names, learner records forwarded to a run's log, the
 * "mean [95% CI]" score cell and the score curves.
 *
 * @module
 */
import { bandFromRows, lineWithBand } from "../plot/line.ts";
import type { Figure } from "../plot/figure.ts";
import { aggregate, lastPerRun, meanCi95 } from "../record/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import type { RunContext } from "../repro/experiment.ts";

/**
 * Display name of each offline-RL and imitation algorithm id.
 *
 * @example
 * ```ts
 * import { ALGO_LABEL } from "./report.ts";
 * ALGO_LABEL["fdvl-chi2"]; // "f-DVL χ²"
 * ```
 */
export const ALGO_LABEL: Readonly<Record<string, string>> = Object.freeze({
  "fdvl-chi2": "f-DVL χ²",
  "fdvl-tv": "f-DVL TV",
  iql: "IQL",
  xql: "XQL",
  "xql-raw": "XQL (no clip/rescale)",
  cql: "CQL",
  bc: "BC",
  recoil: "ReCOIL",
  "recoil-chi2": "ReCOIL χ² dual-Q",
  iqlearn: "IQ-Learn (offline)",
  smodice: "SMODICE-style",
  "bc-expert": "BC (expert only)",
  "bc-all": "BC (all data)",
});

/**
 * Forward a learner's record rows to the run log with `tags` (the learner's own `run` and `seed` fields dropped).
 *
 * @example
 * ```ts ignore
 * logRecords(ctx, res.records, { level: "medium", algo: "bc" });
 * ```
 */
export function logRecords(ctx: RunContext, records: RecordRow[], tags: Record<string, string>): void {
  for (const r of records) {
    const { run: _run, seed: _seed, step, ...metrics } = r;
    ctx.log(step as number, { ...tags, ...metrics } as Record<string, number | string | boolean>);
  }
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : "—";
}

/**
 * The number of runs in `rows` with a logged `score` and the "mean [95% CI]" cell of each run's last score.
 *
 * @example
 * ```ts
 * import { scoreCell } from "./report.ts";
 * scoreCell([{ run: "a", seed: 0, step: 1, score: 10 }, { run: "b", seed: 1, step: 1, score: 20 }]).runs; // 2
 * ```
 */
export function scoreCell(rows: RecordRow[]): { runs: number; cell: string } {
  const scores = lastPerRun(rows.filter((r) => typeof r.score === "number"), "score").map((r) =>
    r.score as number
  );
  if (scores.length >= 2) {
    const ci = meanCi95(scores);
    return { runs: scores.length, cell: `${fmt(ci.mean)} [${fmt(ci.lo)}, ${fmt(ci.hi)}]` };
  }
  return { runs: scores.length, cell: scores.length === 1 ? fmt(scores[0]) : "—" };
}

/**
 * Curves of the D4RL-normalised score per algorithm over gradient steps (mean and 95% CI over seeds); every
 * algorithm needs at least one scored row.
 *
 * @example
 * ```ts
 * import { scoreCurves } from "./report.ts";
 * const rows = [0, 1].map((seed) => ({ run: `bc/s${seed}`, seed, step: 100, algo: "bc", score: 40 + seed }));
 * scoreCurves(rows, ["bc"], "BC");
 * ```
 */
export function scoreCurves(rows: RecordRow[], algos: string[], title: string): Figure {
  const points = aggregate(rows.filter((r) => typeof r.score === "number"), {
    metric: "score",
    groupBy: ["algo"],
  });
  return lineWithBand({
    series: algos.map((algo) =>
      bandFromRows(ALGO_LABEL[algo] ?? algo, points.filter((p) => p.algo === algo))
    ),
    title,
    xTitle: "gradient steps",
    yTitle: "D4RL-normalised score",
  });
}
