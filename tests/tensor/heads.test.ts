import assert from "node:assert/strict";
import { assertClose } from "../tabular/fixtures.ts";
import { Rng } from "../../lib/core/rng.ts";
import { ensureBackend, tf } from "../../lib/tensor/backend.ts";
import {
  categoricalEntropy,
  categoricalLogProb,
  gaussianEntropy,
  gaussianLogProb,
  sampleCategorical,
  sampleGaussian,
  tanhGaussianLogProb,
} from "../../lib/tensor/heads.ts";

await ensureBackend();

async function read(f: () => tf.Tensor): Promise<number[]> {
  const t = tf.tidy(f); // inputs made inside f are freed too
  const out = Array.from(await t.data());
  t.dispose();
  return out;
}

const LOG_2PI = Math.log(2 * Math.PI);

Deno.test("categorical log-prob and entropy equal hand computations; uniform entropy is log A", async () => {
  const logits = [[1, 2, 3], [0, 0, -1], [-5, 10, 0.5]];
  const actions = [2, 1, 0];
  const lse = (r: number[]) => Math.log(r.reduce((s, x) => s + Math.exp(x), 0));
  const expectedLp = logits.map((r, b) => r[actions[b]] - lse(r));
  const expectedH = logits.map((r) => -r.reduce((s, x) => s + Math.exp(x - lse(r)) * (x - lse(r)), 0));
  const lp = await read(() => categoricalLogProb(tf.tensor2d(logits), tf.tensor1d(actions, "int32")));
  assertClose(lp, expectedLp, 1e-5, "log-prob");
  assertClose(await read(() => categoricalEntropy(tf.tensor2d(logits))), expectedH, 1e-5, "entropy");
  for (const a of [2, 6, 18]) {
    assertClose(
      await read(() => categoricalEntropy(tf.fill([2, a], 0.7) as tf.Tensor2D)),
      [Math.log(a), Math.log(a)],
      1e-6,
      `A=${a}`,
    );
  }
  assert.throws(
    () => categoricalLogProb(tf.zeros([2, 3]) as tf.Tensor2D, tf.tensor1d([0], "int32")),
    /actions must have length 2/,
  );
});

Deno.test("diagonal Gaussian log-prob and entropy equal hand computations, with [D] or [batch, D] logStd", async () => {
  const mean = [[0, 1], [-0.5, 2]];
  const logStd = [0.3, -1];
  const act = [[0.2, 0.5], [1, 2.5]];
  const expected = mean.map((m, b) =>
    m.reduce((s, mu, d) => {
      const sigma = Math.exp(logStd[d]);
      return s - 0.5 * ((act[b][d] - mu) / sigma) ** 2 - logStd[d] - 0.5 * LOG_2PI;
    }, 0)
  );
  const shared = await read(() => gaussianLogProb(tf.tensor2d(mean), tf.tensor1d(logStd), tf.tensor2d(act)));
  assertClose(shared, expected, 1e-5, "shared logStd");
  const perRow = await read(() =>
    gaussianLogProb(tf.tensor2d(mean), tf.tensor2d([logStd, logStd]), tf.tensor2d(act))
  );
  assertClose(perRow, expected, 1e-5, "per-row logStd");
  const h = logStd.reduce((s, l) => s + 0.5 + 0.5 * LOG_2PI + l, 0);
  assertClose(await read(() => gaussianEntropy(tf.tensor1d(logStd))), [h], 1e-5, "entropy [D]");
  assertClose(
    await read(() => gaussianEntropy(tf.tensor2d([logStd, [0, 0]]))),
    [h, 1 + LOG_2PI],
    1e-5,
    "entropy [B, D]",
  );
});

Deno.test("tanh-Gaussian log-prob subtracts Σ log(scale·(1 − tanh²u) + 1e-6)", async () => {
  const mean = [[0.1, -0.2]];
  const logStd = [[-0.5, 0.2]];
  const u = [[0.7, -1.3]];
  const scale = [2, 0.5];
  let base = 0;
  let jac = 0;
  for (let d = 0; d < 2; d++) {
    const sigma = Math.exp(logStd[0][d]);
    base += -0.5 * ((u[0][d] - mean[0][d]) / sigma) ** 2 - logStd[0][d] - 0.5 * LOG_2PI;
    jac += Math.log(scale[d] * (1 - Math.tanh(u[0][d]) ** 2) + 1e-6);
  }
  const got = await read(() =>
    tanhGaussianLogProb(tf.tensor2d(mean), tf.tensor2d(logStd), tf.tensor2d(u), tf.tensor1d(scale))
  );
  assertClose(got, [base - jac], 1e-5, "scaled");
  let jac1 = 0;
  for (let d = 0; d < 2; d++) jac1 += Math.log(1 - Math.tanh(u[0][d]) ** 2 + 1e-6);
  const unit = await read(() => tanhGaussianLogProb(tf.tensor2d(mean), tf.tensor2d(logStd), tf.tensor2d(u)));
  assertClose(unit, [base - jac1], 1e-5, "unit scale");
});

Deno.test("sampleCategorical: deterministic per seed, frequencies match softmax / probabilities", () => {
  const n = 20000;
  const logits = new Float32Array(n * 3);
  for (let b = 0; b < n; b++) logits.set([0, Math.log(2), Math.log(7)], b * 3);
  const a1 = sampleCategorical(logits, n, 3, new Rng(9));
  assert.deepEqual(a1, sampleCategorical(logits, n, 3, new Rng(9)));
  const freq = [0, 0, 0];
  for (const a of a1) freq[a]++;
  assertClose(freq.map((c) => c / n), [0.1, 0.2, 0.7], 0.015, "logit frequencies");
  const probs = new Float32Array(n * 3);
  for (let b = 0; b < n; b++) probs.set([0.5, 0, 0.5], b * 3);
  const a2 = sampleCategorical(probs, n, 3, new Rng(1), "probs");
  assert.ok(!a2.includes(1), "a zero-probability action was drawn");
  assert.ok(Math.abs(a2.filter((a) => a === 0).length / n - 0.5) < 0.015);
  assert.throws(() => sampleCategorical(new Float32Array(5), 2, 3, new Rng(0)), /values must have length 6/);
  assert.throws(() => sampleCategorical(new Float32Array(3), 1, 3, new Rng(0), "probs"), /row 0/);
});

Deno.test("sampleGaussian: mean + std·z, per-dimension std broadcast over the batch, deterministic", () => {
  const n = 20000;
  const mean = new Float32Array(n * 2);
  for (let b = 0; b < n; b++) mean.set([1, -2], b * 2);
  const std = new Float32Array([0.5, 2]);
  const x = sampleGaussian(mean, std, new Rng(4));
  assert.deepEqual(x, sampleGaussian(mean, std, new Rng(4)));
  for (let d = 0; d < 2; d++) {
    let s = 0;
    let s2 = 0;
    for (let b = 0; b < n; b++) {
      s += x[b * 2 + d];
      s2 += x[b * 2 + d] ** 2;
    }
    const mu = s / n;
    const sd = Math.sqrt(s2 / n - mu * mu);
    assert.ok(Math.abs(mu - mean[d]) < 4 * std[d] / Math.sqrt(n), `mean ${d}: ${mu}`);
    assert.ok(Math.abs(sd / std[d] - 1) < 0.03, `std ${d}: ${sd}`);
  }
  assert.throws(
    () => sampleGaussian(new Float32Array(5), new Float32Array(2), new Rng(0)),
    /std must have length 5/,
  );
});
