import assert from "node:assert/strict";
import { ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { trainOffline } from "../../lib/dual/offline.ts";
import { trainImitation } from "../../lib/dual/imitation.ts";
import { imitationData, loadPendulumDataset } from "../../lib/dual/experiments.ts";
import type { OfflineAlgo } from "../../lib/dual/offline.ts";
import type { ImitationAlgo } from "../../lib/dual/imitation.ts";

// tf.memory().numTensors is sampled at every logged step (onProgress); it must be the same after 10 and after
// 110 updates, and everything is freed when training ends.
const small = { batchSize: 32, hiddenSizes: [16], logEvery: 10 };

for (const algo of ["fdvl-chi2", "cql"] as OfflineAlgo[]) {
  Deno.test(`${algo}: no tensor growth over 100 updates`, async () => {
    await ensureBackend();
    const data = loadPendulumDataset("medium-replay");
    const before = tf.memory().numTensors;
    const counts = new Map<number, number>();
    await trainOffline(data, { algo, gradientSteps: 110, ...small }, {
      onProgress: ({ done }) => counts.set(done, tf.memory().numTensors),
    });
    assert.equal(counts.get(110), counts.get(10), `${algo}: ${counts.get(10)} → ${counts.get(110)} tensors`);
    assert.equal(tf.memory().numTensors, before);
  });
}

for (const algo of ["recoil", "smodice"] as ImitationAlgo[]) {
  Deno.test(`${algo}: no tensor growth over 100 updates`, async () => {
    await ensureBackend();
    const { expert, suboptimal } = imitationData("random", 2);
    const before = tf.memory().numTensors;
    const counts = new Map<number, number>();
    await trainImitation(expert, suboptimal, { algo, gradientSteps: 110, ...small }, {
      onProgress: ({ done }) => counts.set(done, tf.memory().numTensors),
    });
    assert.equal(counts.get(110), counts.get(10), `${algo}: ${counts.get(10)} → ${counts.get(110)} tensors`);
    assert.equal(tf.memory().numTensors, before);
  });
}
