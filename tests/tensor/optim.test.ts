import assert from "node:assert/strict";
import { assertClose } from "../tabular/fixtures.ts";
import { ensureBackend, tf } from "../../lib/tensor/backend.ts";
import { createEnsemble, disposeEnsemble } from "../../lib/tensor/ensemble.ts";
import { createMlp, disposeMlp, mlpForward, mlpParams } from "../../lib/tensor/mlp.ts";
import { copyWeights, createAdam, networkParams, polyakUpdate } from "../../lib/tensor/optim.ts";

await ensureBackend(); // the default backend (wasm here, or REPRL_BACKEND)

async function values(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}

/** Adam on L(θ) = Σᵢ cᵢ(θᵢ − tᵢ)², by hand in float64 (Kingma & Ba 2015, Alg. 1; torch's ε placement). */
function handAdam(
  theta0: number[],
  c: number[],
  target: number[],
  steps: number,
  o: { lr: number; beta1: number; beta2: number; eps: number; clipNorm?: number },
): { theta: number[]; losses: number[] } {
  const theta = [...theta0];
  const m = theta.map(() => 0);
  const v = theta.map(() => 0);
  const losses: number[] = [];
  for (let t = 1; t <= steps; t++) {
    losses.push(theta.reduce((s, x, i) => s + c[i] * (x - target[i]) ** 2, 0));
    let g = theta.map((x, i) => 2 * c[i] * (x - target[i]));
    if (o.clipNorm !== undefined) {
      const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
      const coef = Math.min(1, o.clipNorm / (norm + 1e-6));
      g = g.map((x) => x * coef);
    }
    for (let i = 0; i < theta.length; i++) {
      m[i] = o.beta1 * m[i] + (1 - o.beta1) * g[i];
      v[i] = o.beta2 * v[i] + (1 - o.beta2) * g[i] * g[i];
      const mHat = m[i] / (1 - o.beta1 ** t);
      const vHat = v[i] / (1 - o.beta2 ** t);
      theta[i] -= o.lr * mHat / (Math.sqrt(vHat) + o.eps);
    }
  }
  return { theta, losses };
}

async function tfAdam(
  theta0: number[],
  c: number[],
  target: number[],
  steps: number,
  o: { lr: number; beta1: number; beta2: number; eps: number; clipNorm?: number },
): Promise<{ theta: number[]; losses: number[] }> {
  const a = tf.variable(tf.tensor1d(theta0.slice(0, 2)));
  const b = tf.variable(tf.tensor1d(theta0.slice(2)));
  const cT = tf.tensor1d(c);
  const tT = tf.tensor1d(target);
  const opt = createAdam([a, b], o);
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    losses.push(await opt.step(() => tf.sum(tf.mul(cT, tf.square(tf.sub(tf.concat([a, b]), tT))))));
  }
  const theta = [...await values(a), ...await values(b)];
  opt.dispose();
  tf.dispose([a, b, cT, tT]);
  return { theta, losses };
}

const theta0 = [0.5, -1.25, 2, 0.1];
const curv = [1, 3, 0.5, 10];
const target = [-0.3, 0.7, 1.5, 0.2];

Deno.test("Adam: three steps on a quadratic equal the hand-computed updates to 1e-6", async () => {
  for (
    const o of [{ lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, {
      lr: 0.01,
      beta1: 0.5,
      beta2: 0.9,
      eps: 1e-5,
    }]
  ) {
    const hand = handAdam(theta0, curv, target, 3, o);
    const ours = await tfAdam(theta0, curv, target, 3, o);
    assertClose(ours.theta, hand.theta, 1e-6, `theta (lr ${o.lr})`);
    assertClose(ours.losses, hand.losses, 1e-5, `losses (lr ${o.lr})`);
  }
});

Deno.test("Adam: global-norm clipping matches clip_grad_norm_ and changes the trajectory", async () => {
  const o = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, clipNorm: 0.5 };
  const hand = handAdam(theta0, curv, target, 4, o);
  const ours = await tfAdam(theta0, curv, target, 4, o);
  assertClose(ours.theta, hand.theta, 1e-6, "clipped theta");
  // Adam is invariant to a constant gradient scale, so clipping shows only from step 2 on, where the clip
  // coefficient differs between steps: the unclipped trajectory must differ.
  const unclipped = handAdam(theta0, curv, target, 4, { ...o, clipNorm: undefined });
  assert.ok(Math.max(...hand.theta.map((x, i) => Math.abs(x - unclipped.theta[i]))) > 1e-3);
});

Deno.test("Adam: setLearningRate, stepCount, validation, and untouched unused parameters", async () => {
  const used = tf.variable(tf.tensor1d([1, 2]));
  const unused = tf.variable(tf.tensor1d([5]));
  const opt = createAdam([used, unused], { lr: 0.1 });
  assert.equal(opt.learningRate, 0.1);
  opt.setLearningRate(0.05);
  assert.equal(opt.learningRate, 0.05);
  await opt.step(() => tf.sum(tf.square(used)));
  assert.equal(opt.stepCount, 1);
  assertClose(await values(used), [0.95, 1.95], 1e-6, "used");
  assert.deepEqual(Array.from(await values(unused)), [5]);
  assert.throws(() => opt.setLearningRate(-1), /lr must be in \(0, inf\), got -1/);
  assert.throws(() => createAdam([used], { beta2: 1 }), /beta2 must be in \[0, 1\), got 1/);
  assert.throws(() => createAdam([]), /params must be a non-empty array/);
  opt.dispose();
  tf.dispose([used, unused]);
});

Deno.test("Adam: a NaN loss throws naming the step and leaves the parameters unchanged", async () => {
  const net = await createMlp({ inputSize: 2, hiddenSizes: [8], outputSize: 1, seed: 0 });
  const opt = createAdam(mlpParams(net), { lr: 1e-2 });
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  let k = 0;
  const loss = () =>
    tf.mul(tf.mean(tf.square(mlpForward(net, x))), tf.scalar(k === 3 ? NaN : 1)) as tf.Scalar;
  for (; k < 3; k++) await opt.step(loss);
  const before = await values(net.weights[0]);
  const tensors = tf.memory().numTensors;
  await assert.rejects(
    () => opt.step(loss),
    (e: Error) => e instanceof RangeError && /loss became NaN at step 4/.test(e.message),
  );
  assert.deepEqual(await values(net.weights[0]), before);
  assert.equal(tf.memory().numTensors, tensors);
  opt.dispose();
  x.dispose();
  disposeMlp(net);
});

Deno.test("no tensor leak: numTensors after 100 Adam steps equals that after 10", async () => {
  const actor = await createMlp({
    inputSize: 4,
    hiddenSizes: [32, 32],
    outputSize: 2,
    outputGain: 0.01,
    seed: 1,
  });
  const critic = await createMlp({
    inputSize: 4,
    hiddenSizes: [32, 32],
    outputSize: 1,
    outputGain: 1,
    seed: 2,
  });
  const opt = createAdam([...mlpParams(actor), ...mlpParams(critic)], { lr: 3e-4, eps: 1e-5, clipNorm: 0.5 });
  const x = tf.randomNormal([64, 4], 0, 1, "float32", 7) as tf.Tensor2D;
  const y = tf.randomNormal([64, 1], 0, 1, "float32", 8) as tf.Tensor2D;
  const loss = () =>
    tf.tidy(() =>
      tf.add(
        tf.mean(tf.square(tf.sub(mlpForward(critic, x), y))),
        tf.mean(tf.logSoftmax(mlpForward(actor, x))),
      ) as tf.Scalar
    );
  let after10 = -1;
  for (let i = 1; i <= 100; i++) {
    await opt.step(loss);
    if (i === 10) after10 = tf.memory().numTensors;
  }
  assert.equal(tf.memory().numTensors, after10);
  opt.dispose();
  tf.dispose([x, y]);
  disposeMlp(actor);
  disposeMlp(critic);
});

Deno.test("polyakUpdate is τ·source + (1−τ)·target; copyWeights is exact; shapes are checked", async () => {
  const opts = { inputSize: 3, hiddenSizes: [5], outputSize: 2 };
  const source = await createMlp({ ...opts, seed: 1 });
  const target = await createMlp({ ...opts, seed: 2 });
  const tau = 0.005;
  const s = await Promise.all(networkParams(source).map(values));
  const t = await Promise.all(networkParams(target).map(values));
  polyakUpdate(target, source, tau);
  const f = Math.fround;
  const after = await Promise.all(networkParams(target).map(values));
  after.forEach((arr, p) => {
    // float32 arithmetic in the order tfjs evaluates it: f(f(τ·s) + f(f(1−τ)·t)).
    const expected = Float32Array.from(arr, (_, i) => f(f(f(tau) * s[p][i]) + f(f(1 - tau) * t[p][i])));
    assertClose(arr, expected, 1e-7, `param ${p}`);
  });
  copyWeights(target, source);
  for (const [p, arr] of (await Promise.all(networkParams(target).map(values))).entries()) {
    assert.deepEqual(arr, s[p]);
  }
  const other = await createMlp({ ...opts, hiddenSizes: [6], seed: 3 });
  assert.throws(() => polyakUpdate(other, source, 0.1), /parameter 0 shapes differ/);
  assert.throws(() => polyakUpdate(target, source, 1.5), /tau must be in \[0, 1\], got 1.5/);
  const ens = await createEnsemble({ ...opts, members: 2, seed: 0 });
  assert.throws(() => copyWeights(ens, source), /same architecture/);
  for (const m of [source, target, other]) disposeMlp(m);
  disposeEnsemble(ens);
});

Deno.test("creating, using and disposing an optimiser and its network leaves no tensor behind", async () => {
  const start = tf.memory().numTensors;
  const net = await createMlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1, seed: 0 });
  const opt = createAdam(mlpParams(net), { clipNorm: 1 });
  const x = tf.ones([3, 2]) as tf.Tensor2D;
  for (let i = 0; i < 3; i++) await opt.step(() => tf.mean(mlpForward(net, x)) as tf.Scalar);
  opt.dispose();
  x.dispose();
  disposeMlp(net);
  assert.equal(tf.memory().numTensors, start);
});
