/**
 * Figures of the transfer module: MBTL's GP posterior and acquisition at each selection step (small multiples),
 * and the regret of a strategy against the sequential oracle.
 *
 * @module
 */
import { lineWithBand } from "../plot/line.ts";
import { colorAt, type Figure, type PlotlyTrace, withAlpha } from "../plot/figure.ts";
import { checkInteger } from "../core/errors.ts";
import type { TransferMatrix } from "./matrix.ts";
import type { MbtlStep } from "./mbtl.ts";

/**
 * Small multiples of MBTL's model, one panel per selection step k ≥ 1: the GP posterior mean ± 2σ of the training
 * performance over contexts, the true training performance J(π_x, x) (the matrix diagonal), the best observed
 * transfer V_k(y), the acquisition a_k(x) (rescaled to the panel), and the chosen source.
 *
 * @example
 * ```ts
 * import { gpStepsFigure } from "./figures.ts";
 * import { mbtl } from "./mbtl.ts";
 * import { syntheticTransferMatrix } from "./synthetic.ts";
 * const m = syntheticTransferMatrix({ n: 20, shape: "smooth", rng: 1 });
 * const fig = gpStepsFigure(m, mbtl(m, { budget: 7, trace: true }).steps, { panels: 6 });
 * ```
 */
export function gpStepsFigure(
  m: TransferMatrix,
  steps: readonly MbtlStep[],
  opts: { panels?: number; columns?: number; title?: string } = {},
): Figure {
  const panels = checkInteger("panels", opts.panels ?? 6, { min: 1 });
  const columns = checkInteger("columns", opts.columns ?? 3, { min: 1 });
  const shown = steps.filter((s) => s.k >= 1).slice(0, panels);
  const rows = Math.max(1, Math.ceil(shown.length / columns));
  const x = m.contexts.map((_, i) => i);
  const diagonal = m.values.map((row, i) => row[i]);
  const data: PlotlyTrace[] = [];
  const layout: Record<string, unknown> = {
    title: { text: opts.title ?? "MBTL: GP posterior of training performance and acquisition at each step" },
    grid: { rows, columns, pattern: "independent" },
    height: 320 * rows + 120,
    margin: { b: 140 },
    showlegend: true,
    legend: { orientation: "h", x: 0, y: -0.1, yanchor: "top" },
  };
  shown.forEach((s, p) => {
    const ax = p === 0 ? "" : String(p + 1);
    const xa = `x${ax}`;
    const ya = `y${ax}`;
    const first = p === 0;
    const upper = s.mean.map((mu, i) => mu + 2 * s.std[i]);
    const lower = s.mean.map((mu, i) => mu - 2 * s.std[i]);
    const aMax = Math.max(...s.acquisition, 1e-12);
    const lo = Math.min(...diagonal, ...lower);
    const hi = Math.max(...diagonal, ...upper);
    data.push(
      {
        type: "scatter",
        x: [...x, ...x.slice().reverse()],
        y: [...upper, ...lower.slice().reverse()],
        fill: "toself",
        fillcolor: withAlpha(colorAt(0), 0.2),
        line: { width: 0 },
        hoverinfo: "skip",
        name: "GP mean ± 2σ",
        legendgroup: "band",
        showlegend: first,
        xaxis: xa,
        yaxis: ya,
      },
      {
        type: "scatter",
        mode: "lines",
        x,
        y: s.mean,
        line: { color: colorAt(0) },
        name: "GP mean μ_k",
        legendgroup: "mean",
        showlegend: first,
        xaxis: xa,
        yaxis: ya,
      },
      {
        type: "scatter",
        mode: "lines",
        x,
        y: diagonal,
        line: { color: "#444", dash: "dot" },
        name: "true J(π_x, x)",
        legendgroup: "truth",
        showlegend: first,
        xaxis: xa,
        yaxis: ya,
      },
      {
        type: "scatter",
        mode: "lines",
        x,
        y: s.observed.map((v) => (Number.isFinite(v) ? v : null)),
        line: { color: colorAt(2) },
        name: "best observed V_k(y)",
        legendgroup: "observed",
        showlegend: first,
        xaxis: xa,
        yaxis: ya,
      },
      {
        type: "scatter",
        mode: "lines",
        x,
        y: s.acquisition.map((a) => lo + ((hi - lo) * a) / aMax),
        line: { color: colorAt(3) },
        name: "acquisition a_k (rescaled)",
        legendgroup: "acq",
        showlegend: first,
        xaxis: xa,
        yaxis: ya,
      },
      {
        type: "scatter",
        mode: "markers",
        x: [s.source],
        y: [diagonal[s.source]],
        marker: { color: colorAt(3), size: 11, symbol: "star" },
        name: "chosen source x_{k+1}",
        legendgroup: "chosen",
        showlegend: first,
        xaxis: xa,
        yaxis: ya,
      },
    );
    layout[`xaxis${ax}`] = { title: { text: `context index (step k = ${s.k}, β = ${s.beta.toFixed(2)})` } };
    layout[`yaxis${ax}`] = { range: [lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)] };
  });
  return { data, layout };
}

/**
 * Regret of a strategy against the sequential oracle: per step r_k = oracle_k − strategy_k, and the running
 * average (1/k)·Σ_{i ≤ k} r_i, which goes to 0 when the cumulative regret is sublinear.
 *
 * @example
 * ```ts
 * import { regretFigure } from "./figures.ts";
 * const fig = regretFigure([{ name: "MBTL", oracle: [0.9, 0.95], strategy: [0.8, 0.94] }]);
 * ```
 */
export function regretFigure(series: { name: string; oracle: number[][]; strategy: number[][] }[]): Figure;
/** Regret curves of single runs. */
export function regretFigure(series: { name: string; oracle: number[]; strategy: number[] }[]): Figure;
export function regretFigure(
  series: { name: string; oracle: number[] | number[][]; strategy: number[] | number[][] }[],
): Figure {
  const curves = series.flatMap((s, idx) => {
    const runs = (Array.isArray(s.oracle[0]) ? s.oracle : [s.oracle]) as number[][];
    const mine = (Array.isArray(s.strategy[0]) ? s.strategy : [s.strategy]) as number[][];
    const K = runs[0].length;
    const r = Array.from(
      { length: K },
      (_, k) => runs.reduce((t, o, j) => t + o[k] - mine[j][k], 0) / runs.length,
    );
    let total = 0;
    const avg = r.map((v, k) => (total += v) / (k + 1));
    const x = r.map((_, k) => k + 1);
    return [
      { name: `${s.name}: r_k = oracle_k − ${s.name}_k`, x, mean: r, color: colorAt(2 * idx) },
      { name: `${s.name}: average regret (1/k)Σ r_i`, x, mean: avg, color: colorAt(2 * idx + 1) },
    ];
  });
  return lineWithBand({
    series: curves,
    title: "Regret against the sequential oracle",
    xTitle: "number of trained source tasks k",
    yTitle: "regret (normalised generalised performance)",
  });
}
