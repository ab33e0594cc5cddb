import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { ensureBackend, tf } from "../../lib/tensor/backend.ts";
import { createEnsemble, disposeEnsemble, ensembleForward } from "../../lib/tensor/ensemble.ts";
import { createMlp, disposeMlp, mlpForward } from "../../lib/tensor/mlp.ts";
import { createAdam, networkParams } from "../../lib/tensor/optim.ts";
import { loadWeights, saveWeights } from "../../lib/tensor/weights.ts";

await ensureBackend();

Deno.test("MLP weights survive save → JSON → load exactly (after training, so biases are non-zero)", async () => {
  const net = await createMlp({
    inputSize: 3,
    hiddenSizes: [16, 16],
    outputSize: 2,
    activation: "relu",
    seed: 0,
  });
  const x = tf.tensor2d(Array.from({ length: 8 }, (_, i) => [Math.sin(i), Math.cos(i), i / 8]));
  const opt = createAdam(networkParams(net), { lr: 1e-2 });
  for (let i = 0; i < 5; i++) {
    await opt.step(() => tf.mean(tf.square(tf.sub(mlpForward(net, x), 1))) as tf.Scalar);
  }
  opt.dispose();
  const saved = await saveWeights(net);
  assert.equal(saved.kind, "mlp");
  assert.equal(saved.config.activation, "relu");
  const copy = await loadWeights(JSON.parse(JSON.stringify(saved)));
  assert.deepEqual(await saveWeights(copy), saved);
  const y1 = mlpForward(net, x);
  const y2 = mlpForward(copy, x);
  assert.deepEqual(await y1.data(), await y2.data());
  tf.dispose([x, y1, y2]);
  disposeMlp(net);
  disposeMlp(copy);
});

Deno.test("ensemble weights survive save → JSON → load exactly", async () => {
  const ens = await createEnsemble({
    members: 3,
    inputSize: 2,
    hiddenSizes: [8],
    outputSize: 1,
    rng: new Rng(2),
  });
  const saved = await saveWeights(ens);
  const copy = await loadWeights(JSON.parse(JSON.stringify(saved)) as typeof saved);
  assert.equal(copy.kind, "ensemble");
  assert.equal(copy.config.members, 3);
  const x = tf.tensor2d([[0.3, -0.7], [1, 2]]);
  const y1 = ensembleForward(ens, x);
  const y2 = ensembleForward(copy, x);
  assert.deepEqual(await y1.data(), await y2.data());
  tf.dispose([x, y1, y2]);
  disposeEnsemble(ens);
  disposeEnsemble(copy);
});

Deno.test("loadWeights names what is wrong with its input", async () => {
  const net = await createMlp({ inputSize: 2, hiddenSizes: [3], outputSize: 1 });
  const saved = await saveWeights(net);
  await assert.rejects(
    () => loadWeights({ ...saved, weights: saved.weights.slice(1) }),
    /expected 2 weight and bias arrays/,
  );
  const bad = { ...saved, weights: [saved.weights[0].slice(1), ...saved.weights.slice(1)] };
  await assert.rejects(() => loadWeights(bad), /weights\[0\] must have length 6, got length 5/);
  const wrongKind = { ...saved, kind: "cnn" } as unknown as typeof saved;
  await assert.rejects(() => loadWeights(wrongKind), /saved.kind must be "mlp" or "ensemble", got "cnn"/);
  disposeMlp(net);
});
