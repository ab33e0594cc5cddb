import assert from "node:assert/strict";
import {
  bayesianOptimization,
  createLaserModel,
  differentialEvolution,
  gradientAscent,
  peakRatioGradient,
  peakRatioObjective,
  syntheticSpectrum,
} from "../../lib/laser/mod.ts";

const model = createLaserModel(syntheticSpectrum());
const UNCONTROLLED = 0.6202; // peak ratio at ψ = (0.5, 0.5, 0.5), the stretcher matched to the compressor

Deno.test("differential evolution finds a quadratic's optimum and beats the uncontrolled pulse", () => {
  const q = differentialEvolution((x) => -((x[0] - 0.3) ** 2 + (x[1] - 0.6) ** 2 + (x[2] - 0.1) ** 2), {
    evaluations: 400,
    rng: 1,
  });
  [0.3, 0.6, 0.1].forEach((v, j) => assert.ok(Math.abs(q.bestPsi[j] - v) < 0.02, `${q.bestPsi}`));
  assert.equal(q.evaluations, 400);
  assert.ok(q.bestSoFar.every((v, i) => i === 0 || v >= q.bestSoFar[i - 1]));
  const f = peakRatioObjective(model);
  const r = differentialEvolution(f, { evaluations: 450, rng: 0 });
  assert.equal(f.evaluations, 450);
  // The best setting found (≈ 0.874 at GDD ψ ≈ 0.514, TOD ψ ≈ 0.500) compensates the B-integral's chirp.
  assert.ok(r.bestValue > 0.86 && r.bestValue < 0.9, `${r.bestValue}`);
  assert.ok(r.bestValue > UNCONTROLLED + 0.2);
  assert.ok(f.fwhmPs(r.bestPsi) < 1.8);
  assert.throws(() => differentialEvolution(f, { crossover: 2 }), RangeError);
});

Deno.test("tf gradients of the pulse model match finite differences; gradient ascent improves on its start", async () => {
  const f = peakRatioObjective(model);
  const psi = [0.52, 0.47, 0.6];
  const { value, gradient } = await peakRatioGradient(model, psi);
  assert.ok(Math.abs(value - f(psi)) < 1e-4, `${value} vs ${f(psi)}`);
  const h = 1e-4;
  for (let j = 0; j < 3; j++) {
    const up = psi.slice(), down = psi.slice();
    up[j] += h;
    down[j] -= h;
    const fd = (f(up) - f(down)) / (2 * h);
    assert.ok(
      Math.abs(gradient[j] - fd) < 0.02 * Math.max(1, Math.abs(fd)),
      `dim ${j}: tf ${gradient[j]} vs fd ${fd}`,
    );
  }
  const r = await gradientAscent(model, { starts: 1, steps: 25, rng: 3 });
  assert.equal(r.evaluations, 25);
  assert.ok(r.bestValue > r.bestSoFar[0] + 0.05, `${r.bestSoFar[0]} → ${r.bestValue}`);
});

Deno.test("Bayesian optimisation through lib/bo beats the uncontrolled pulse in 25 evaluations", () => {
  const f = peakRatioObjective(model);
  const r = bayesianOptimization(f, { evaluations: 25, rng: 0 });
  assert.equal(r.evaluations, 25);
  assert.ok(r.bestValue > UNCONTROLLED + 0.1, `${r.bestValue}`);
});
