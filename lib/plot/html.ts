/**
 * Figures and tables as standalone HTML that renders OFFLINE: plotly.js is read from the installed npm package
 * `plotly.js-dist-min` and inlined once per page (no CDN).
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkLength, checkPositive, describe } from "../core/errors.ts";
import { checkOptionalString } from "./_layout.ts";
import { type Figure, figureTitle, normalizeFigure } from "./figure.ts";
import { type TableCell, tableCells } from "./table.ts";

let plotlyCache: Promise<string> | undefined;

/**
 * The plotly.js bundle (`plotly.js-dist-min`, pinned in deno.json) as source text, read offline from the installed
 * package and cached for the process. Tried in order: a text import of the package file (works from this repository
 * and when reprl is used from JSR, no read permission needed), `import.meta.resolve` plus a file read, then a search
 * upward from the working directory and from this module for `node_modules/plotly.js-dist-min/plotly.min.js`.
 *
 * @example
 * ```ts
 * import { plotlyJs } from "./html.ts";
 * const js = await plotlyJs(); // about 4.8 MB
 * js.includes("Plotly"); // true
 * ```
 */
export function plotlyJs(): Promise<string> {
  plotlyCache ??= loadPlotlyJs().catch((e) => {
    plotlyCache = undefined; // let a later call retry, e.g. after `deno install`
    throw e;
  });
  return plotlyCache;
}

async function loadPlotlyJs(): Promise<string> {
  const tried: string[] = [];
  const reason = (e: unknown) => (e instanceof Error ? e.message.split("\n")[0] : String(e));
  try {
    const mod = await import("plotly.js-dist-min/plotly.min.js", { with: { type: "text" } });
    if (typeof mod.default === "string" && mod.default.length > 0) return mod.default;
    tried.push("text import: empty module");
  } catch (e) {
    tried.push(`text import: ${reason(e)}`);
  }
  try {
    const url = import.meta.resolve("plotly.js-dist-min");
    if (url.startsWith("file:")) return await Deno.readTextFile(new URL(url));
    tried.push(`import.meta.resolve: not a file URL (${url})`);
  } catch (e) {
    tried.push(`import.meta.resolve: ${reason(e)}`);
  }
  const starts = [Deno.cwd()];
  if (import.meta.url.startsWith("file:")) starts.push(dirname(fileURLToPath(import.meta.url)));
  for (const start of starts) {
    for (let dir = start;; dir = dirname(dir)) {
      const file = join(dir, "node_modules", "plotly.js-dist-min", "plotly.min.js");
      try {
        return await Deno.readTextFile(file);
      } catch {
        // not here; go up
      }
      if (dirname(dir) === dir) break;
    }
    tried.push(`no node_modules/plotly.js-dist-min/plotly.min.js above ${start}`);
  }
  throw new Error(
    `plotly.js not found offline (${
      tried.join("; ")
    }). Add "plotly.js-dist-min": "npm:plotly.js-dist-min@3.3.1" ` +
      `to your imports and run \`deno install\``,
  );
}

/**
 * Escape text for HTML element content and double-quoted attributes (`& < > " '`).
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./html.ts";
 * escapeHtml('a < b & "c"'); // "a &lt; b &amp; &quot;c&quot;"
 * ```
 */
export function escapeHtml(text: string): string {
  if (typeof text !== "string") throw new TypeError(`text must be a string, got ${describe(text)}`);
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * JSON text that is safe inside an inline `<script>`: `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`
 * escapes, so neither `</script>` nor `<!--` can end or change the script; the value parses back unchanged.
 *
 * @example
 * ```ts
 * import { scriptJson } from "./html.ts";
 * scriptJson({ title: "</script>" }); // '{"title":"\\u003c/script\\u003e"}'
 * ```
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`value must be JSON-serialisable, got ${describe(value)}`);
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A `<script>` element holding the whole plotly.js bundle (defines `window.Plotly`).
 *
 * @example
 * ```ts
 * import { plotlyScriptTag } from "./html.ts";
 * const tag = await plotlyScriptTag(); // "<script type=\"text/javascript\">/**\n* plotly.js v3.3.1 ..."
 * ```
 */
export async function plotlyScriptTag(): Promise<string> {
  // The bundle holds neither sequence today; the escapes keep that true for any version (both are only legal
  // inside strings, regexps or comments, where `<\/` and `<\!` mean the same).
  const js = (await plotlyJs()).replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
  return `<script type="text/javascript">${js}</script>`;
}

/** Plotly `config` used for every figure this module renders. */
export const PLOTLY_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  responsive: true,
  displaylogo: false,
});

let divCounter = 0;

/** FNV-1a 32-bit hash as 8 hex digits (stable element ids from a figure's JSON). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Options of {@link figureDiv}. */
export interface FigureDivOptions {
  /** Element id; default `reprl-plot-<n>-<hash of the figure>` (deterministic within a process). */
  id?: string;
  /** Height in px; default `layout.height`, else 450. */
  height?: number;
}

/**
 * A `<div>` and the `<script>` that draws `fig` into it with `Plotly.newPlot`. The figure JSON is embedded with
 * {@link scriptJson}, so any title text is safe. The script draws as soon as `window.Plotly` exists: at once on a
 * page that loaded plotly.js earlier (e.g. {@link htmlPage}), or by polling for up to 60 s where outputs are
 * rendered out of order (notebook front ends); after that it writes a note into the div. plotly.js is NOT included.
 *
 * @example
 * ```ts
 * import { figureDiv } from "./html.ts";
 * const html = figureDiv({ data: [{ type: "scatter", y: [1, 3, 2] }], layout: {} }, { id: "fig1" });
 * html.startsWith('<div id="fig1"'); // true
 * ```
 */
export function figureDiv(fig: Figure, opts: FigureDivOptions = {}): string {
  const clean = normalizeFigure(fig);
  const json = scriptJson({ data: clean.data, layout: clean.layout, config: PLOTLY_CONFIG });
  const id = opts.id ?? `reprl-plot-${++divCounter}-${fnv1a(json)}`;
  if (typeof id !== "string" || id.length === 0 || /\s/.test(id)) {
    throw new TypeError(`id must be a non-empty string without spaces, got ${describe(id)}`);
  }
  const layoutHeight = clean.layout.height;
  const height = opts.height ?? (typeof layoutHeight === "number" && layoutHeight > 0 ? layoutHeight : 450);
  checkPositive("height", height);
  const script = `(function () {
  var id = ${scriptJson(id)};
  var spec = ${json};
  var cs = document.currentScript;
  var near = cs && cs.previousElementSibling && cs.previousElementSibling.id === id ? cs.previousElementSibling : null;
  var tries = 0;
  function draw() {
    var el = near || document.getElementById(id);
    if (el && window.Plotly) {
      window.Plotly.newPlot(el, spec.data, spec.layout, spec.config);
    } else if (++tries < 600) {
      setTimeout(draw, 100);
    } else if (el) {
      el.textContent = "plotly.js is not loaded on this page: re-display with show(fig, { includePlotly: true }).";
    }
  }
  draw();
})();`;
  return `<div id="${escapeHtml(id)}" class="reprl-plot" style="width:100%;height:${height}px;"></div>` +
    `<script type="text/javascript">${script}</script>`;
}

/** Options of {@link htmlPage}. */
export interface HtmlPageOptions {
  /** Page title (escaped). */
  title: string;
  /** Body HTML, inserted as is. */
  body: string;
  /** Inline plotly.js in `<head>`. Default true. */
  includePlotly?: boolean;
}

/**
 * A complete standalone HTML page; with `includePlotly`, plotly.js is inlined once in `<head>`, so every
 * {@link figureDiv} in `body` draws offline.
 *
 * @example
 * ```ts
 * import { figureDiv, htmlPage } from "./html.ts";
 * const page = await htmlPage({ title: "Results", body: figureDiv({ data: [{ y: [1, 2] }], layout: {} }) });
 * page.startsWith("<!DOCTYPE html>"); // true
 * ```
 */
export async function htmlPage(opts: HtmlPageOptions): Promise<string> {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { title, body, includePlotly = true } = opts;
  if (typeof title !== "string") throw new TypeError(`title must be a string, got ${describe(title)}`);
  if (typeof body !== "string") throw new TypeError(`body must be a string, got ${describe(body)}`);
  const plotly = includePlotly ? await plotlyScriptTag() : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${plotly}
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * Write one figure, or several one under another, as a standalone offline HTML page; returns `path`. Missing
 * parent folders are created.
 *
 * @example
 * ```ts ignore
 * import { saveHtml } from "./html.ts";
 * await saveHtml({ data: [{ type: "scatter", y: [1, 3, 2] }], layout: {} }, "results/curve.html");
 * ```
 */
export async function saveHtml(
  fig: Figure | Figure[],
  path: string,
  opts: { title?: string } = {},
): Promise<string> {
  const figs = Array.isArray(fig) ? fig : [fig];
  if (typeof path !== "string" || path.length === 0) {
    throw new TypeError(`path must be a non-empty string, got ${describe(path)}`);
  }
  checkOptionalString("title", opts.title);
  const title = opts.title ?? (figs.map(figureTitle).find((t) => t !== "") || "reprl figure");
  const body = figs.map((f) => figureDiv(f)).join("\n");
  const page = await htmlPage({ title, body, includePlotly: true });
  await Deno.mkdir(dirname(path), { recursive: true });
  await Deno.writeTextFile(path, page);
  return path;
}

/** Options of {@link tableHtml}. */
export interface TableHtmlOptions {
  /** Column headers. */
  columns: string[];
  /** Rows of cells (each as long as `columns`); null renders as an empty cell. */
  rows: TableCell[][];
  /** Caption above the table. */
  caption?: string;
  /** Significant digits of non-integer numbers. Default 4. */
  digits?: number;
}

/**
 * A plain HTML `<table>` (header row, escaped text, numbers formatted and marked `class="num"`), e.g. the paper's
 * number beside ours in a report.
 *
 * @example
 * ```ts
 * import { tableHtml } from "./html.ts";
 * tableHtml({ columns: ["task", "paper", "ours"], rows: [["A<B", 0.5, 0.51234]], caption: "Final return" });
 * // '<table class="reprl-table"><caption>Final return</caption><thead><tr><th>task</th>...'
 * ```
 */
export function tableHtml(opts: TableHtmlOptions): string {
  const cells = tableCells(opts);
  checkOptionalString("caption", opts.caption);
  checkLength("columns", opts.columns);
  const head = `<thead><tr>${opts.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`;
  const body = cells.map((row, i) =>
    `<tr>${
      row.map((text, j) =>
        typeof opts.rows[i][j] === "number"
          ? `<td class="num">${escapeHtml(text)}</td>`
          : `<td>${escapeHtml(text)}</td>`
      ).join("")
    }</tr>`
  ).join("");
  const caption = opts.caption === undefined ? "" : `<caption>${escapeHtml(opts.caption)}</caption>`;
  return `<table class="reprl-table">${caption}${head}<tbody>${body}</tbody></table>`;
}
