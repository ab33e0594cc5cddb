/**
 * Plotly figures as plain `{ data, layout }` objects, and their display: inline in the Deno Jupyter kernel
 * (`show`), as standalone offline HTML (`saveHtml`, `htmlPage`, `figureDiv`) and as tables (`tableHtml`,
 * `showTable`). plotly.js comes from the installed npm package `plotly.js-dist-min` and is inlined, never fetched
 * from a CDN, so notebooks exported to HTML and reports open offline.
 *
 * Builders: `lineWithBand` (curves with CI bands), `scatterWithFit` (least-squares line and Pearson r), `heatmap`,
 * `bars` (grouped, with error bars), `tableFigure`.
 *
 * @example
 * ```ts
 * import { lineWithBand, show } from "@reprl/reprl/plot";
 * const fig = lineWithBand({
 *   series: [{ name: "PPO", x: [0, 1, 2], mean: [10, 50, 90], lo: [5, 40, 80], hi: [15, 60, 100] }],
 *   title: "CartPole", xTitle: "step", yTitle: "return",
 * });
 * await show(fig); // inline in a notebook; prints `Figure: 2 traces, "CartPole"` elsewhere
 * ```
 *
 * @module
 */
export * from "./figure.ts";
export * from "./line.ts";
export * from "./scatter.ts";
export * from "./heatmap.ts";
export * from "./bars.ts";
export * from "./table.ts";
export * from "./html.ts";
export * from "./show.ts";
