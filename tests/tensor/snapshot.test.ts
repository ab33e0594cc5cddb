import assert from "node:assert/strict";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import { createMlp, mlpForward } from "../../lib/tensor/mlp.ts";
import { snapshotForward, snapshotFromJSON, snapshotMlp, snapshotToJSON } from "../../lib/tensor/snapshot.ts";
import { Rng } from "../../lib/core/rng.ts";

for (const activation of ["tanh", "relu"] as const) {
  Deno.test(`snapshotForward equals mlpForward to 1e-5 (${activation})`, async () => {
    await setBackend("wasm", { respectEnv: false });
    const net = await createMlp({
      inputSize: 5,
      hiddenSizes: [32, 16],
      outputSize: 3,
      activation,
      seed: 4,
      outputGain: 1,
    });
    const rng = new Rng(1);
    const x = rng.fillNormal(new Float32Array(7 * 5));
    const y = tf.tidy(() => mlpForward(net, tf.tensor2d(x, [7, 5])));
    const expected = await y.data() as Float32Array;
    y.dispose();
    const snap = await snapshotMlp(net);
    const got = snapshotForward(snap, x, 7);
    for (let i = 0; i < got.length; i++) {
      assert.ok(Math.abs(got[i] - expected[i]) <= 1e-5 * (1 + Math.abs(expected[i])), `${i}`);
    }
    // JSON round trip is exact, and an output buffer is filled in place.
    const back = snapshotFromJSON(JSON.parse(JSON.stringify(snapshotToJSON(snap))));
    const out = new Float32Array(21);
    assert.equal(snapshotForward(back, x, 7, out), out);
    assert.deepEqual(out, got);
    for (const v of [...net.weights, ...net.biases]) v.dispose();
  });
}

Deno.test("snapshot shapes are validated", () => {
  const config = {
    inputSize: 2,
    hiddenSizes: [],
    outputSize: 1,
    activation: "tanh" as const,
    init: "orthogonal" as const,
    hiddenGain: 1,
    outputGain: 1,
  };
  assert.throws(
    () => snapshotFromJSON({ config, weights: [[1]], biases: [[0]] }),
    /weights\[0\] must have length 2/,
  );
  const snap = snapshotFromJSON({ config, weights: [[1, 2]], biases: [[0.5]] });
  assert.deepEqual(Array.from(snapshotForward(snap, new Float32Array([1, 1, 2, 0]), 2)), [3.5, 2.5]);
  assert.throws(() => snapshotForward(snap, new Float32Array(3), 2), /x must have length 4/);
});
