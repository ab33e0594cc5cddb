import assert from "node:assert/strict";
import {
  equidistantCurve,
  equidistantSources,
  generalizedPerformance,
  greedyBisection,
  randomSelection,
  sequentialOracle,
  syntheticTransferMatrix,
} from "../../lib/transfer/mod.ts";
import { Rng } from "../../lib/core/rng.ts";

Deno.test("equidistant: midpoints of k equal segments, snapped to contexts", () => {
  assert.deepEqual(equidistantSources(9, 1), [4]);
  assert.deepEqual(equidistantSources(9, 3), [1, 4, 7]);
  assert.deepEqual(equidistantSources(100, 2), [25, 74]); // 24.75 → 25, 74.25 → 74
  assert.deepEqual(equidistantSources(4, 4).sort(), [0, 1, 2, 3]);
  const m = syntheticTransferMatrix({ n: 9 });
  assert.equal(equidistantCurve(m, 3)[2], generalizedPerformance(m, [1, 4, 7])[2]);
});

Deno.test("greedy bisection: middle, then the largest gap (ends split at their inner third)", () => {
  assert.deepEqual(greedyBisection(10, { budget: 4 }), [4, 7, 1, 2]); // gaps 1,3,3,2: first largest, 2.5 → 2
  assert.deepEqual(greedyBisection(100, { budget: 3 }), [49, 82, 16]);
  assert.equal(new Set(greedyBisection(7)).size, 7);
});

Deno.test("random selection: distinct, seeded", () => {
  const a = randomSelection(20, { budget: 20, rng: 5 });
  assert.equal(new Set(a).size, 20);
  assert.deepEqual(randomSelection(20, { budget: 20, rng: 5 }), a);
});

Deno.test("sequential oracle takes, at every step, the source with the largest generalised performance", () => {
  const rng = new Rng(3);
  const m = {
    contexts: [0, 1, 2, 3, 4, 5],
    values: Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => rng.uniform())),
  };
  const order = sequentialOracle(m);
  for (let k = 0; k < 6; k++) {
    const chosen = generalizedPerformance(m, order.slice(0, k + 1))[k];
    for (let alt = 0; alt < 6; alt++) {
      if (order.slice(0, k).includes(alt)) continue;
      const other = generalizedPerformance(m, [...order.slice(0, k), alt])[k];
      assert.ok(chosen >= other - 1e-15, `step ${k}: ${order[k]} (${chosen}) vs ${alt} (${other})`);
    }
  }
  // k = 1 is exactly the best single source
  const best = Math.max(...m.values.map((_, i) => generalizedPerformance(m, [i])[0]));
  assert.equal(generalizedPerformance(m, order)[0], best);
});
