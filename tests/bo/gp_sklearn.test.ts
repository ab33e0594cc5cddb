// The GP against scikit-learn's GaussianProcessRegressor on the same data and hyperparameters (1e-8), from the
// JSON written by tests/bo/make_sklearn_fixture.py (python is not needed at test time).
import assert from "node:assert/strict";
import { fitGp, gpLogMarginalLikelihood, gpPredict, type KernelName } from "../../lib/bo/mod.ts";
import { assertClose } from "../tabular/fixtures.ts";

interface Hyper {
  amplitude: number;
  lengthscales: number[];
  noise: number;
}
interface Case {
  name: string;
  kernel: KernelName;
  x: number[][];
  y: number[];
  xs: number[][];
  hyperparameters: Hyper;
  normalizeY: boolean;
  white: boolean;
  lml: number;
  lmlFree: number;
  gradient: { amplitude: number; lengthscales: number[]; noise: number | null };
  mean: number[];
  std: number[];
}
interface Fit {
  name: string;
  kernel: KernelName;
  x: number[][];
  y: number[];
  initial: Hyper;
  amplitudeBounds: [number, number];
  lengthscaleBounds: [number, number];
  normalizeY: boolean;
  fitted: { amplitude: number; lengthscales: number[] };
  lml: number;
}
const fixture: { sklearn: string; cases: Case[]; fits: Fit[] } = JSON.parse(
  await Deno.readTextFile(new URL("./sklearn_fixture.json", import.meta.url)),
);

Deno.test("fixture holds every kernel, ARD, normalised y and a white-noise case", () => {
  assert.equal(fixture.cases.length, 5);
  assert(fixture.cases.some((c) => c.kernel === "matern52" && c.x[0].length === 3));
  assert(fixture.cases.some((c) => c.white));
});

for (const c of fixture.cases) {
  Deno.test(`sklearn ${fixture.sklearn} ${c.name}: log marginal likelihood, gradient, posterior to 1e-8`, () => {
    const lml = gpLogMarginalLikelihood(c.x, c.y, c.hyperparameters, {
      kernel: c.kernel,
      normalizeY: c.normalizeY,
    });
    assertClose([lml.value], [c.lml], 1e-8, "lml");
    assertClose([lml.value], [c.lmlFree], 1e-8, "lml (free bounds)");
    assertClose([lml.gradient.amplitude], [c.gradient.amplitude], 1e-8, "dlml/dlog amplitude");
    assertClose(lml.gradient.lengthscales, c.gradient.lengthscales, 1e-8, "dlml/dlog lengthscales");
    if (c.white) assertClose([lml.gradient.noise], [c.gradient.noise!], 1e-8, "dlml/dlog noise");
    const gp = fitGp(c.x, c.y, {
      kernel: c.kernel,
      amplitude: c.hyperparameters.amplitude,
      lengthscale: c.hyperparameters.lengthscales,
      noise: c.hyperparameters.noise,
      normalizeY: c.normalizeY,
      optimize: false,
    });
    assertClose([gp.logMarginalLikelihood], [c.lml], 1e-8, "fitted lml");
    const pred = gpPredict(gp, c.xs, { includeNoise: c.white });
    assertClose(pred.mean, c.mean, 1e-8, "mean");
    assertClose(pred.std, c.std, 1e-8, "std");
  });
}

for (const f of fixture.fits) {
  Deno.test(`sklearn ${f.name}: our hyperparameter fit reaches scikit-learn's optimum`, () => {
    const gp = fitGp(f.x, f.y, {
      kernel: f.kernel,
      amplitude: f.initial.amplitude,
      lengthscale: f.initial.lengthscales,
      noise: f.initial.noise,
      amplitudeBounds: f.amplitudeBounds,
      lengthscaleBounds: f.lengthscaleBounds,
      normalizeY: f.normalizeY,
    });
    // Same local optimum from the same start: LML to 1e-6 and hyperparameters to 1e-3 relative.
    assert(
      gp.logMarginalLikelihood >= f.lml - 1e-6,
      `lml ${gp.logMarginalLikelihood} < sklearn ${f.lml}`,
    );
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    assert(
      rel(gp.hyperparameters.amplitude, f.fitted.amplitude) < 1e-3,
      `amplitude ${gp.hyperparameters.amplitude}`,
    );
    gp.hyperparameters.lengthscales.forEach((l, k) =>
      assert(rel(l, f.fitted.lengthscales[k]) < 1e-3, `lengthscale[${k}] ${l} vs ${f.fitted.lengthscales[k]}`)
    );
  });
}
