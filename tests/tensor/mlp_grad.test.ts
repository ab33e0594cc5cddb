/**
 * mlpForward's hand-written backward pass (a custom-gradient dense layer per layer) against tfjs's autodiff of the
 * plain formulation `act(tf.add(tf.matMul(x, W), b))`, on the `cpu` and `wasm` backends: gradients with respect to
 * the weights, the biases and the input, the last one also through a SAC-like actor → critic chain.
 */
import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { type ConcreteBackend, setBackend, tf } from "../../lib/tensor/backend.ts";
import {
  type Activation,
  disposeMlp,
  type Mlp,
  mlpForward,
  mlpFromValues,
  mlpParams,
} from "../../lib/tensor/mlp.ts";
import { createAdam } from "../../lib/tensor/optim.ts";

const BACKENDS: readonly ConcreteBackend[] = ["cpu", "wasm"];
const TOL = 1e-5;

/** The plain tfjs formulation: autodiff through matMul, add and tanh/relu. */
function plainForward(mlp: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  let h: tf.Tensor2D = x;
  const last = mlp.weights.length - 1;
  for (let l = 0; l <= last; l++) {
    h = tf.add(tf.matMul(h, mlp.weights[l]), mlp.biases[l]);
    if (l < last) h = mlp.config.activation === "relu" ? tf.relu(h) : tf.tanh(h);
  }
  return h;
}

/** An MLP with random weights (scale 1/√fan_in) and random non-zero biases, so ReLUs are both on and off. */
function randomMlp(sizes: number[], activation: Activation, rng: Rng): Mlp {
  const ws: Float32Array[] = [];
  const bs: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const scale = 1.5 / Math.sqrt(sizes[l]);
    ws.push(Float32Array.from({ length: sizes[l] * sizes[l + 1] }, () => scale * rng.normal()));
    bs.push(Float32Array.from({ length: sizes[l + 1] }, () => 0.5 * rng.normal()));
  }
  return mlpFromValues(
    {
      inputSize: sizes[0],
      hiddenSizes: sizes.slice(1, -1),
      outputSize: sizes[sizes.length - 1],
      activation,
      init: "uniform",
      hiddenGain: 1,
      outputGain: 1,
    },
    ws,
    bs,
  );
}

function randomMatrix(rows: number, cols: number, rng: Rng): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.normal()), [rows, cols]);
}

/** max |a − b| / max |b|: the error relative to the size of the reference gradient. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    assert.ok(Number.isFinite(a[i]), `non-finite gradient ${a[i]}`);
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Loss and gradients (by variable name) of `loss` with respect to `vars`, freed tensors read back as arrays. */
async function lossAndGrads(
  loss: () => tf.Scalar,
  vars: tf.Variable[],
): Promise<{ value: number; grads: Float32Array[] }> {
  const { value, grads } = tf.variableGrads(loss, vars);
  const out = { value: (await value.data())[0], grads: [] as Float32Array[] };
  for (const v of vars) {
    assert.ok(grads[v.name] !== undefined, `no gradient for ${v.name}`);
    out.grads.push((await grads[v.name].data()) as Float32Array);
  }
  value.dispose();
  tf.dispose(grads);
  return out;
}

/** Run `fn` on each backend in turn, restoring the backend that was active before. */
async function onEachBackend(fn: (backend: ConcreteBackend) => Promise<void>): Promise<void> {
  const before = tf.getBackend() as ConcreteBackend;
  try {
    for (const backend of BACKENDS) {
      await setBackend(backend, { respectEnv: false });
      assert.equal(tf.getBackend(), backend);
      await fn(backend);
    }
  } finally {
    await setBackend(before, { respectEnv: false });
  }
}

/** Layer widths `[in, ...hidden, out]`, batch and activation of the nets compared. */
const CASES: { sizes: number[]; batch: number; activation: Activation }[] = [
  { sizes: [1, 4, 1], batch: 1, activation: "tanh" },
  { sizes: [1, 3, 2], batch: 1, activation: "relu" },
  { sizes: [3, 5, 7, 2], batch: 4, activation: "relu" },
  { sizes: [4, 6, 3], batch: 1, activation: "tanh" },
  { sizes: [5, 3], batch: 2, activation: "relu" }, // no hidden layer: one linear layer
  { sizes: [8, 64, 64, 2], batch: 32, activation: "tanh" },
  { sizes: [8, 64, 64, 2], batch: 32, activation: "relu" },
  { sizes: [64, 256, 256, 8], batch: 64, activation: "tanh" },
];

/** Largest relative error seen per backend and kind, printed at the end. */
const worst: Record<string, number> = {};
function record(key: string, err: number): void {
  worst[key] = Math.max(worst[key] ?? 0, err);
}

Deno.test("mlpForward gradients (weights, biases, input) equal autodiff of matMul + add + tanh/relu", async () => {
  await onEachBackend(async (backend) => {
    for (const [i, c] of CASES.entries()) {
      const rng = new Rng(100 + i);
      const net = randomMlp(c.sizes, c.activation, rng);
      const x = tf.variable(randomMatrix(c.batch, c.sizes[0], rng), true);
      const coef = randomMatrix(c.batch, c.sizes[c.sizes.length - 1], rng);
      const vars = [...mlpParams(net), x];
      // A loss that is not linear in the output, so dL/dy varies across the batch and the outputs.
      const lossOf = (forward: (m: Mlp, x: tf.Tensor2D) => tf.Tensor2D) => (): tf.Scalar => {
        const y = forward(net, x);
        return tf.add(tf.sum(tf.mul(y, coef)), tf.mul(tf.scalar(0.5), tf.sum(tf.square(y))));
      };
      const ours = await lossAndGrads(lossOf(mlpForward), vars);
      const plain = await lossAndGrads(lossOf(plainForward), vars);
      const what = `${backend} ${c.sizes.join("-")} b${c.batch} ${c.activation}`;
      assert.ok(
        Math.abs(ours.value - plain.value) <= TOL * Math.max(1, Math.abs(plain.value)),
        `${what}: loss ${ours.value} vs ${plain.value}`,
      );
      for (let k = 0; k < vars.length; k++) {
        const name = k === vars.length - 1 ? "x" : `${k % 2 === 0 ? "W" : "b"}${(k >> 1) + 1}`;
        const err = relativeError(ours.grads[k], plain.grads[k]);
        record(`${backend} ${name === "x" ? "input" : "params"}`, err);
        assert.ok(err <= TOL, `${what}: d/d${name} relative error ${err}`);
      }
      tf.dispose([x, coef]);
      disposeMlp(net);
    }
  });
  console.log("max relative gradient errors:", worst);
});

Deno.test("gradients flow through a critic's action input to the actor (SAC's actor loss)", async () => {
  await onEachBackend(async (backend) => {
    for (const activation of ["relu", "tanh"] as const) {
      const rng = new Rng(7);
      const obsDim = 3;
      const actDim = 2;
      const actor = randomMlp([obsDim, 16, 16, actDim], activation, rng);
      const critic = randomMlp([obsDim + actDim, 16, 16, 1], activation, rng);
      const obs = randomMatrix(10, obsDim, rng);
      const lossOf = (forward: (m: Mlp, x: tf.Tensor2D) => tf.Tensor2D) => (): tf.Scalar => {
        const action = tf.tanh(forward(actor, obs));
        return tf.neg(tf.mean(forward(critic, tf.concat([obs, action], 1))));
      };
      // Only the actor's parameters are differentiated: the critic's input carries the gradient.
      const vars = mlpParams(actor);
      const ours = await lossAndGrads(lossOf(mlpForward), vars);
      const plain = await lossAndGrads(lossOf(plainForward), vars);
      for (let k = 0; k < vars.length; k++) {
        const err = relativeError(ours.grads[k], plain.grads[k]);
        record(`${backend} actor through critic`, err);
        assert.ok(err <= TOL, `${backend} ${activation}: actor parameter ${k} relative error ${err}`);
        assert.ok(ours.grads[k].some((g) => g !== 0), `${backend} ${activation}: zero gradient ${k}`);
      }
      obs.dispose();
      disposeMlp(actor);
      disposeMlp(critic);
    }
  });
  console.log("max relative gradient errors:", worst);
});

Deno.test("mlpForward training steps leak no tensors, with a target net evaluated inside the loss", async () => {
  await onEachBackend(async (backend) => {
    for (const activation of ["relu", "tanh"] as const) {
      const rng = new Rng(3);
      const net = randomMlp([4, 32, 32, 2], activation, rng);
      const target = randomMlp([4, 32, 32, 2], activation, rng);
      const x = randomMatrix(16, 4, rng);
      const opt = createAdam(mlpParams(net), { lr: 1e-3 });
      // The target net runs under the gradient tape but is not differentiated: what its layers saved for a
      // backward pass must still be freed.
      const loss = (): tf.Scalar =>
        tf.losses.meanSquaredError(mlpForward(target, x), mlpForward(net, x)) as tf.Scalar;
      await opt.step(loss);
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) losses.push(await opt.step(loss));
      assert.equal(tf.memory().numTensors, before, `${backend} ${activation}: tensors leaked`);
      assert.ok(losses[4] < losses[0], `${backend} ${activation}: loss did not fall: ${losses}`);
      // Inference (no tape) and tf.grad with respect to the input leak nothing either.
      tf.dispose(mlpForward(net, x));
      tf.dispose(tf.grad((xi: tf.Tensor) => tf.sum(mlpForward(net, xi as tf.Tensor2D)))(x));
      assert.equal(tf.memory().numTensors, before, `${backend} ${activation}: tensors leaked (inference)`);
      opt.dispose();
      x.dispose();
      disposeMlp(net);
      disposeMlp(target);
    }
  });
});
