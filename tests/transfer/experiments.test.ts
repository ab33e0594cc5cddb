import assert from "node:assert/strict";
import {
  compareStrategies,
  controlExperiment,
  controlReport,
  sampleEfficiency,
  SEQUENTIAL_STRATEGIES,
  shippedExperiment,
  syntheticExperiment,
  syntheticTransferMatrix,
  transferExperiments,
} from "../../lib/transfer/mod.ts";
import { runExperiment } from "../../lib/repro/runner.ts";
import { validateExperiment } from "../../lib/repro/experiment.ts";
import { Rng } from "../../lib/core/rng.ts";
import type { RecordRow } from "../../lib/record/mod.ts";

Deno.test("sample efficiency: samples to first reach the reference, and the ratio", () => {
  const e = sampleEfficiency([0.5, 0.8, 0.9], [10, 20, 30], 0.85, 120);
  assert.deepEqual([e.sources, e.samples, e.ratio], [3, 30, 4]);
  assert.equal(sampleEfficiency([0.5], [10], 0.9, 10).ratio, null);
});

Deno.test("compareStrategies: every curve has the budget's length; oracle ≥ all at k = 1", () => {
  const m = syntheticTransferMatrix({ n: 12, shape: "smooth", noise: 0.02, rng: 5 });
  const c = compareStrategies(m, { budget: 6, randomPermutations: 20 });
  for (const s of SEQUENTIAL_STRATEGIES) assert.equal(c.performance[s].length, 6);
  for (const s of SEQUENTIAL_STRATEGIES) {
    assert.ok(c.performance["Sequential oracle"][0] >= c.performance[s][0]);
  }
  assert.equal(c.independent.samples, 12);
  assert.ok(c.oracleTransfer.performance >= c.independent.performance);
});

Deno.test("experiments are well formed at both scales with unique keys", () => {
  for (const exp of transferExperiments) {
    for (const scale of ["quick", "full"] as const) assert.ok(validateExperiment(exp, scale).length > 0);
  }
  assert.equal(controlExperiment.runs("full").length, 6 * 101); // 6 spaces × (100 sources + multi-task)
});

Deno.test("synthetic experiment (quick) reports curves, the β ablation, GP panels and the regret", async () => {
  const r = await runExperiment(syntheticExperiment, { scale: "quick", showProgress: false });
  assert.deepEqual(r.figures.map((f) => f.id), [
    "synthetic-0",
    "synthetic-1",
    "synthetic-2",
    "gp-steps",
    "gp-steps-normalised",
    "regret",
  ]);
  assert.equal(r.tables.length, 2);
  const mbtlRow = r.tables[0].rows.find((row) =>
    row[0] === "smooth f, noise 0.05" && row[1] === "MBTL (normalised GP)"
  )!;
  const randomRow = r.tables[0].rows.find((row) => row[0] === "smooth f, noise 0.05" && row[1] === "Random")!;
  // At k = 10 MBTL (normalised GP) is above the random mean on the noisy smooth setting.
  assert.ok(Number(mbtlRow[6]) > Number(randomRow[6]), `${mbtlRow[6]} vs ${randomRow[6]}`);
});

Deno.test("control experiment: a run logs one row per target; the report assembles the matrix", async () => {
  const rows: RecordRow[] = [];
  const specs = [
    {
      key: "a",
      seed: 1,
      config: { space: "cartpole-length", n: 2, source: 0, steps: 256, episodes: 2, kind: "source" },
    },
    {
      key: "b",
      seed: 2,
      config: { space: "cartpole-length", n: 2, source: 1, steps: 256, episodes: 2, kind: "source" },
    },
    {
      key: "c",
      seed: 3,
      config: { space: "cartpole-length", n: 2, source: -1, steps: 256, episodes: 2, kind: "multitask" },
    },
  ];
  for (const spec of specs) {
    await controlExperiment.execute(spec, {
      rng: new Rng(spec.seed),
      scale: "quick",
      log: (step, metrics) => rows.push({ run: spec.key, seed: spec.seed, step, ...metrics }),
    });
  }
  assert.equal(rows.length, 6);
  const report = await controlExperiment.report(rows, "quick");
  assert.deepEqual(report.figures.map((f) => f.id), [
    "cartpole-length-matrix",
    "cartpole-length-vs-k",
    "cartpole-length-vs-samples",
  ]);
  assert.equal(report.tables[0].rows.length, 2);
  // An incomplete build is named, not silently used.
  const partial = await controlExperiment.report(rows.filter((r) => r.run !== "b"), "quick");
  assert.match(partial.tables[0].note ?? "", /cartpole-length: 1\/2 sources/);
});

Deno.test("controlReport: MBTL reaches independent training with fewer samples when transfer beats the diagonal", () => {
  // Training performance varies (smooth f in [0.6, 1]) and transfer is cheap (θ = 0.1): good sources cover others
  // better than their own training does, as in real matrices.
  const m = syntheticTransferMatrix({ n: 12, slope: 0.1, shape: "smooth", rng: 1 });
  const raw = {
    contexts: m.contexts,
    values: m.values.map((r) => r.map((v) => 500 * v)),
    steps: new Array(12).fill(1000),
  };
  const rep = controlReport([{ space: "cartpole-length", raw, multiTask: null }]);
  const row = rep.tables[0].rows[1]; // MBTL (normalised GP)
  assert.equal(row[2], "MBTL (normalised GP)");
  assert.match(String(row[7]), /x$/);
  assert.ok(parseFloat(String(row[7])) > 1);
});

Deno.test("shipped experiment reads data/transfer matrices when present", async () => {
  const r = await runExperiment(shippedExperiment, { scale: "quick", showProgress: false });
  assert.ok(r.tables.length === 1);
  const shipped = new Set(r.records.filter((x) => x.kind === "source").map((x) => x.space));
  assert.ok(shipped.has("cartpole-length"), "the CartPole pole-length matrix is shipped");
  assert.equal(r.figures.length, 3 * shipped.size);
});
