import assert from "node:assert/strict";
import {
  bayesOpt,
  bayesOptSync,
  expectedImprovement,
  latinHypercube,
  normalCdf,
  normalPdf,
  suggestNext,
  upperConfidenceBound,
} from "../../lib/bo/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import { assertClose } from "../tabular/fixtures.ts";

const branin = (x: number[]) => {
  const [a, b] = x;
  return (b - (5.1 / (4 * Math.PI ** 2)) * a * a + (5 / Math.PI) * a - 6) ** 2 +
    10 * (1 - 1 / (8 * Math.PI)) * Math.cos(a) + 10;
};
const BRANIN_MIN = 0.397887;
const BRANIN_BOX: [number, number][] = [[-5, 10], [0, 15]];

Deno.test("normal pdf/cdf and the acquisition functions at known values", () => {
  assertClose([normalPdf(0), normalCdf(0), normalCdf(1.959963985)], [0.3989422804014327, 0.5, 0.975], 2e-7);
  assertClose([normalCdf(-3)], [0.0013498980316301], 2e-8);
  // EI of N(0, 1) over best 0: φ(0); with σ = 0 it is the plain improvement.
  assertClose([expectedImprovement(0, 1, 0)], [normalPdf(0)], 1e-7);
  assertClose([expectedImprovement(2, 0, 0.5), expectedImprovement(0.1, 0, 0.5)], [1.5, 0], 0);
  // EI(μ, σ) − EI(−μ, σ) = μ (the put–call parity of the Gaussian).
  assertClose([expectedImprovement(0.7, 1.3, 0) - expectedImprovement(-0.7, 1.3, 0)], [0.7], 2e-7);
  assert.equal(upperConfidenceBound(1, 0.5, 2), 2);
});

Deno.test("Latin hypercube puts one point in every stratum of every dimension", () => {
  const pts = latinHypercube(8, [[0, 8], [-4, 4]], 3);
  for (let k = 0; k < 2; k++) {
    const strata = pts.map((p) => Math.floor(k === 0 ? p[0] : p[1] + 4)).sort((a, b) => a - b);
    assert.deepEqual(strata, [0, 1, 2, 3, 4, 5, 6, 7]);
  }
});

Deno.test("BO (EI) reaches Branin's minimum within 0.1 in 35 evaluations and beats random search (3 seeds)", () => {
  for (let seed = 0; seed < 3; seed++) {
    const r = bayesOptSync(branin, { bounds: BRANIN_BOX, evaluations: 35, rng: seed });
    assert.ok(r.best.y - BRANIN_MIN < 0.1, `seed ${seed}: best ${r.best.y}`);
    const rng = new Rng(100 + seed);
    let randomBest = Infinity;
    for (let i = 0; i < 35; i++) {
      randomBest = Math.min(randomBest, branin([rng.uniformIn(-5, 10), rng.uniformIn(0, 15)]));
    }
    assert.ok(r.best.y < randomBest, `seed ${seed}: BO ${r.best.y} vs random ${randomBest}`);
    // best-so-far is monotone and ends at the best
    for (let i = 1; i < r.bestSoFar.length; i++) assert.ok(r.bestSoFar[i] <= r.bestSoFar[i - 1]);
    assert.equal(r.bestSoFar.at(-1), r.best.y);
  }
});

Deno.test("BO maximises with UCB, accepts an async objective and is seeded", async () => {
  const f = (x: number[]) => -((x[0] - 0.3) ** 2) - (x[1] + 0.2) ** 2 - 0.5 * (x[2] - 0.6) ** 2;
  const opts = {
    bounds: [[-1, 1], [-1, 1], [0, 1]] as [number, number][],
    goal: "maximize" as const,
    acquisition: "ucb" as const,
    evaluations: 30,
    rng: 5,
  };
  const r = await bayesOpt((x) => Promise.resolve(f(x)), opts);
  assert.ok(r.best.y > -0.01, `best ${r.best.y}`);
  assert.equal(r.xs.length, 30);
  const again = bayesOptSync(f, opts);
  assert.deepEqual(again.xs, r.xs);
});

Deno.test("suggestNext proposes inside the box, near the incumbent basin; arguments are checked", () => {
  const xs = [[0], [0.25], [0.5], [0.75], [1]];
  const ys = xs.map(([x]) => (x - 0.6) ** 2);
  const s = suggestNext(xs, ys, { bounds: [[0, 1]], rng: 1 });
  assert.ok(s.x[0] >= 0 && s.x[0] <= 1);
  assert.ok(Math.abs(s.x[0] - 0.6) < 0.2, `suggested ${s.x[0]}`);
  assert.throws(() => suggestNext(xs, ys, { bounds: [[1, 0]] }), /bounds\[0\] must have low < high/);
  assert.throws(() => suggestNext(xs, [1, 2], { bounds: [[0, 1]] }), /ys must have one value per point/);
  assert.throws(() => suggestNext(xs, ys, { bounds: [[0, 1]], goal: "up" as "maximize" }), /goal/);
  assert.throws(() => bayesOptSync(() => NaN, { bounds: [[0, 1]], evaluations: 2 }), /objective/);
});
