/**
 * Display figures and tables inline in the Deno Jupyter kernel (`deno jupyter`). Outside the kernel, `show` prints
 * a one-line summary instead, so the same code runs as a script or in CI.
 *
 * @module
 */
import { describe } from "../core/errors.ts";
import { type Figure, figureTitle, normalizeFigure } from "./figure.ts";
import { figureDiv, PLOTLY_CONFIG, plotlyScriptTag, tableHtml, type TableHtmlOptions } from "./html.ts";
import { tableCells } from "./table.ts";

/** MIME bundle of a figure, as handed to `Deno.jupyter.display(bundle, { raw: true })`. */
export interface PlotlyMimeBundle {
  /** Plotly's own MIME type (JupyterLab, VS Code): the figure plus config. */
  "application/vnd.plotly.v1+json": {
    data: Figure["data"];
    layout: Figure["layout"];
    config: Record<string, unknown>;
  };
  /** Self-rendering HTML (classic Jupyter, nbconvert HTML export); plotly.js inlined in the first one only. */
  "text/html": string;
  /** One-line summary, e.g. `Figure: 2 traces, "Returns"`. */
  "text/plain": string;
}

/** MIME bundle of a table: HTML plus an aligned plain-text rendering. */
export interface TableMimeBundle {
  /** `<table>` from `tableHtml`. */
  "text/html": string;
  /** Columns padded to equal width. */
  "text/plain": string;
}

let plotlyEmbedded = false;

/**
 * One-line description of a figure: `Figure: 2 traces, "Title"` (without the title part when it has none).
 *
 * @example
 * ```ts
 * import { figureSummary } from "./show.ts";
 * figureSummary({ data: [{ y: [1] }, { y: [2] }], layout: { title: { text: "Returns" } } });
 * // 'Figure: 2 traces, "Returns"'
 * ```
 */
export function figureSummary(fig: Figure): string {
  if (typeof fig !== "object" || fig === null || !Array.isArray(fig.data)) {
    throw new TypeError(`fig must be a figure { data, layout }, got ${describe(fig)}`);
  }
  const n = fig.data.length;
  const title = figureTitle(fig);
  return `Figure: ${n} trace${n === 1 ? "" : "s"}${title === "" ? "" : `, ${JSON.stringify(title)}`}`;
}

/**
 * The MIME bundle of a figure: exactly `application/vnd.plotly.v1+json` (`{ data, layout, config }`), `text/html`
 * and `text/plain`. The HTML inlines plotly.js the FIRST time it is built in this process (notebook front ends
 * and nbconvert's HTML export run output scripts in document order, so the first figure defines `window.Plotly`
 * for the rest); later bundles only draw with the existing `window.Plotly`. `includePlotly: true` forces the
 * inlining (e.g. after clearing the first output), `false` never inlines.
 *
 * @example
 * ```ts
 * import { mimeBundle } from "./show.ts";
 * const bundle = await mimeBundle({ data: [{ type: "scatter", y: [1, 3, 2] }], layout: {} });
 * Object.keys(bundle); // ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 * ```
 */
export async function mimeBundle(
  fig: Figure,
  opts: { includePlotly?: boolean; height?: number } = {},
): Promise<PlotlyMimeBundle> {
  const clean = normalizeFigure(fig);
  const { includePlotly } = opts;
  if (includePlotly !== undefined && typeof includePlotly !== "boolean") {
    throw new TypeError(`includePlotly must be a boolean, got ${describe(includePlotly)}`);
  }
  const div = figureDiv(clean, { height: opts.height });
  const embed = includePlotly ?? !plotlyEmbedded;
  const html = embed ? (await plotlyScriptTag()) + div : div;
  if (embed) plotlyEmbedded = true;
  return {
    "application/vnd.plotly.v1+json": {
      data: clean.data,
      layout: clean.layout,
      config: { ...PLOTLY_CONFIG },
    },
    "text/html": html,
    "text/plain": figureSummary(clean),
  };
}

/** The `Deno.jupyter` namespace when running inside the Deno Jupyter kernel, else undefined. */
function kernel(): typeof Deno.jupyter | undefined {
  try {
    // Outside `deno jupyter` the getter throws instead of returning undefined.
    return Deno.jupyter;
  } catch {
    return undefined;
  }
}

/**
 * True when running inside the Deno Jupyter kernel.
 *
 * @example
 * ```ts
 * import { inJupyter } from "./show.ts";
 * if (!inJupyter()) console.log("running as a script");
 * ```
 */
export function inJupyter(): boolean {
  return kernel() !== undefined;
}

/**
 * Display a figure inline in the Deno Jupyter kernel (see {@link mimeBundle}); outside the kernel, print its
 * one-line summary and return (never throws for lack of a kernel).
 *
 * @example
 * ```ts
 * import { lineWithBand, show } from "./mod.ts";
 * await show(lineWithBand({ series: [{ name: "a", x: [0, 1, 2], mean: [1, 2, 4] }], title: "Return" }));
 * ```
 */
export async function show(
  fig: Figure,
  opts: { includePlotly?: boolean; height?: number } = {},
): Promise<void> {
  const jupyter = kernel();
  if (jupyter === undefined) {
    console.log(figureSummary(normalizeFigure(fig)));
    return;
  }
  const bundle = await mimeBundle(fig, opts);
  await jupyter.display(bundle, { raw: true });
  // The Deno kernel flushes display messages asynchronously and can report the cell idle before a large one
  // (plotly.js inlined, ~5 MB) is out; then a frontend files it under the next cell. Give it time to go out.
  const size = bundle["text/html"].length;
  if (size > 1_000_000) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, size / 10_000)));
}

/**
 * A table as aligned plain text: a header, a rule, then one line per row; numbers right-aligned.
 *
 * @example
 * ```ts
 * import { textTable } from "./show.ts";
 * textTable({ columns: ["task", "ours"], rows: [["CartPole", 487.25]] });
 * // "task       ours\n--------  -----\nCartPole  487.3"
 * ```
 */
export function textTable(table: TableHtmlOptions): string {
  const cells = tableCells(table);
  const widths = table.columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const numeric = table.columns.map((_, j) => table.rows.some((r) => typeof r[j] === "number"));
  const line = (row: string[]) =>
    row.map((t, j) => (numeric[j] ? t.padStart(widths[j]) : t.padEnd(widths[j]))).join("  ").trimEnd();
  const lines = [line(table.columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)];
  if (table.caption !== undefined) lines.unshift(table.caption);
  return lines.join("\n");
}

/**
 * The MIME bundle of a table: `text/html` from {@link tableHtml} and `text/plain` from {@link textTable}.
 *
 * @example
 * ```ts
 * import { tableBundle } from "./show.ts";
 * tableBundle({ columns: ["a"], rows: [[1]] })["text/plain"]; // "a\n-\n1"
 * ```
 */
export function tableBundle(table: TableHtmlOptions): TableMimeBundle {
  return { "text/html": tableHtml(table), "text/plain": textTable(table) };
}

/**
 * Display a table inline in the Deno Jupyter kernel (HTML, plus text for plain front ends); outside the kernel,
 * print the text form.
 *
 * @example
 * ```ts
 * import { showTable } from "./show.ts";
 * await showTable({ columns: ["task", "paper", "ours"], rows: [["CartPole", 500, 487.25]], caption: "Return" });
 * ```
 */
export async function showTable(table: TableHtmlOptions): Promise<void> {
  const bundle = tableBundle(table);
  const jupyter = kernel();
  if (jupyter === undefined) {
    console.log(bundle["text/plain"]);
    return;
  }
  await jupyter.display(bundle, { raw: true });
}
