import assert from "node:assert/strict";
import { Box, Discrete, spaceFromJSON } from "../../lib/core/spaces.ts";
import type { SpaceJSON } from "../../lib/core/spaces.ts";
import { Rng } from "../../lib/core/rng.ts";

Deno.test("Box stores bounds as typed arrays of its dtype", () => {
  const box = new Box([-1, -Infinity], [1, Infinity]);
  assert.deepEqual(box.shape, [2]);
  assert.equal(box.size, 2);
  assert.equal(box.dtype, "float32");
  assert.ok(box.low instanceof Float32Array && box.high instanceof Float32Array);
  assert.equal(box.isBounded(), false);
  const grid = new Box(0, 1, { shape: [2, 3], dtype: "float64" });
  assert.equal(grid.size, 6);
  assert.ok(grid.low instanceof Float64Array);
  assert.ok(grid.isBounded());
  assert.deepEqual(Array.from(new Box(-2, [1, 2, 3]).low), [-2, -2, -2]);
});

Deno.test("Box.contains checks length, NaN and bounds", () => {
  const box = new Box([-1, 0], [1, Infinity]);
  assert.ok(box.contains([0, 5]));
  assert.ok(box.contains(new Float32Array([-1, 0])));
  assert.ok(!box.contains([0]));
  assert.ok(!box.contains([0, -0.1]));
  assert.ok(!box.contains([1.5, 0]));
  assert.ok(!box.contains([NaN, 1]));
});

Deno.test("Box.sample: uniform where bounded, normal where unbounded, shifted exponential where half-bounded", () => {
  const box = new Box([-2, -Infinity, 1, -Infinity], [3, Infinity, Infinity, 0], { dtype: "float64" });
  const rng = new Rng(0);
  const n = 20000;
  const sums = [0, 0, 0, 0];
  const squares = [0, 0, 0, 0];
  const out = new Float64Array(4);
  for (let t = 0; t < n; t++) {
    const x = box.sample(rng, out);
    assert.equal(x, out);
    assert.ok(box.contains(x));
    for (let i = 0; i < 4; i++) {
      sums[i] += x[i];
      squares[i] += x[i] ** 2;
    }
  }
  const means = sums.map((s) => s / n);
  const vars = squares.map((s, i) => s / n - means[i] ** 2);
  // Expected (mean, variance): U(−2, 3): (0.5, 25/12); N(0, 1): (0, 1); 1 + Exp(1): (2, 1); −Exp(1): (−1, 1).
  const expected = [[0.5, 25 / 12], [0, 1], [2, 1], [-1, 1]];
  for (let i = 0; i < 4; i++) {
    const [m, v] = expected[i];
    assert.ok(Math.abs(means[i] - m) < 4 * Math.sqrt(v / n), `mean ${i}: ${means[i]}`);
    assert.ok(Math.abs(vars[i] - v) < 0.1 * v, `variance ${i}: ${vars[i]}`);
  }
  const f32 = new Box(0, 1, { shape: [3] }).sample(5);
  assert.ok(f32 instanceof Float32Array && f32.length === 3);
  assert.deepEqual(new Box(0, 1, { shape: [3] }).sample(5), f32);
  // Degenerate bounds give the bound.
  assert.deepEqual(Array.from(new Box(2, 2, { shape: [2] }).sample(1)), [2, 2]);
});

Deno.test("Discrete contains and samples start..start+n-1 uniformly", () => {
  const d = new Discrete(3, -1);
  assert.ok(d.contains(-1) && d.contains(1));
  assert.ok(!d.contains(2) && !d.contains(-2) && !d.contains(0.5));
  const rng = new Rng(2);
  const counts = new Map<number, number>();
  for (let i = 0; i < 30000; i++) {
    const a = d.sample(rng);
    counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  assert.deepEqual([...counts.keys()].sort(), [-1, 0, 1]);
  for (const c of counts.values()) assert.ok(Math.abs(c / 30000 - 1 / 3) < 4 * Math.sqrt(2 / 9 / 30000));
});

Deno.test("spaces round-trip through JSON, infinities included", () => {
  const box = new Box([-Infinity, 0], [1, Infinity], { dtype: "float64" });
  const json: SpaceJSON = JSON.parse(JSON.stringify(box));
  assert.deepEqual(json, { type: "Box", low: [null, 0], high: [1, null], shape: [2], dtype: "float64" });
  const back = spaceFromJSON(json) as Box;
  assert.deepEqual(Array.from(back.low), [-Infinity, 0]);
  assert.deepEqual(Array.from(back.high), [1, Infinity]);
  assert.equal(back.dtype, "float64");
  const d = spaceFromJSON(JSON.parse(JSON.stringify(new Discrete(4, 2)))) as Discrete;
  assert.ok(d instanceof Discrete);
  assert.deepEqual([d.n, d.start], [4, 2]);
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => new Box(1, 0, { shape: [1] }), {
    name: "RangeError",
    message: /high\[0\] must be >= low\[0\] \(1\), got 0/,
  });
  assert.throws(() => new Box(0, 1), { name: "RangeError", message: /shape is required/ });
  assert.throws(() => new Box([0, 0], [1, 1, 1]), {
    name: "RangeError",
    message: /high must have length 2, got length 3/,
  });
  assert.throws(() => new Box(0, 1, { shape: [0] }), {
    name: "RangeError",
    message: /shape\[0\] must be an integer >= 1, got 0/,
  });
  assert.throws(() => new Box(0, 1, { shape: [2], dtype: "int8" as "float32" }), {
    name: "RangeError",
    message: /dtype must be one of "float32", "float64", got "int8"/,
  });
  assert.throws(() => new Box([Infinity], [Infinity]), {
    name: "RangeError",
    message: /low\[0\] must be a number < Infinity/,
  });
  assert.throws(() => new Box([NaN], [1]), { name: "RangeError", message: /low\[0\].*NaN/ });
  assert.throws(() => new Box(0, 1, { shape: [2] }).sample(0, new Float32Array(3)), {
    name: "RangeError",
    message: /out must have length 2/,
  });
  assert.throws(() => new Discrete(0), {
    name: "RangeError",
    message: /n must be an integer in \[1, .*\], got 0/,
  });
  assert.throws(() => new Discrete(2, 0.5), { name: "RangeError", message: /start must be an integer/ });
  assert.throws(
    () => spaceFromJSON({ type: "Tuple" } as unknown as { type: "Discrete"; n: number; start: number }),
    {
      name: "RangeError",
      message: /json.type must be one of "Box", "Discrete", got "Tuple"/,
    },
  );
});
