import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
const assertEquals = (a: unknown, b: unknown): void => nodeAssert.deepStrictEqual(a, b);
const assertAlmostEquals = (a: number, b: number, tol: number): void =>
  nodeAssert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);
const assertThrows = (fn: () => unknown, cls: new (...a: never[]) => Error, msg: string): void =>
  nodeAssert.throws(fn, (e: unknown) => e instanceof cls && (e as Error).message.includes(msg));
import { tf } from "../../lib/tensor/backend.ts";
import { ensureBackend } from "../../lib/tensor/mod.ts";
import {
  expertProximityWeights,
  gaussianNll,
  iterVamlLoss,
  mseLoss,
  softBoundLogVar,
  stabiliseValueGradients,
  vagramLoss,
  vagramUnboundedLoss,
  valueGradients,
} from "../../lib/mbrl/losses.ts";

await ensureBackend();
const scalar = (t: tf.Scalar) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

Deno.test("vagramLoss: a value with known gradient weights each dimension by its squared slope", () => {
  // V(s) = 3 s₀ − 2 s₁ + 0·s₂ + s₃²/2, so ∇V(s') = [3, −2, 0, s'₃]
  const value = (s: tf.Tensor2D) =>
    tf.tidy(() => {
      const coef = tf.tensor2d([[3], [-2], [0], [0]]);
      const lin = tf.reshape(tf.matMul(s, coef), [s.shape[0]]);
      const last = tf.reshape(tf.slice(s, [0, 3], [s.shape[0], 1]), [s.shape[0]]);
      return tf.add(lin, tf.mul(0.5, tf.square(last))) as tf.Tensor1D;
    });
  const next = new Float32Array([1, 2, 3, 4, 0, 0, 0, -1]);
  const g = valueGradients(value, next, 4);
  assertEquals(Array.from(g), [3, -2, 0, 4, 3, -2, 0, -1]);
  const errors = [[0.5, 1, 10, 0.25], [1, 0, -7, 2]];
  const target = tf.tensor2d(next, [2, 4]);
  const pred = tf.add(target, tf.tensor2d(errors)) as tf.Tensor2D;
  // hand: row 0: 9·0.25 + 4·1 + 0·100 + 16·0.0625 = 7.25; row 1: 9·1 + 0 + 0 + 1·4 = 13; mean 10.125
  assertAlmostEquals(scalar(vagramLoss(pred, target, tf.tensor2d(g, [2, 4]))), 10.125, 1e-5);
  // the distractor-like dimension 2 (zero slope) costs nothing however wrong
  // weighted per transition: weights [1, 0] keep row 0 only → mean(7.25, 0)
  assertAlmostEquals(
    scalar(vagramLoss(pred, target, tf.tensor2d(g, [2, 4]), tf.tensor1d([1, 0]))),
    3.625,
    1e-5,
  );
  tf.dispose([target, pred]);
});

Deno.test("vagramLoss: zero error gives zero loss; bounded form is an upper bound/n of the unbounded one", () => {
  const t = tf.tensor2d([[1, 2], [3, 4]]);
  const g = tf.tensor2d([[5, -1], [0.5, 2]]);
  assertEquals(scalar(vagramLoss(t, t, g)), 0);
  const p = tf.tensor2d([[2, 1], [2, 5]]);
  const bounded = scalar(vagramLoss(p, t, g)), unbounded = scalar(vagramUnboundedLoss(p, t, g));
  // Cauchy–Schwarz: (Σ gᵢeᵢ)² ≤ n Σ gᵢ²eᵢ² per row, so unbounded ≤ 2·bounded
  assert(unbounded <= 2 * bounded + 1e-6);
  // the unbounded loss vanishes for an error orthogonal to g, the bounded one does not
  const orth = tf.tensor2d([[1 + 1, 2 + 5]]);
  assertEquals(scalar(vagramUnboundedLoss(orth, tf.tensor2d([[1, 2]]), tf.tensor2d([[5, -1]]))), 0);
  assertAlmostEquals(scalar(vagramLoss(orth, tf.tensor2d([[1, 2]]), tf.tensor2d([[5, -1]]))), 25 + 25, 1e-5);
  tf.dispose([t, g, p, orth]);
});

Deno.test("gaussianNll equals the diagonal Gaussian formula", () => {
  const mu = [[0.5, -1], [2, 0]], lv = [[0.1, -2], [1.5, 0]], y = [[0, 0], [1, 3]];
  let hand = 0;
  for (let b = 0; b < 2; b++) {
    for (let i = 0; i < 2; i++) {
      const v = Math.exp(lv[b][i]);
      hand += -Math.log(Math.exp(-((y[b][i] - mu[b][i]) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v));
    }
  }
  assertAlmostEquals(scalar(gaussianNll(tf.tensor2d(mu), tf.tensor2d(lv), tf.tensor2d(y))), hand / 2, 1e-5);
  assertAlmostEquals(scalar(mseLoss(tf.tensor2d(mu), tf.tensor2d(y))), (0.25 + 1 + 1 + 9) / 2, 1e-6);
});

Deno.test("softBoundLogVar saturates softly at the learned bounds", () => {
  const v = softBoundLogVar(tf.tensor1d([-100, 0, 100]), tf.scalar(0.5), tf.scalar(-10)).dataSync();
  assertAlmostEquals(v[0], -10, 1e-4);
  // −10 + softplus(10.5) overshoots 0.5 by e^{−10.5}: the bounds are soft
  assertAlmostEquals(v[2], 0.5, 1e-3);
  assertAlmostEquals(v[1], -10 + Math.log1p(Math.exp(0.5 - Math.log1p(Math.exp(0.5)) + 10)), 1e-4);
});

Deno.test("iterVamlLoss is the squared value difference", () => {
  assertAlmostEquals(
    scalar(iterVamlLoss(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 0, 0]))),
    (0 + 4 + 9) / 3,
    1e-6,
  );
});

Deno.test("stabiliseValueGradients clips at the quantile and rescales by the running norm", () => {
  const state = { normAvg: 1 };
  const out = stabiliseValueGradients(new Float32Array([3, 4, 0, 1, 0, 100]), 2, state, {
    quantile: 0.5,
    decay: 0,
  });
  // norms 5, 1, 100 → median 5; the 100 row is clipped to norm 5; mean clipped norm 11/3 becomes the scale
  assertAlmostEquals(state.normAvg, 11 / 3, 1e-9);
  assertAlmostEquals(Math.hypot(out[4], out[5]), 5 / (11 / 3), 1e-5);
  assertAlmostEquals(Math.hypot(out[0], out[1]), 5 / (11 / 3), 1e-5);
});

Deno.test("expertProximityWeights put more weight on near-expert points", () => {
  const expert = new Float32Array([0, 0, 1, 0, 2, 0]); // a trajectory along the x axis
  const points = new Float32Array([1, 0.1, 1, 1, 1, 3, 5, 5]);
  const w = expertProximityWeights(points, expert, 2, { dMax: 4 });
  // d* = 0.1, 1, 3, and ≥ 4 for the last → ω = (e^{1−d/4} − 1)/(e − 1)
  const phi = (d: number) => (Math.exp(1 - Math.min(1, d / 4)) - 1) / (Math.E - 1);
  [0.1, 1, 3, 4].forEach((d, i) => assertAlmostEquals(w[i], phi(d), 1e-6));
  assert(w[0] > w[1] && w[1] > w[2] && w[2] > w[3]);
  assertEquals(w[3], 0);
  const lin = expertProximityWeights(points, expert, 2, { dMax: 4, form: "linear" });
  assertAlmostEquals(lin[1], 0.75, 1e-6);
  assertThrows(() => expertProximityWeights(points, new Float32Array(), 2), RangeError, "expert");
});
