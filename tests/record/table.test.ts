import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { aggregate, lastPerRun, meanCi95, type RecordRow, toTable } from "../../lib/record/mod.ts";

function close(actual: number, expected: number, rel = 1e-12): void {
  ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);
}

// 3 seeds × 2 steps for two algorithms; "ppo" has values [1, 2, 4] at step 0 and [3, 3, 6] at step 1.
const rows: RecordRow[] = [];
const values: Record<string, number[][]> = { ppo: [[1, 2, 4], [3, 3, 6]], dqn: [[0, 1, 2], [5, 5, 5]] };
for (const algo of ["ppo", "dqn"]) {
  for (let seed = 0; seed < 3; seed++) {
    for (let step = 0; step < 2; step++) {
      rows.push({ run: `${algo}/s${seed}`, seed, step, algo, return: values[algo][step][seed] });
    }
  }
}

Deno.test("aggregate: mean and 95% t-interval across 3 seeds match hand-computed values", () => {
  // t_{0.975,2} = 0.95 / sqrt(2 · 0.975 · 0.025) = 4.3026527297494638 exactly; scipy's stdtrit gives
  // 4.302652729911275 (4e-11 relative error), so the check is at 1e-9.
  const t2 = 4.302652729911275;
  const out = aggregate(rows, { metric: "return", groupBy: ["algo"] });
  deepEqual(out.map((p) => [p.algo, p.step, p.n]), [["ppo", 0, 3], ["ppo", 1, 3], ["dqn", 0, 3], [
    "dqn",
    1,
    3,
  ]]);
  // ppo step 0: mean 7/3, s² = (16/9 + 1/9 + 25/9) / 2 = 7/3
  const half0 = t2 * Math.sqrt(7 / 3) / Math.sqrt(3);
  close(out[0].mean, 7 / 3);
  close(out[0].lo, 7 / 3 - half0, 1e-9);
  close(out[0].hi, 7 / 3 + half0, 1e-9);
  // ppo step 1: mean 4, s² = (1 + 1 + 4) / 2 = 3 → half = t2 · 1
  close(out[1].mean, 4);
  close(out[1].hi - out[1].mean, t2, 1e-9);
  // dqn step 1: no spread → zero-width interval
  deepEqual([out[3].mean, out[3].lo, out[3].hi], [5, 5, 5]);
  deepEqual(Object.keys(out[0]), ["algo", "step", "mean", "lo", "hi", "n"]);
});

Deno.test("aggregate: ordering, n = 1, missing metrics, by = null", () => {
  const mixed: RecordRow[] = [
    { run: "a", seed: 0, step: 2, r: 4 },
    { run: "a", seed: 0, step: 0, r: 1, other: "x" },
    { run: "b", seed: 1, step: 0, r: 3 },
    { run: "b", seed: 1, step: 1, r: null },
    { run: "b", seed: 1, step: 3 },
  ];
  const out = aggregate(mixed, { metric: "r" });
  deepEqual(out.map((p) => p.step), [0, 2]); // sorted by step; steps without a value are left out
  deepEqual(out[1], { step: 2, mean: 4, lo: 4, hi: 4, n: 1 });
  const pooled = aggregate(mixed, { metric: "r", by: null });
  deepEqual(Object.keys(pooled[0]), ["mean", "lo", "hi", "n"]);
  close(pooled[0].mean, 8 / 3);
  deepEqual(aggregate([], { metric: "r" }), []);
  throws(() => aggregate([{ run: "a", seed: 0, step: 0, r: "x" }], { metric: "r" }), TypeError);
  throws(() => aggregate(mixed, { metric: "" }), /metric must be a non-empty string/);
  throws(() => aggregate(mixed, { metric: "r", groupBy: ["step"] }), RangeError);
  throws(() => aggregate("rows" as never, { metric: "r" }), TypeError);
});

Deno.test("meanCi95 uses the t quantile for any n (checked against 30-digit values)", () => {
  // t_{0.975, df} from mpmath (betainc root, 30 digits).
  const reference: [number, number][] = [
    [1, 12.706204736174704646],
    [3, 3.1824463052837095927],
    [4, 2.7764451051977943578],
    [9, 2.2621571627982055426],
    [29, 2.0452296421327042982],
    [100, 1.9839715185235522866],
    [1000, 1.962339080826408485],
  ];
  for (const [df, t] of reference) {
    const n = df + 1;
    const xs = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    const ci = meanCi95(xs);
    close((ci.hi - ci.lo) / 2 / (s / Math.sqrt(n)), t, 1e-11);
  }
  deepEqual(meanCi95([2.5]), { mean: 2.5, lo: 2.5, hi: 2.5, n: 1 });
  throws(() => meanCi95([]), RangeError);
});

Deno.test("lastPerRun gives each run's final value, feeding a final-score table", () => {
  const last = lastPerRun(rows, "return");
  equal(last.length, 6);
  deepEqual(last.slice(0, 3).map((r) => r.return), [3, 3, 6]);
  deepEqual(last.map((r) => r.step), [1, 1, 1, 1, 1, 1]);
  const table = aggregate(last, { metric: "return", by: null, groupBy: ["algo"] });
  deepEqual(table.map((p) => [p.algo, p.mean, p.n]), [["ppo", 4, 3], ["dqn", 5, 3]]);
  deepEqual(
    lastPerRun([{ run: "a", seed: 0, step: 0, r: 1 }, { run: "a", seed: 0, step: 1, r: null }], "r"),
    [
      { run: "a", seed: 0, step: 0, r: 1 },
    ],
  );
  throws(() => lastPerRun(rows, 3 as never), TypeError);
});

Deno.test("toTable: column union in first-seen order, missing values null", () => {
  const t = toTable([
    { run: "a", seed: 0, step: 0, loss: 1.5 },
    { run: "a", seed: 0, step: 1, return: 3, done: true },
  ]);
  deepEqual(t.columnNames(), ["run", "seed", "step", "loss", "return", "done"]);
  equal(t.numRows(), 2);
  equal(t.get("loss", 1), null);
  equal(t.get("return", 1), 3);
  deepEqual(toTable(rows).array("return"), rows.map((r) => r.return));
  equal(toTable([]).numRows(), 0);
  throws(() => toTable({} as never), TypeError);
});
