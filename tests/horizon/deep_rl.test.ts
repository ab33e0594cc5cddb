import assert from "node:assert/strict";
import { deepRlSampleComplexity } from "../../lib/horizon/deep_rl.ts";
import { gridworld } from "../../lib/tabular/gridworld.ts";

Deno.test("PPO and DQN find the optimal policy of a 3x3 gridworld within 10k steps (2 seeds each)", async () => {
  const mdp = gridworld(["S..", "...", "..G"], { horizon: 8 }).mdp;
  for (const algorithm of ["ppo", "dqn"] as const) {
    for (const seed of [0, 1]) {
      const r = await deepRlSampleComplexity(mdp, algorithm, { budget: 10_000, seed });
      assert.equal(r.optimalReturn, 1);
      assert.ok(r.solvedAt !== null && r.solvedAt <= 10_000, `${algorithm} seed ${seed}: ${r.solvedAt}`);
      assert.equal(r.lastEvalReturn, 1);
    }
  }
});

Deno.test("a budget too small to learn anything reports no solve", async () => {
  const mdp = gridworld(["S...#", "###.#", "....#", ".####", "...G#"], { horizon: 20 }).mdp;
  const r = await deepRlSampleComplexity(mdp, "dqn", { budget: 50, seed: 0, evalEvery: 10 });
  assert.equal(r.solvedAt, null);
  assert.equal(r.steps, 50);
  await assert.rejects(() => deepRlSampleComplexity(mdp, "sac" as "ppo", { budget: 10 }), /algorithm/);
});

Deno.test("deep-rl report: medians count unsolved seeds as ∞, shaping pairs read base → shaped, ρ per bound", async () => {
  const { deepRlVsHorizonExperiment } = await import("../../lib/horizon/deep_rl_experiments.ts");
  const row = (task: string, algorithm: string, solvedAt: number | null, bound: number, extra = {}) => ({
    run: `${task}/${algorithm}`,
    seed: 0,
    step: 0,
    task,
    algorithm,
    horizon: 10,
    numActions: 4,
    minK: 1,
    epw: 5,
    bound,
    gorpH1: bound / 2,
    gorpH: bound / 2,
    gorpSamples: 100 * bound,
    coveringLength: 10 * bound,
    solvedAt,
    ...extra,
  });
  const rows = [
    // PPO: task a solved by 2 of 3 seeds (median 300), b by 1 of 3 (median ∞), c by all
    ...[100, 300, null].map((x) => row("corridor-7", "ppo", x, 7)),
    ...[500, null, null].map((x) => row("two-rooms", "ppo", x, 10)),
    ...[50, 60, 70].map((x) => row("empty-3x3", "ppo", x, 4)),
    ...[40, 40, 40].map((x) => row("corridor-7 (shaped)", "ppo", x, 7, { epw: 1, gorpSamples: 90 })),
  ];
  const report = await deepRlVsHorizonExperiment.report(rows, "quick");
  const [main, shaping] = report.tables;
  const ppoCol = main.columns.indexOf("PPO");
  const byTask = new Map(main.rows.map((r) => [r[0], r]));
  assert.equal(byTask.get("corridor-7")![ppoCol], 300);
  assert.equal(byTask.get("two-rooms")![ppoCol], "not solved");
  assert.equal(byTask.get("empty-3x3")![ppoCol], 60);
  assert.equal(byTask.get("corridor-7")![main.columns.indexOf("GORP")], 700);
  assert.deepEqual(shaping.rows.map((r) => r.slice(0, 2)), [["corridor-7", "5 → 1"]]);
  assert.equal(shaping.rows[0][shaping.columns.indexOf("PPO")], "300 → 40");
  assert.equal(shaping.rows[0][shaping.columns.indexOf("GORP")], "700 → 90");
  // PPO solved 3 MDPs (bounds 7, 4, 7 with medians 300, 60, 40): ties in x, so ρ < 1 but positive
  assert.match(main.note!, /PPO: solves 3\/4/);
  const spearmanFig = report.figures.find((f) => f.id === "deep-rl-spearman")!;
  const ppoBars = (spearmanFig.figure.data[0] as { y: (number | null)[] }).y;
  assert.equal(ppoBars.length, 4);
  assert.ok(ppoBars.every((v) => v === null || (v >= -1 && v <= 1)));
});

Deno.test("sticky 3x3: PPO's greedy policy is judged by exact evaluation and reaches the sticky optimum", async () => {
  const { stickyMdp, stickyAnalysis } = await import("../../lib/horizon/sticky.ts");
  const base = gridworld(["S..", "...", "..G"], { horizon: 8 }).mdp;
  const mdp = stickyMdp(base, 0.25);
  const exact = stickyAnalysis(base, { p: 0.25 });
  const r = await deepRlSampleComplexity(mdp, "ppo", { budget: 10_000, seed: 0 });
  assert.ok(Math.abs(r.optimalReturn - exact.optimalReturn) < 1e-12);
  assert.ok(r.solvedAt !== null, "PPO should solve sticky 3x3 within 10k steps");
  // exact evaluation: the last evaluation is the exact value of an optimal policy, not a noisy episode mean
  assert.ok(
    Math.abs(r.lastEvalReturn! - exact.optimalReturn) < 1e-4,
    `${r.lastEvalReturn} vs ${exact.optimalReturn}`,
  );
});

Deno.test("sticky report: solve counts, SQIRL's unsolved cell shows its return at the largest m", async () => {
  const { stickyDeepRlExperiment } = await import("../../lib/horizon/deep_rl_experiments.ts");
  const row = (
    task: string,
    algorithm: string,
    solvedAt: number | null,
    sqirlReturn: number | null = null,
  ) => ({
    run: `${task}/${algorithm}`,
    seed: 0,
    step: 0,
    task,
    algorithm,
    horizon: 8,
    numStates: 37,
    minK: 1,
    epw: 4,
    optimalReturn: 0.999,
    randomReturn: 0.1,
    greedyReturn1: 0.999,
    solvedAt,
    sqirlM: null,
    sqirlReturn,
    maxM: 256,
  });
  const rows = [
    ...[100, 200, 300].map((x) => row("a", "ppo", x)),
    ...[null, null, 50].map((x) => row("a", "dqn", x)),
    ...[0.5, 0.9, 0.7].map((v) => row("a", "sqirl", null, v)),
  ];
  const { tables } = await stickyDeepRlExperiment.report(rows, "quick");
  const [t] = tables;
  assert.deepEqual(t.rows[0].slice(5, 8), [200, "not solved", "not solved (return 0.7000 at m = 256)"]);
  assert.match(t.note!, /Solved: PPO 1\/1, DQN 0\/1, SQIRL 0\/1/);
});
