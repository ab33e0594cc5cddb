/**
 * The self-contained HTML report of a `repro` run, and the CSV files beside it.
 *
 * @module
 */
import { figureDiv, htmlPage, tableHtml } from "../plot/mod.ts";
import { writeCsv } from "../record/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import type { Experiment, ExperimentReport, ResultTable, Scale } from "./experiment.ts";

/** One experiment's part of the report. */
export interface ReportSection {
  /** The experiment. */
  experiment: Experiment;
  /** Its figures and tables. */
  report: ExperimentReport;
  /** All its records. */
  records: RecordRow[];
  /** Runs with a `done` record, and runs in the sweep. */
  runsDone: number;
  /** Runs in the sweep at this scale. */
  runsTotal: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "table";
}

/** Rows of a {@link ResultTable} as CSV-ready records. */
function tableRows(table: ResultTable): Record<string, string | number | null>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? null])));
}

/**
 * Write `<dir>/<module>/<experiment>.csv` (records), `<dir>/<module>/<experiment>.<table>.csv` (tables) and the
 * report `<dir>/index.html` (every figure and table; plotly.js inlined once, so it opens offline).
 *
 * @example
 * ```ts ignore
 * import { writeReport } from "./report.ts";
 * await writeReport("results", sections, { scale: "quick" });
 * ```
 */
export async function writeReport(
  dir: string,
  sections: ReportSection[],
  meta: { scale: Scale; title?: string },
): Promise<string> {
  const body: string[] = [];
  const title = meta.title ?? "reprl reproduction report";
  body.push(`<h1>${escapeHtml(title)}</h1>`);
  body.push(
    `<p>Scale: <b>${meta.scale}</b>. Generated ${
      new Date().toISOString()
    } by <code>deno task repro</code>.</p>`,
  );
  body.push("<ul>");
  for (const s of sections) {
    const id = `${s.experiment.module}-${s.experiment.name}`;
    body.push(
      `<li><a href="#${id}">${escapeHtml(s.experiment.module)}: ${escapeHtml(s.experiment.title)}</a></li>`,
    );
  }
  body.push("</ul>");

  for (const s of sections) {
    const exp = s.experiment;
    const folder = `${dir}/${exp.module}`;
    await Deno.mkdir(folder, { recursive: true });
    writeCsv(`${folder}/${exp.name}.csv`, s.records);
    const id = `${exp.module}-${exp.name}`;
    body.push(`<section id="${id}"><h2>${escapeHtml(exp.module)}: ${escapeHtml(exp.title)}</h2>`);
    body.push(`<p>${escapeHtml(exp.description)}</p>`);
    const missing = s.runsTotal - s.runsDone;
    body.push(
      `<p class="runs">Runs done: ${s.runsDone} / ${s.runsTotal}${
        missing > 0 ? ` (<b>${missing} missing</b>: results below are partial)` : ""
      }. Records: <code>${exp.module}/${exp.name}.csv</code>.</p>`,
    );
    for (const f of s.report.figures) {
      body.push(`<figure>${figureDiv(f.figure, { id: `${id}-${f.id}` })}`);
      if (f.caption) body.push(`<figcaption>${escapeHtml(f.caption)}</figcaption>`);
      body.push("</figure>");
    }
    for (const t of s.report.tables) {
      writeCsv(`${folder}/${exp.name}.${slug(t.title)}.csv`, tableRows(t));
      body.push(tableHtml({ columns: t.columns, rows: t.rows, caption: t.title }));
      if (t.note) body.push(`<p class="note">${escapeHtml(t.note)}</p>`);
    }
    body.push("</section>");
  }
  const style =
    `<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}` +
    `table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}` +
    `th{background:#f4f4f4}caption{font-weight:bold;text-align:left}.note{color:#555;font-size:0.9em}` +
    `figcaption{color:#555;font-size:0.9em}</style>`;
  const html = await htmlPage({ title, body: style + body.join("\n"), includePlotly: true });
  const path = `${dir}/index.html`;
  await Deno.writeTextFile(path, html);
  return path;
}
