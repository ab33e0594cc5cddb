import assert from "node:assert/strict";
import {
  fitGp,
  type GpHyperparameters,
  gpLogMarginalLikelihood,
  gpPredict,
  type KernelName,
  minimizeBox,
  sampleGpPrior,
} from "../../lib/bo/mod.ts";
import { choleskyInPlace, choleskyInverse } from "../../lib/bo/cholesky.ts";
import { assertClose } from "../tabular/fixtures.ts";

Deno.test("GP posterior interpolates noiseless data (mean = y, std ≈ 0 at the training points)", () => {
  const x = [[0.1, 0.2], [0.5, 0.9], [0.9, 0.4], [0.3, 0.6], [0.7, 0.1]];
  const y = [1, -2, 0.5, 3, -1];
  for (const kernel of ["rbf", "matern52"] as KernelName[]) {
    const gp = fitGp(x, y, { kernel, lengthscale: [0.3, 0.5], noise: 1e-10, optimize: false });
    const { mean, std } = gpPredict(gp, x);
    assertClose(mean, y, 1e-6, `${kernel} mean`);
    for (const s of std) assert.ok(s < 1e-4, `${kernel} std ${s}`);
    // Far from the data the posterior returns to the prior N(0, amplitude).
    const far = gpPredict(gp, [[50, 50]]);
    assertClose([far.mean[0], far.std[0]], [0, 1], 1e-9, `${kernel} far`);
  }
});

Deno.test("log marginal likelihood gradient matches central finite differences (every kernel, ARD, noise)", () => {
  const x = [[0, 0.3], [0.4, 1.1], [1.3, -0.2], [2.1, 0.7], [0.9, 0.9], [1.7, 1.5]];
  const y = [0.3, -0.4, 1.2, 0.1, -0.9, 0.5];
  const base: GpHyperparameters = { amplitude: 1.3, lengthscales: [0.7, 1.4], noise: 0.05 };
  for (const kernel of ["rbf", "matern52"] as KernelName[]) {
    for (const normalizeY of [false, true]) {
      const at = (h: GpHyperparameters) => gpLogMarginalLikelihood(x, y, h, { kernel, normalizeY }).value;
      const g = gpLogMarginalLikelihood(x, y, base, { kernel, normalizeY }).gradient;
      const eps = 1e-5;
      const fd = (make: (s: number) => GpHyperparameters) =>
        (at(make(Math.exp(eps))) - at(make(Math.exp(-eps)))) / (2 * eps);
      const numeric = [
        fd((s) => ({ ...base, amplitude: base.amplitude * s })),
        fd((s) => ({ ...base, lengthscales: [base.lengthscales[0] * s, base.lengthscales[1]] })),
        fd((s) => ({ ...base, lengthscales: [base.lengthscales[0], base.lengthscales[1] * s] })),
        fd((s) => ({ ...base, noise: base.noise * s })),
      ];
      assertClose(
        [g.amplitude, ...g.lengthscales, g.noise],
        numeric,
        1e-6,
        `${kernel} normalizeY=${normalizeY}`,
      );
    }
  }
  // Isotropic lengthscale: derivative with respect to the shared log lengthscale.
  const iso: GpHyperparameters = { amplitude: 0.8, lengthscales: [0.9], noise: 0.01 };
  const gi = gpLogMarginalLikelihood(x, y, iso, { kernel: "matern52" }).gradient.lengthscales[0];
  const f = (l: number) =>
    gpLogMarginalLikelihood(x, y, { ...iso, lengthscales: [l] }, { kernel: "matern52" }).value;
  assertClose([gi], [(f(0.9 * Math.exp(1e-5)) - f(0.9 * Math.exp(-1e-5))) / 2e-5], 1e-6, "isotropic");
});

Deno.test("log marginal likelihood of a hand-computed 3-point case (cofactor inverse and Sarrus determinant)", () => {
  // x = 0, 1, 2; RBF amplitude 2, lengthscale 1, noise 0.5: K = 2·exp(−Δ²/2) + 0.5·I.
  const a = 2 * Math.exp(-0.5); // |Δ| = 1
  const b = 2 * Math.exp(-2); // |Δ| = 2
  const c = 2.5; // diagonal
  const K = [[c, a, b], [a, c, a], [b, a, c]];
  const det = K[0][0] * (K[1][1] * K[2][2] - K[1][2] * K[2][1]) -
    K[0][1] * (K[1][0] * K[2][2] - K[1][2] * K[2][0]) +
    K[0][2] * (K[1][0] * K[2][1] - K[1][1] * K[2][0]);
  const cof = (i: number, j: number) => {
    const r = [0, 1, 2].filter((k) => k !== i);
    const s = [0, 1, 2].filter((k) => k !== j);
    return ((i + j) % 2 ? -1 : 1) * (K[r[0]][s[0]] * K[r[1]][s[1]] - K[r[0]][s[1]] * K[r[1]][s[0]]);
  };
  const y = [1, -1, 2];
  let quad = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) quad += y[i] * (cof(j, i) / det) * y[j];
  const expected = -0.5 * quad - 0.5 * Math.log(det) - 1.5 * Math.log(2 * Math.PI);
  const lml = gpLogMarginalLikelihood([0, 1, 2], y, { amplitude: 2, lengthscales: [1], noise: 0.5 });
  assertClose([lml.value], [expected], 1e-12, "3-point lml");
  // The same numbers written out: det = 12.083..., LML = −5.4917...
  assertClose([det], [2.5 ** 3 + 2 * a * a * b - 2.5 * (2 * a * a + b * b)], 1e-12, "det");
});

Deno.test("hyperparameter fit recovers the lengthscale of functions drawn from a known GP (5 seeds, ±20%)", () => {
  const x = Array.from({ length: 60 }, (_, i) => (3 * i) / 59);
  const truth = { amplitude: 1.5, lengthscales: [0.4], noise: 1e-4 };
  for (const kernel of ["rbf", "matern52"] as KernelName[]) {
    for (let seed = 0; seed < 5; seed++) {
      const y = sampleGpPrior(x, truth, { kernel, rng: seed });
      const gp = fitGp(x, y, {
        kernel,
        noise: 1e-4,
        restarts: 3,
        rng: seed,
        amplitudeBounds: [1e-3, 1e3],
        lengthscaleBounds: [1e-2, 1e2],
      });
      const l = gp.hyperparameters.lengthscales[0];
      assert.ok(Math.abs(l / 0.4 - 1) < 0.2, `${kernel} seed ${seed}: lengthscale ${l} vs 0.4`);
    }
  }
});

Deno.test("fitted noise: a noisy sample recovers its noise variance within a factor 2", () => {
  const x = Array.from({ length: 80 }, (_, i) => (4 * i) / 79);
  const y = sampleGpPrior(x, { amplitude: 1, lengthscales: [0.6], noise: 0.04 }, { rng: 11 });
  const gp = fitGp(x, y, { noise: 0.1, noiseBounds: [1e-6, 1], restarts: 2, rng: 2 });
  const v = gp.hyperparameters.noise;
  assert.ok(v > 0.02 && v < 0.08, `noise ${v} vs 0.04`);
});

Deno.test("restarts never lower the fitted log marginal likelihood, and fits are seeded", () => {
  const x = [0, 0.5, 1, 1.5, 2, 2.5, 3];
  const y = [0.1, 0.9, 0.2, -0.8, 0.05, 0.7, -0.3];
  const single = fitGp(x, y, { noise: 1e-3 });
  const multi = fitGp(x, y, { noise: 1e-3, restarts: 8, rng: 4 });
  assert.ok(multi.logMarginalLikelihood >= single.logMarginalLikelihood - 1e-12);
  assert.deepEqual(fitGp(x, y, { noise: 1e-3, restarts: 8, rng: 4 }).hyperparameters, multi.hyperparameters);
});

Deno.test("GP arguments are validated with errors naming them", () => {
  assert.throws(() => fitGp([0, 1], [1]), /y must have one value per point/);
  assert.throws(() => fitGp([0, 1], [1, 2], { kernel: "cubic" as KernelName }), /kernel/);
  assert.throws(() => fitGp([0, 1], [1, 2], { noise: -1 }), /noise/);
  assert.throws(() => fitGp([[0, 1], [1]], [1, 2]), /x\[1\] must have 2 coordinates/);
  assert.throws(() => fitGp([0, 1], [1, 2], { lengthscale: [1, 2] }), /lengthscales must have length 1 or 1/);
  assert.throws(() => fitGp([0, 1], [1, NaN]), /y/);
  assert.throws(() => fitGp([0, 1], [1, 2], { amplitudeBounds: [3, 1] }), /amplitudeBounds/);
  const gp = fitGp([[0, 1]], [1], { optimize: false });
  assert.throws(() => gpPredict(gp, [0.5]), /xs must have 2 coordinates/);
});

Deno.test("flat Cholesky factor and inverse reproduce A and A⁻¹", () => {
  const a = Float64Array.from([4, 2, 0.6, 2, 3, 0.4, 0.6, 0.4, 2]);
  const l = a.slice();
  assert.ok(choleskyInPlace(l, 3));
  const back = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) back[i * 3 + j] += l[i * 3 + k] * l[j * 3 + k];
  }
  assertClose(back, a, 1e-14, "L Lᵀ");
  const inv = choleskyInverse(l, 3);
  const eye = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) eye[i * 3 + j] += a[i * 3 + k] * inv[k * 3 + j];
  }
  assertClose(eye, [1, 0, 0, 0, 1, 0, 0, 0, 1], 1e-14, "A A⁻¹");
  assert.equal(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2), false);
});

Deno.test("minimizeBox: Rosenbrock inside the box, and a minimum held at an active bound", () => {
  const rosen = (x: Float64Array) => ({
    value: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2,
    gradient: [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)],
  });
  const r = minimizeBox(rosen, [-1.2, 1], [-2, -2], [2, 2], { maxIterations: 500 });
  assertClose(r.x, [1, 1], 1e-5, "rosenbrock");
  const bounded = minimizeBox(rosen, [0, 0], [-2, -2], [0.5, 2]);
  // With x ≤ 0.5 the minimum is at x = 0.5, y = 0.25.
  assertClose(bounded.x, [0.5, 0.25], 1e-6, "bounded");
  assert.throws(() => minimizeBox(rosen, [0, 0], [1, 0], [0, 1]), /lower\[0\] must be ≤ upper\[0\]/);
});
