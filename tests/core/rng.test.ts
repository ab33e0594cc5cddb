import assert from "node:assert/strict";
import { Rng, toRng } from "../../lib/core/rng.ts";

const N = 1_000_000;

function draws(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.nextUint32());
}

Deno.test("same seed gives the same stream; different seeds differ", () => {
  assert.deepEqual(draws(new Rng(42), 1000), draws(new Rng(42), 1000));
  for (const [a, b] of [[1, 2], [0, -1], [2 ** 32, 0], [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]]) {
    assert.notDeepEqual(draws(new Rng(a), 8), draws(new Rng(b), 8), `seeds ${a} and ${b}`);
  }
});

Deno.test("split streams differ from the parent and from each other", () => {
  const parent = new Rng(7);
  const c1 = parent.split();
  const c2 = parent.split();
  const streams = [draws(parent, 16), draws(c1, 16), draws(c2, 16)];
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      assert.notDeepEqual(streams[i], streams[j]);
      // No shared value at all in 16 draws (a shifted copy of a stream would share many).
      assert.equal(streams[i].filter((v) => streams[j].includes(v)).length, 0);
    }
  }
  // Splitting is itself deterministic.
  const again = new Rng(7);
  assert.deepEqual(draws(again.split(), 16), streams[1]);
});

Deno.test("uniform moments: mean 1/2, variance 1/12 within 4 standard errors over 1e6 draws", () => {
  const rng = new Rng(123);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const u = rng.uniform();
    assert.ok(u >= 0 && u < 1);
    s += u;
    s2 += u * u;
  }
  const mean = s / N;
  const variance = s2 / N - mean * mean;
  assert.ok(Math.abs(mean - 0.5) < 4 * Math.sqrt(1 / 12 / N), `mean ${mean}`);
  // SE of the variance estimate: sqrt((μ4 − σ⁴)/N) with μ4 = 1/80 for U(0, 1).
  assert.ok(Math.abs(variance - 1 / 12) < 4 * Math.sqrt((1 / 80 - 1 / 144) / N), `variance ${variance}`);
});

Deno.test("normal moments: mean 0, variance 1 within 4 standard errors over 1e6 draws", () => {
  const rng = new Rng(321);
  const xs = rng.fillNormal(new Float64Array(N));
  let s = 0;
  let s2 = 0;
  for (const x of xs) {
    s += x;
    s2 += x * x;
  }
  const mean = s / N;
  const variance = s2 / N - mean * mean;
  assert.ok(Math.abs(mean) < 4 / Math.sqrt(N), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 4 * Math.sqrt(2 / N), `variance ${variance}`); // Var(z²) = 2
});

Deno.test("uniformIn stays in [low, high) and has the right mean", () => {
  const rng = new Rng(5);
  let s = 0;
  for (let i = 0; i < 10000; i++) {
    const x = rng.uniformIn(-3, 5);
    assert.ok(x >= -3 && x < 5);
    s += x;
  }
  assert.ok(Math.abs(s / 10000 - 1) < 4 * Math.sqrt(64 / 12 / 10000));
});

Deno.test("integer(n) is in range and roughly uniform (chi-square)", () => {
  const rng = new Rng(9);
  const n = 10;
  const draws = 100_000;
  const counts = new Array(n).fill(0);
  for (let i = 0; i < draws; i++) {
    const k = rng.integer(n);
    assert.ok(Number.isInteger(k) && k >= 0 && k < n);
    counts[k]++;
  }
  const expected = draws / n;
  const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  // 9 degrees of freedom: P(chi2 > 40) ≈ 7e-6.
  assert.ok(chi2 < 40, `chi2 ${chi2}, counts ${counts}`);
  assert.equal(rng.integer(1), 0);
  for (const big of [2 ** 31 + 1, 2 ** 32, 2 ** 40 + 3]) {
    const k = rng.integer(big);
    assert.ok(Number.isInteger(k) && k >= 0 && k < big);
  }
});

Deno.test("categorical frequencies match the weights", () => {
  const rng = new Rng(11);
  const weights = [1, 2, 0, 7];
  const draws = 100_000;
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < draws; i++) counts[rng.categorical(weights)]++;
  assert.equal(counts[2], 0);
  for (let i = 0; i < 4; i++) {
    const p = weights[i] / 10;
    const se = Math.sqrt((p * (1 - p)) / draws);
    assert.ok(Math.abs(counts[i] / draws - p) <= 4 * se, `category ${i}: ${counts[i] / draws} vs ${p}`);
  }
});

Deno.test("shuffle is a permutation and is seeded", () => {
  const a = Array.from({ length: 100 }, (_, i) => i);
  const shuffled = new Rng(3).shuffle([...a]);
  assert.deepEqual([...shuffled].sort((x, y) => x - y), a);
  assert.notDeepEqual(shuffled, a);
  assert.deepEqual(new Rng(3).shuffle([...a]), shuffled);
  const typed = new Rng(4).shuffle(Int32Array.from(a));
  assert.deepEqual(Array.from(typed).sort((x, y) => x - y), a);
});

Deno.test("getState/fromState resumes the exact stream, through JSON, including a cached normal", () => {
  const rng = new Rng(2024);
  for (let i = 0; i < 17; i++) rng.uniform();
  rng.normal(); // leaves the pair's second value cached
  const state = JSON.parse(JSON.stringify(rng.getState()));
  assert.equal(state.length, 5);
  assert.notEqual(state[4], null);
  const resumed = Rng.fromState(state);
  for (let i = 0; i < 100; i++) {
    assert.equal(resumed.normal(), rng.normal());
    assert.equal(resumed.uniform(), rng.uniform());
    assert.equal(resumed.integer(1000), rng.integer(1000));
  }
});

Deno.test("toRng seeds from a number and passes an Rng through", () => {
  const rng = new Rng(1);
  assert.equal(toRng(rng), rng);
  assert.deepEqual(draws(toRng(8), 4), draws(new Rng(8), 4));
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => new Rng(1.5), { name: "RangeError", message: /seed must be an integer.*1\.5/ });
  assert.throws(() => new Rng("1" as unknown as number), { name: "TypeError", message: /seed/ });
  const rng = new Rng(0);
  assert.throws(() => rng.integer(0), {
    name: "RangeError",
    message: /n must be an integer in \[1, .*\], got 0/,
  });
  assert.throws(() => rng.integer(2.5), { name: "RangeError", message: /n must be an integer/ });
  assert.throws(() => rng.uniformIn(1, 0), { name: "RangeError", message: /high must be >= low/ });
  assert.throws(() => rng.uniformIn(NaN, 1), { name: "RangeError", message: /low must be a finite number/ });
  assert.throws(() => rng.categorical([1, -1]), { name: "RangeError", message: /weights\[1\].*-1/ });
  assert.throws(() => rng.categorical([0, 0]), { name: "RangeError", message: /positive sum/ });
  assert.throws(() => Rng.fromState([1, 2, 3]), { name: "RangeError", message: /state must have length 5/ });
  assert.throws(() => Rng.fromState([1, 2, 3, -4, null] as number[]), {
    name: "RangeError",
    message: /state\[3\]/,
  });
  assert.throws(() => rng.shuffle(5 as unknown as number[]), { name: "TypeError", message: /array/ });
});
