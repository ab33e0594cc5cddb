import assert from "node:assert/strict";
import {
  bootstrapCi,
  ci95,
  iqm,
  mean,
  meanCi,
  median,
  pearson,
  quantile,
  ranks,
  sem,
  spearman,
  std,
  studentTCdf,
  studentTQuantile,
  trimmedMean,
  variance,
} from "../../lib/core/stats.ts";
import { Rng } from "../../lib/core/rng.ts";

// Expected values below were computed once with numpy 1.24.2 / scipy 1.10.1 (Debian /usr/bin/python3), except the
// t quantiles, which come from mpmath 1.2.1 at 40 digits (bisection on the regularised incomplete beta): scipy's
// t.ppf (cdflib) is itself only accurate to ~1e-11.
const X = [2.5, 0.3, 4.1, 4.1, 1.7, 3.3, 0.9, 5.6, 2.2, 3.0];
const Y = [1.0, 0.2, 3.9, 2.5, 1.1, 3.3, 0.4, 6.0, 2.5, 2.0];

function close(actual: number, expected: number, rel = 1e-12): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} vs ${expected} (tol ${tol})`);
}

Deno.test("mean, variance, std, sem match numpy/scipy", () => {
  close(mean(X), 2.77);
  close(variance(X), 2.557888888888888); // np.var(x, ddof=1)
  close(variance(X, { ddof: 0 }), 2.3020999999999994);
  close(std(X), 1.5993401417112272);
  close(sem(X), 0.5057557601143944); // scipy.stats.sem
  close(std([2, 4, 4, 4, 5, 5, 7, 9], { ddof: 0 }), 2);
  close(mean(new Float32Array([1, 2, 3, 4])), 2.5);
});

Deno.test("Student-t quantile matches high-precision values", () => {
  // mpmath, 40 digits.
  const cases: [number, number, number][] = [
    [0.975, 1, 12.706204736174693314],
    [0.975, 2, 4.3026527297494617894],
    [0.975, 4, 2.7764451051977934898],
    [0.975, 9, 2.2621571627982049992],
    [0.95, 29, 1.6991270265334972845],
    [0.995, 3, 5.8409093097333554113],
  ];
  for (const [p, df, t] of cases) {
    close(studentTQuantile(p, df), t, 1e-13);
    close(studentTQuantile(1 - p, df), -t, 1e-13);
  }
  close(studentTQuantile(0.975, 4), 2.7764451051977987, 1e-14); // the value scipy prints
  assert.equal(studentTQuantile(0.5, 7), 0);
  // Very large df approaches the normal quantile 1.959963984540054.
  close(studentTQuantile(0.975, 1e7), 1.959963984540054, 1e-6);
  for (const df of [1, 3.5, 10, 250]) {
    for (const p of [1e-9, 0.01, 0.3, 0.8, 0.999]) close(studentTCdf(studentTQuantile(p, df), df), p, 1e-12);
  }
  close(studentTCdf(0, 3), 0.5);
});

Deno.test("ci95 is mean ± t_{0.975,n-1}·sem", () => {
  const ci = ci95(X);
  // scipy.stats.t.interval(0.95, 9, loc=mean, scale=sem) = (1.6259009846597081, 3.914099015340292); scipy's t
  // quantile is off by 6e-11 there, hence the tolerance.
  close(ci.low, 1.6259009846597081, 1e-10);
  close(ci.high, 3.914099015340292, 1e-10);
  close(ci.estimate, 2.77);
  assert.equal(ci.n, 10);
  assert.equal(ci.level, 0.95);
  const h = 2.2621571627982049992 * 0.5057557601143944;
  close(ci.high - ci.estimate, h, 1e-13);
  const c5 = ci95([1, 2, 3, 4, 5]);
  close(c5.low, 3 - 2.7764451051977934898 * Math.SQRT1_2, 1e-14);
  close(c5.high, 3 + 2.7764451051977934898 * Math.SQRT1_2, 1e-14);
  const c90 = meanCi([1, 2, 3, 4, 5], { level: 0.9 });
  assert.ok(c90.high < c5.high && c90.low > c5.low);
});

Deno.test("quantile interpolates linearly like numpy, median", () => {
  const expected: [number, number][] = [
    [0, 0.3],
    [0.1, 0.8400000000000001],
    [0.25, 1.825],
    [0.33, 2.185],
    [0.5, 2.75],
    [0.75, 3.8999999999999995],
    [0.9, 4.249999999999999],
    [1, 5.6],
  ];
  for (const [q, v] of expected) close(quantile(X, q), v, 1e-14);
  close(median(X), 2.75);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(quantile([7], 0.3), 7);
  assert.deepEqual(X.slice(0, 2), [2.5, 0.3]); // input not sorted in place
});

Deno.test("iqm is scipy.stats.trim_mean(x, 0.25)", () => {
  close(iqm(X), 2.7999999999999994);
  close(iqm(X.slice(0, 7)), 2.4999999999999996); // cuts floor(1.75) = 1 from each end
  close(iqm(X.slice(0, 5)), 2.766666666666667);
  close(iqm([1, 2, 3, 4, 5, 6, 7, 100]), 4.5);
  close(trimmedMean([1, 2, 3, 4, 100], 0.2), 3);
  close(trimmedMean(X, 0), 2.77);
});

Deno.test("ranks average ties; Pearson and Spearman match scipy", () => {
  assert.deepEqual(Array.from(ranks(X)), [5, 1, 8.5, 8.5, 3, 7, 2, 10, 4, 6]);
  assert.deepEqual(Array.from(ranks(Y)), [3, 1, 9, 6.5, 4, 8, 2, 10, 6.5, 5]);
  close(pearson(X, Y), 0.9197358078524909);
  close(spearman(X, Y), 0.8932926829268295);
  close(pearson([1, 2, 3], [3, 2, 1]), -1);
  close(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  // Spearman is Pearson on ranks, invariant to monotone transforms.
  close(spearman(X, Y.map((v) => Math.exp(v))), 0.8932926829268295);
});

Deno.test("bootstrapCi: seeded, brackets the estimate, and agrees with the t interval on normal data", () => {
  const rng = new Rng(1);
  const data = rng.fillNormal(new Float64Array(200)).map((z) => 10 + 2 * z);
  const a = bootstrapCi(data, mean, { rng: 5 });
  const b = bootstrapCi(data, mean, { rng: new Rng(5) });
  assert.deepEqual(a, b);
  assert.ok(a.low < a.estimate && a.estimate < a.high);
  assert.equal(a.level, 0.95);
  assert.equal(a.n, 200);
  // For the mean of 200 normal draws the percentile interval is close to the t interval (half-width ≈ 0.28).
  const t = ci95(data);
  assert.ok(
    Math.abs(a.low - t.low) < 0.05 && Math.abs(a.high - t.high) < 0.05,
    `${a.low},${a.high} vs ${t.low},${t.high}`,
  );
  const narrow = bootstrapCi(data, iqm, { rng: 5, level: 0.5, resamples: 500 });
  const wide = bootstrapCi(data, iqm, { rng: 5, level: 0.99, resamples: 500 });
  assert.ok(wide.high - wide.low > narrow.high - narrow.low);
  // A constant sample has a degenerate interval.
  const constant = bootstrapCi([3, 3, 3], mean, { rng: 0, resamples: 50 });
  assert.deepEqual([constant.low, constant.estimate, constant.high], [3, 3, 3]);
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => mean([]), { name: "RangeError", message: /xs must have at least 1/ });
  assert.throws(() => mean([1, NaN]), {
    name: "RangeError",
    message: /xs\[1\] must be a finite number, got NaN/,
  });
  assert.throws(() => variance([1]), { name: "RangeError", message: /xs must have at least 2/ });
  assert.throws(() => variance([1, 2], { ddof: -1 }), { name: "RangeError", message: /ddof.*-1/ });
  assert.throws(() => sem([1]), { name: "RangeError", message: /at least 2/ });
  assert.throws(() => ci95([5]), { name: "RangeError", message: /xs must have at least 2/ });
  assert.throws(() => meanCi(X, { level: 1 }), {
    name: "RangeError",
    message: /level must be in \(0, 1\), got 1/,
  });
  assert.throws(() => quantile(X, 1.5), { name: "RangeError", message: /q must be in \[0, 1\], got 1\.5/ });
  assert.throws(() => trimmedMean(X, 0.5), { name: "RangeError", message: /proportion/ });
  assert.throws(() => pearson([1, 2], [1, 2, 3]), { name: "RangeError", message: /y must have length 2/ });
  assert.throws(() => pearson([1, 1, 1], [1, 2, 3]), { name: "RangeError", message: /x is constant/ });
  assert.throws(() => spearman([1], [1]), { name: "RangeError", message: /x must have at least 2/ });
  assert.throws(() => studentTQuantile(0, 3), {
    name: "RangeError",
    message: /p must be in \(0, 1\), got 0/,
  });
  assert.throws(() => studentTQuantile(0.5, 0), {
    name: "RangeError",
    message: /df must be in \(0, inf\), got 0/,
  });
  assert.throws(() => bootstrapCi(X, mean, { rng: 0, resamples: 0 }), {
    name: "RangeError",
    message: /resamples/,
  });
  assert.throws(() => bootstrapCi(X, "mean" as unknown as () => number, { rng: 0 }), {
    name: "TypeError",
    message: /statistic must be a function/,
  });
  assert.throws(() => bootstrapCi(X, () => NaN, { rng: 0 }), {
    name: "RangeError",
    message: /statistic returned NaN/,
  });
});
