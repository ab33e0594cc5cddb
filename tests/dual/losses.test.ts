import assert from "node:assert/strict";
import { tf } from "../../lib/tensor/mod.ts";
import {
  awrPolicyLoss,
  awrWeights,
  bellmanTarget,
  chiSquareConjugate,
  cqlPenalty,
  discriminatorLoss,
  expectileLoss,
  fdvlFixedPoint,
  fdvlValueLoss,
  gumbelLoss,
  huberLoss,
  iqLearnLoss,
  rawGumbelLoss,
  recoilChiSquareLoss,
  recoilQLoss,
  smodiceValueLoss,
  stopGradient,
  totalVariationConjugate,
} from "../../lib/dual/losses.ts";
import { ensureBackend } from "../../lib/tensor/mod.ts";

await ensureBackend();

const v = (t: tf.Tensor) => {
  const out = Array.from(t.dataSync());
  t.dispose();
  return out;
};
const close = (a: number[], b: number[], tol = 1e-5) => {
  assert.equal(a.length, b.length);
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `${a} vs ${b}`));
};

Deno.test("χ² conjugate is max(d + d²/4, 0) (zero on [−4, 0], rising again below −4)", () => {
  const d = tf.tensor1d([2, 0, -1, -4, -6]);
  close(v(chiSquareConjugate(d)), [3, 0, 0, 0, 3]);
});

Deno.test("TV conjugate is max(d, 0) and the TV value loss is an asymmetric L1", () => {
  close(v(totalVariationConjugate(tf.tensor1d([2, -3]))), [2, 0]);
  // λ = 0.8: slope 0.6 for d > 0, 0.2·|d| for d < 0
  close(v(fdvlValueLoss(tf.tensor1d([1, 2, -1, -3]), "total-variation", 0.8)), [0.6, 1.2, 0.2, 0.6]);
});

Deno.test("χ² value loss λ·max(d + d²/4, 0) − (1 − λ)·d by hand", () => {
  // λ = 0.5, d = 2: 0.5·3 − 0.5·2 = 0.5; d = −2: 0 + 1 = 1; d = −6: 0.5·3 + 3 = 4.5
  close(v(fdvlValueLoss(tf.tensor1d([2, -2, -6]), "chi-square", 0.5)), [0.5, 1, 4.5]);
  // λ = 1 (official MuJoCo setting): the conjugate alone
  close(v(fdvlValueLoss(tf.tensor1d([2, -2]), "chi-square", 1)), [3, 0]);
  assert.throws(() => fdvlValueLoss(tf.tensor1d([0]), "chi-square", 0), /lambda/);
});

Deno.test("Gumbel (reverse-KL/XQL) loss: clip at maxClip and division by e^max z", () => {
  // β = 1, d = [0, 1]: m = 1 → (e^z − z − 1)/e = [0, (e − 2)/e]
  close(v(gumbelLoss(tf.tensor1d([0, 1]), 1)), [0, (Math.E - 2) / Math.E]);
  // m floored at −1: d = [−2], β = 1 → z = −2, m = −1: (e^−2 + 2 − 1)/e^(−1)
  close(v(gumbelLoss(tf.tensor1d([-2]), 1)), [(Math.exp(-2) + 1) * Math.E]);
  // clip: d = 20, β = 2, maxClip 7 → z = 7, m = 7: (e^7 − 8)/e^7
  close(v(gumbelLoss(tf.tensor1d([20]), 2, 7)), [(Math.exp(7) - 8) / Math.exp(7)]);
  close(v(rawGumbelLoss(tf.tensor1d([2]), 2)), [Math.E - 2]);
});

Deno.test("expectile, Huber, Bellman target, AWR weights and loss by hand", () => {
  close(v(expectileLoss(tf.tensor1d([2, -2]), 0.7)), [2.8, 1.2]);
  close(v(huberLoss(tf.tensor1d([1, -30, 20]), 20)), [0.5, 400, 200]);
  close(v(bellmanTarget(tf.tensor1d([1, 1]), tf.tensor1d([0, 1]), tf.tensor1d([10, 10]), 0.9)), [10, 1]);
  close(v(awrWeights(tf.tensor1d([0, 1, 10]), 3, 100)), [1, Math.exp(3), 100]);
  close(v(awrPolicyLoss(tf.tensor1d([1, 2]), tf.tensor1d([-1, -2]))), [2.5]);
});

Deno.test("CQL penalty, ReCOIL Q loss, χ² dual-Q, IQ-Learn, discriminator and SMODICE losses by hand", () => {
  close(v(cqlPenalty(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor1d([0, 0]), 2)), [
    2 * (Math.log(2) + 1 + Math.log(2)) / 2,
  ]);
  // expert Q 190 → ½·100; mixture: y = −2 + 0.9·(−10) = −11, Q = −10 → ½; terminal: y = −2 + 0.9·(−200) = −182
  close(v(recoilQLoss(tf.tensor1d([190]), tf.tensor1d([-10]), tf.tensor1d([-10]), tf.tensor1d([0]), 0.9)), [
    50.5,
  ]);
  close(v(recoilQLoss(tf.tensor1d([200]), tf.tensor1d([-180]), tf.tensor1d([5]), tf.tensor1d([1]), 0.9)), [
    2,
  ]);
  close(v(recoilChiSquareLoss(tf.tensor1d([2]), tf.tensor1d([0]), tf.tensor1d([2, 0]), 0.5)), [-0.5]);
  close(v(iqLearnLoss(tf.tensor1d([2]), tf.tensor1d([1]), 0.5)), [1]);
  close(v(discriminatorLoss(tf.tensor1d([0]), tf.tensor1d([0]))), [2 * Math.log(2)]);
  close(v(smodiceValueLoss(tf.tensor1d([4]), tf.tensor1d([2, -2]), 0.5)), [2 + 1.5]);
});

Deno.test("stopGradient passes values and blocks gradients", () => {
  const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(stopGradient(x), x)));
  close(v(g(tf.tensor1d([3, -2]))), [3, -2]);
});

Deno.test("fixed points of the value losses: TV quantile, reverse-KL log-mean-exp, expectile", () => {
  const qs = [0, 1, 2, 3, 10];
  // TV λ = 0.8: #(Q > V)/n = (1 − λ)/λ = 0.25 → 1.25 of 5 above → V = the second largest, 3
  assert.ok(Math.abs(fdvlFixedPoint(qs, "total-variation", 0.8) - 3) < 1e-6);
  const lme = 2 * Math.log(qs.reduce((s, q) => s + Math.exp(q / 2), 0) / qs.length);
  assert.ok(Math.abs(fdvlFixedPoint(qs, "reverse-kl", 2) - lme) < 1e-6);
  // expectile 0.5 = mean
  assert.ok(Math.abs(fdvlFixedPoint(qs, "expectile", 0.5) - 3.2) < 1e-6);
  // χ² λ = 0.5: stationarity Σ_{d>0} ½(1 + d/2) = ½·n·... check the subgradient changes sign there
  const x = fdvlFixedPoint(qs, "chi-square", 0.5);
  const g = (vv: number) => qs.reduce((s, q) => s + (q - vv > 0 ? 0.5 * (1 + (q - vv) / 2) : 0) - 0.5, 0);
  assert.ok(g(x - 1e-3) > 0 && g(x + 1e-3) < 0, `χ² fixed point ${x}`);
});
