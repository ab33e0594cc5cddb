import assert from "node:assert/strict";
import { ornsteinUhlenbeck, resolveSacConfig } from "../../lib/agents/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import { Box } from "../../lib/core/spaces.ts";

Deno.test("Ornstein–Uhlenbeck actions stay in the bounds and are correlated from step to step", () => {
  const noise = ornsteinUhlenbeck(new Box([-2, 0], [2, 1]), 3, { theta: 0.15, sigma: 0.5 });
  const rng = new Rng(0);
  const xs: number[] = [];
  for (let t = 0; t < 5000; t++) {
    const a = noise(rng);
    assert.equal(a.length, 6);
    for (let i = 0; i < 3; i++) {
      assert.ok(a[2 * i] >= -2 && a[2 * i] <= 2 && a[2 * i + 1] >= 0 && a[2 * i + 1] <= 1);
    }
    xs.push(a[0] / 2);
  }
  // Lag-1 autocorrelation of the clipped process: about 1 − theta = 0.85 (uncorrelated noise: 0).
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  let num = 0, den = 0;
  for (let t = 0; t < xs.length; t++) {
    den += (xs[t] - m) ** 2;
    if (t > 0) num += (xs[t] - m) * (xs[t - 1] - m);
  }
  assert.ok(num / den > 0.75, `autocorrelation ${num / den}`);
  assert.throws(() => ornsteinUhlenbeck(new Box([-1], [1]), 1, { sigma: 0 }), /sigma/);
  assert.throws(() => resolveSacConfig({ warmupNoise: "gsde" as "ou" }), /warmupNoise/);
  assert.equal(resolveSacConfig({}).warmupNoise, "uniform");
});
