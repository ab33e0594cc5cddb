/**
 * Side-by-side timing of lib/bo's Gaussian process against scikit-learn's GaussianProcessRegressor (Debian's
 * /usr/bin/python3, bench/peers/gp_sklearn.py) on the same 1-D data (n = 100, 500, 2000; y = sin x + noise):
 * hyperparameter fit + prediction at 200 points for n = 100 and 500; at n = 2000 (where our pure-TypeScript
 * O(n³) Cholesky and inverse cost seconds against multithreaded LAPACK) a fit at fixed hyperparameters plus
 * prediction, and one log-marginal-likelihood-with-gradient evaluation (a fit makes ~10–20 of them).
 * `deno run -A bench/peers/gp.ts` prints the table; `compare()` returns the rows.
 *
 * @module
 */
import { fitGp, gpLogMarginalLikelihood, gpPredict } from "../../lib/bo/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import type { PeerRow } from "./types.ts";
import { runPython } from "./_common.ts";

interface Case {
  name: string;
  task: "fit" | "fixed" | "lml";
  x: number[];
  y: number[];
  xs: number[];
  repeats: number;
}

function data(n: number): { x: number[]; y: number[]; xs: number[] } {
  const rng = new Rng(n);
  const x = Array.from({ length: n }, () => rng.uniformIn(0, 10));
  const y = x.map((v) => Math.sin(v) + 0.1 * rng.normal());
  const xs = Array.from({ length: 200 }, (_, i) => (10 * i) / 199);
  return { x, y, xs };
}

/** The benchmark cases, shared by both sides. */
export function cases(): Case[] {
  return [
    { name: "fit+predict n=100", task: "fit", ...data(100), repeats: 5 },
    { name: "fit+predict n=500", task: "fit", ...data(500), repeats: 2 },
    { name: "fixed-hyperparameter fit+predict n=2000", task: "fixed", ...data(2000), repeats: 1 },
    { name: "LML+gradient n=2000", task: "lml", ...data(2000), repeats: 1 },
  ];
}

function ours(c: Case): number {
  let best = Infinity;
  for (let r = 0; r < c.repeats; r++) {
    const t0 = performance.now();
    if (c.task === "fit") {
      gpPredict(fitGp(c.x, c.y, { noise: 0.01 }), c.xs);
    } else if (c.task === "fixed") {
      gpPredict(fitGp(c.x, c.y, { noise: 0.01, optimize: false }), c.xs);
    } else {
      gpLogMarginalLikelihood(c.x, c.y, { amplitude: 1, lengthscales: [1], noise: 0.01 });
    }
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

async function sklearn(all: Case[]): Promise<Record<string, number> | string> {
  const script = new URL("./gp_sklearn.py", import.meta.url).pathname;
  const out = await runPython([script], JSON.stringify({ cases: all }));
  return typeof out === "string" ? `scikit-learn run failed: ${out}` : out as Record<string, number>;
}

/**
 * Time lib/bo against scikit-learn on the same data; returns `[]` (and logs why) when scikit-learn is missing.
 * Rows are in runs per second (ratio = ours / peer; > 1: we are faster).
 *
 * @example
 * ```ts ignore
 * import { compare } from "./gp.ts";
 * console.table(await compare());
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const all = cases();
  const peer = await sklearn(all);
  if (typeof peer === "string") {
    console.error(`bench/peers/gp.ts: skipping scikit-learn comparison (${peer})`);
    return [];
  }
  return all.map((c) => {
    const mine = 1 / ours(c);
    const theirs = 1 / peer[c.name];
    return { name: `GP ${c.name}`, ours: mine, peer: theirs, unit: "runs/s", ratio: mine / theirs };
  });
}

if (import.meta.main) {
  const rows = await compare();
  console.log("lib/bo vs scikit-learn GaussianProcessRegressor (ratio > 1: reprl is faster)");
  console.table(rows.map((r) => ({
    benchmark: r.name,
    "ours (s)": (1 / r.ours).toPrecision(4),
    "sklearn (s)": (1 / r.peer).toPrecision(4),
    ratio: r.ratio.toFixed(3),
  })));
}
