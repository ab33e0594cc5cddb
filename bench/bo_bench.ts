// deno bench -A bench/bo_bench.ts — lib/bo hot paths: GP log marginal likelihood with gradient, fit, predict,
// one Bayesian-optimisation suggestion.
import { fitGp, gpLogMarginalLikelihood, gpPredict, suggestNext } from "../lib/bo/mod.ts";
import { Rng } from "../lib/core/rng.ts";

const rng = new Rng(0);
const x = Array.from({ length: 200 }, () => rng.uniformIn(0, 10));
const y = x.map((v) => Math.sin(v) + 0.1 * rng.normal());
const gp = fitGp(x, y, { noise: 0.01 });
const xs = Array.from({ length: 500 }, (_, i) => i / 50);
const pts = Array.from({ length: 30 }, () => [rng.uniform(), rng.uniform(), rng.uniform()]);
const vals = pts.map((p) => (p[0] - 0.3) ** 2 + (p[1] - 0.6) ** 2 + p[2]);

Deno.bench("GP LML + gradient, n = 200", () => {
  gpLogMarginalLikelihood(x, y, { amplitude: 1, lengthscales: [1], noise: 0.01 });
});
Deno.bench("GP fit (C·RBF, no restarts), n = 200", () => {
  fitGp(x, y, { noise: 0.01 });
});
Deno.bench("GP predict mean + std, n = 200, 500 points", () => {
  gpPredict(gp, xs);
});
Deno.bench("BO suggestNext, 30 points in 3-D (Matérn 5/2 ARD, 2000 candidates)", () => {
  suggestNext(pts, vals, { bounds: [[0, 1], [0, 1], [0, 1]], rng: 1 });
});
