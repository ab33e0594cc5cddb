import assert from "node:assert/strict";
import {
  defaultStateKernel,
  embedSwarm,
  kernelAt,
  kernelEmbedding,
  kernelSize,
  kernelSpec,
  normalizedFeatures,
} from "../../lib/meanfield/mod.ts";
import { createSwarm, resetSwarm, swarmTask } from "../../lib/meanfield/swarm.ts";

const near = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

Deno.test("the kernel embedding of identical agents equals the kernel at that state", () => {
  const spec = kernelSpec([
    { low: 0, high: 1, centres: 4, bandwidth: 0.15, periodic: true },
    { low: -1, high: 1, centres: 3, bandwidth: 0.5, periodic: false },
  ]);
  const point = [0.37, -0.2];
  const pts = Array.from({ length: 7 }, () => point).flat();
  const mu = kernelEmbedding(spec, pts, 7);
  const k = kernelAt(spec, point);
  assert.equal(mu.length, 12);
  for (let i = 0; i < 12; i++) near(mu[i], k[i], 1e-12);
  // and through a swarm: every agent at the same phase
  const s = createSwarm(swarmTask("kuramoto"), { numAgents: 20 });
  resetSwarm(s, 0);
  s.theta.fill(1.1);
  const e = embedSwarm(s, defaultStateKernel("kuramoto"), 0, new Float64Array(12));
  const k1 = kernelAt(defaultStateKernel("kuramoto"), [1.1]);
  for (let i = 0; i < 12; i++) near(e[i], k1[i], 1e-12);
});

Deno.test("the embedding is the mean of the agents' kernels and is Lipschitz in a moved agent", () => {
  const spec = kernelSpec([{ low: 0, high: 1, centres: 5, bandwidth: 0.1, periodic: true }]);
  const mu = kernelEmbedding(spec, [0.1, 0.5], 2);
  const a = kernelAt(spec, [0.1]);
  const b = kernelAt(spec, [0.5]);
  for (let i = 0; i < 5; i++) near(mu[i], (a[i] + b[i]) / 2, 1e-12);
  const moved = kernelEmbedding(spec, [0.1, 0.5001], 2);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(moved[i] - mu[i]) < 1e-3);
});

Deno.test("periodic kernels wrap around; interval kernels are Gaussians", () => {
  const spec = kernelSpec([{ low: 0, high: 1, centres: 4, bandwidth: 0.1, periodic: true }]);
  const k0 = kernelAt(spec, [0.02]);
  const k1 = kernelAt(spec, [1.02]);
  for (let i = 0; i < 4; i++) near(k0[i], k1[i], 1e-12);
  // centre 0 sits at 0.125: symmetric distances on both sides of the seam
  near(kernelAt(spec, [0.125 - 0.2])[0], kernelAt(spec, [0.125 + 0.2])[0], 1e-12);
  const g = kernelSpec([{ low: -1, high: 1, centres: 3, bandwidth: 0.5, periodic: false }]);
  near(kernelAt(g, [0])[0], Math.exp(-2), 1e-12);
  assert.equal(kernelSize(g), 3);
});

Deno.test("normalised features sum to one", () => {
  const spec = kernelSpec([
    { low: -1, high: 1, centres: 2, bandwidth: 0.8, periodic: false },
    { low: -1, high: 1, centres: 2, bandwidth: 0.8, periodic: false },
  ]);
  const f = normalizedFeatures(spec, [0.3, -0.9], new Float64Array(4));
  near(f.reduce((x, y) => x + y, 0), 1, 1e-12);
  assert.ok(f[2] > f[1]); // (s = +1, c = −1) is the nearest corner
});

Deno.test("bad kernel specs are named", () => {
  assert.throws(
    () => kernelSpec([{ low: 0, high: 1, centres: 0, bandwidth: 1, periodic: false }]),
    { name: "RangeError", message: /centres/ },
  );
  assert.throws(
    () => kernelSpec([{ low: 0, high: 1, centres: 2, bandwidth: -1, periodic: false }]),
    { name: "RangeError", message: /bandwidth/ },
  );
});
