import assert from "node:assert/strict";
import { assertClose } from "../tabular/fixtures.ts";
import { Rng } from "../../lib/core/rng.ts";
import { tf } from "../../lib/tensor/backend.ts";
import { createEnsemble, ensembleForward, ensembleParams } from "../../lib/tensor/ensemble.ts";
import {
  createMlp,
  disposeMlp,
  type Mlp,
  mlpForward,
  mlpFromValues,
  orthogonalMatrix,
} from "../../lib/tensor/mlp.ts";

async function values(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}

/** max |G − gain²·I| where G is the Gram matrix of the smaller dimension of a row-major rows × cols matrix. */
function orthogonalityError(w: ArrayLike<number>, rows: number, cols: number, gain: number): number {
  const byColumns = rows >= cols; // WᵀW (cols × cols) when the columns are the fewer
  const k = Math.min(rows, cols);
  const n = Math.max(rows, cols);
  let err = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        s += byColumns ? w[i * cols + a] * w[i * cols + b] : w[a * cols + i] * w[b * cols + i];
      }
      err = Math.max(err, Math.abs(s - (a === b ? gain * gain : 0)));
    }
  }
  return err;
}

Deno.test("orthogonalMatrix: W·Wᵀ = gain²·I on the smaller dimension, for tall, square and wide shapes", () => {
  for (const [rows, cols, gain] of [[4, 64, Math.SQRT2], [64, 64, Math.SQRT2], [64, 2, 0.01], [8, 3, 1]]) {
    const w = orthogonalMatrix(rows, cols, gain, new Rng(rows * 100 + cols));
    assert.ok(orthogonalityError(w, rows, cols, gain) < 1e-5, `${rows}x${cols}`);
  }
});

Deno.test("createMlp: orthogonal weights, zero biases, identical for the same seed, different otherwise", async () => {
  const opts = { inputSize: 4, hiddenSizes: [64, 64], outputSize: 2, outputGain: 0.01 };
  const a = await createMlp({ ...opts, seed: 3 });
  const b = await createMlp({ ...opts, rng: new Rng(3) });
  const c = await createMlp({ ...opts, seed: 4 });
  const sizes = [4, 64, 64, 2];
  for (let l = 0; l < 3; l++) {
    const w = await values(a.weights[l]);
    assert.deepEqual(a.weights[l].shape, [sizes[l], sizes[l + 1]]);
    const gain = l === 2 ? 0.01 : Math.SQRT2;
    assert.ok(orthogonalityError(w, sizes[l], sizes[l + 1], gain) < 1e-5, `layer ${l}`);
    assert.ok((await values(a.biases[l])).every((x) => x === 0));
    assert.deepEqual(w, await values(b.weights[l]));
    assert.notDeepEqual(w, await values(c.weights[l]));
  }
  for (const m of [a, b, c]) disposeMlp(m);
});

Deno.test("createMlp: torch-default uniform init stays within ±1/√fan_in", async () => {
  const net = await createMlp({ inputSize: 16, hiddenSizes: [8], outputSize: 1, init: "uniform", seed: 0 });
  const w = await values(net.weights[0]);
  const b = await values(net.biases[1]);
  assert.ok(w.every((x) => Math.abs(x) <= 0.25) && w.some((x) => Math.abs(x) > 0.2));
  assert.ok(b.every((x) => Math.abs(x) <= 1 / Math.sqrt(8)) && b.some((x) => x !== 0));
  disposeMlp(net);
});

Deno.test("createMlp: arguments are validated by name", async () => {
  await assert.rejects(
    () => createMlp({ inputSize: 0, hiddenSizes: [], outputSize: 1 }),
    /inputSize must be/,
  );
  await assert.rejects(
    () => createMlp({ inputSize: 2, hiddenSizes: [4, 1.5], outputSize: 1 }),
    /hiddenSizes\[1\]/,
  );
  await assert.rejects(
    // @ts-expect-error: invalid on purpose
    () => createMlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1, activation: "gelu" }),
    /activation must be one of "tanh", "relu", got "gelu"/,
  );
});

/** Hand forward pass in float64 over row-major weights. */
function handForward(
  x: number[][],
  ws: Float32Array[],
  bs: Float32Array[],
  sizes: number[],
  act: (z: number) => number,
): number[][] {
  return x.map((row) => {
    let h = row;
    for (let l = 0; l < ws.length; l++) {
      const out = Array.from({ length: sizes[l + 1] }, (_, j) => {
        let s = bs[l][j];
        for (let i = 0; i < sizes[l]; i++) s += h[i] * ws[l][i * sizes[l + 1] + j];
        return s;
      });
      h = l + 1 < ws.length ? out.map(act) : out;
    }
    return h;
  });
}

Deno.test("mlpForward equals a hand computation for tanh and relu 2-layer MLPs", async () => {
  const sizes = [3, 5, 2];
  const rng = new Rng(11);
  const ws = [
    Float32Array.from({ length: 15 }, () => rng.normal()),
    Float32Array.from({ length: 10 }, () => rng.normal()),
  ];
  const bs = [
    Float32Array.from({ length: 5 }, () => rng.normal()),
    Float32Array.from({ length: 2 }, () => rng.normal()),
  ];
  const x = [[0.5, -1, 2], [0, 0.25, -0.75], [1, 1, 1], [-2, 0.1, 0.3]];
  for (const activation of ["tanh", "relu"] as const) {
    const net = mlpFromValues(
      {
        inputSize: 3,
        hiddenSizes: [5],
        outputSize: 2,
        activation,
        init: "orthogonal",
        hiddenGain: 1,
        outputGain: 1,
      },
      ws,
      bs,
    );
    const y = tf.tidy(() => mlpForward(net, tf.tensor2d(x)));
    const act = activation === "tanh" ? Math.tanh : (z: number) => Math.max(0, z);
    assertClose(await values(y), handForward(x, ws, bs, sizes, act).flat(), 1e-5, activation);
    y.dispose();
    disposeMlp(net);
  }
});

Deno.test("mlpForward rejects a wrong input shape, naming the expected one", async () => {
  const net = await createMlp({ inputSize: 3, hiddenSizes: [4], outputSize: 1 });
  const x = tf.zeros([2, 4]) as tf.Tensor2D;
  assert.throws(() => mlpForward(net, x), /x must have shape \[batch, 3\], got \[2, 4\]/);
  x.dispose();
  disposeMlp(net);
});

function memberMlp(
  ens: Awaited<ReturnType<typeof createEnsemble>>,
  k: number,
  ws: Float32Array[],
  bs: Float32Array[],
): Mlp {
  const sizes = [ens.config.inputSize, ...ens.config.hiddenSizes, ens.config.outputSize];
  const w = ws.map((a, l) => a.slice(k * sizes[l] * sizes[l + 1], (k + 1) * sizes[l] * sizes[l + 1]));
  const b = bs.map((a, l) => a.slice(k * sizes[l + 1], (k + 1) * sizes[l + 1]));
  const { members: _, ...config } = ens.config;
  return mlpFromValues(config, w, b);
}

Deno.test("ensembleForward equals member-by-member mlpForward, for shared and per-member batches", async () => {
  const opts = { members: 4, inputSize: 3, hiddenSizes: [16, 8], outputSize: 2, activation: "relu" as const };
  const ens = await createEnsemble({ ...opts, seed: 5 });
  const single = await createMlp({ ...opts, seed: 5 });
  const params = ensembleParams(ens);
  const ws: Float32Array[] = [];
  const bs: Float32Array[] = [];
  for (let i = 0; i < params.length; i++) (i % 2 === 0 ? ws : bs).push(await values(params[i]));
  // Member 0 is the MLP made from the same seed.
  assert.deepEqual(ws[0].slice(0, 48), await values(single.weights[0]));
  // Give the biases non-zero values so the test covers them.
  const rng = new Rng(1);
  for (let l = 0; l < bs.length; l++) {
    for (let i = 0; i < bs[l].length; i++) bs[l][i] = rng.normal();
    ens.biases[l].assign(tf.tensor3d(bs[l], ens.biases[l].shape as [number, number, number]));
  }
  const shared = tf.tensor2d(Array.from({ length: 5 }, () => [rng.normal(), rng.normal(), rng.normal()]));
  const perMember = tf.tensor3d(
    Array.from(
      { length: 4 },
      () => Array.from({ length: 5 }, () => [rng.normal(), rng.normal(), rng.normal()]),
    ),
  );
  const yShared = ensembleForward(ens, shared);
  const yPer = ensembleForward(ens, perMember);
  assert.deepEqual(yShared.shape, [4, 5, 2]);
  for (let k = 0; k < 4; k++) {
    const m = memberMlp(ens, k, ws, bs);
    const a = tf.tidy(() => mlpForward(m, shared));
    const b = tf.tidy(() =>
      mlpForward(m, tf.squeeze(tf.slice(perMember, [k, 0, 0], [1, 5, 3]), [0]) as tf.Tensor2D)
    );
    assertClose(
      (await values(yShared)).slice(k * 10, (k + 1) * 10),
      await values(a),
      1e-5,
      `shared member ${k}`,
    );
    assertClose((await values(yPer)).slice(k * 10, (k + 1) * 10), await values(b), 1e-5, `per-member ${k}`);
    tf.dispose([a, b]);
    disposeMlp(m);
  }
  tf.dispose([shared, perMember, yShared, yPer, ...params]);
  disposeMlp(single);
});

for (const members of [1, 3]) {
  Deno.test(`ensembleForward's gradients (weights, biases, input) equal autodiff of the plain batched layers, ${members} member(s)`, async () => {
    const ens = await createEnsemble({
      members,
      inputSize: 4,
      hiddenSizes: [8, 6],
      outputSize: 2,
      activation: "tanh",
      seed: 2,
    });
    const rng = new Rng(3);
    for (const b of ens.biases) {
      b.assign(tf.tensor3d(rng.fillNormal(new Float32Array(b.size)), b.shape as [number, number, number]));
    }
    const x = tf.tensor3d(rng.fillNormal(new Float32Array(members * 5 * 4)), [members, 5, 4]);
    const target = tf.tensor3d(rng.fillNormal(new Float32Array(members * 5 * 2)), [members, 5, 2]);
    const params = ensembleParams(ens);
    const loss = (y: tf.Tensor) => tf.sum(tf.square(tf.sub(y, target))) as tf.Scalar;
    // Reference: the layers written out as batched matmuls, differentiated by tfjs itself.
    const plain = (input: tf.Tensor3D) => {
      let h: tf.Tensor = input;
      for (let l = 0; l < ens.weights.length; l++) {
        h = tf.add(tf.matMul(h as tf.Tensor3D, ens.weights[l]), ens.biases[l]);
        if (l < ens.weights.length - 1) h = tf.tanh(h);
      }
      return h;
    };
    const ours = tf.variableGrads(() => loss(ensembleForward(ens, x)), params);
    const ref = tf.variableGrads(() => loss(plain(x)), params);
    assertClose(await values(ours.value), await values(ref.value), 1e-4, "loss");
    for (const p of params) {
      assertClose(await values(ours.grads[p.name]), await values(ref.grads[p.name]), 1e-4, `d/d${p.name}`);
    }
    const dxOurs = tf.grad((input: tf.Tensor) => loss(ensembleForward(ens, input as tf.Tensor3D)))(x);
    const dxRef = tf.grad((input: tf.Tensor) => loss(plain(input as tf.Tensor3D)))(x);
    assertClose(await values(dxOurs), await values(dxRef), 1e-4, "d/dx");
    tf.dispose([
      x,
      target,
      ours.value,
      ref.value,
      dxOurs,
      dxRef,
      ...Object.values(ours.grads),
      ...Object.values(ref.grads),
    ]);
  });
}
