import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
const assertEquals = (a: unknown, b: unknown): void => nodeAssert.deepStrictEqual(a, b);
import { Rng } from "../../lib/core/rng.ts";
import { pendulum } from "../../lib/envs/pendulum.ts";
import { ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { withDistractors } from "../../lib/mbrl/envs.ts";
import { mbpo } from "../../lib/mbrl/mbpo.ts";
import { pendulumTask } from "../../lib/mbrl/pets.ts";

await ensureBackend();

Deno.test("MBPO runs with every model loss, is deterministic, and frees its tensors", async () => {
  const before = tf.memory().numTensors;
  const opts = {
    totalSteps: 60,
    initialRandomSteps: 30,
    modelTrainEvery: 30,
    evalEvery: 30,
    evalEpisodes: 1,
    updatesPerStep: 1,
    rolloutBatch: 16,
    modelEpochs: 2,
    sac: { hiddenSizes: [16], batchSize: 32 },
    model: { members: 2, hiddenSizes: [8] },
  };
  const make = () => withDistractors(pendulum(), { dims: 2, seed: 0 });
  for (const modelLoss of ["nll", "vagram", "itervaml"] as const) {
    const a = await mbpo(make, pendulumTask(5), { ...opts, modelLoss }, { rng: new Rng(0) });
    assertEquals(a.map((p) => p.step), [30, 60]);
    assert(a.every((p) => Number.isFinite(p.return) && Number.isFinite(p.modelLoss)));
    if (modelLoss === "vagram") {
      const b = await mbpo(make, pendulumTask(5), { ...opts, modelLoss }, { rng: new Rng(0) });
      assertEquals(b, a);
    }
  }
  assertEquals(tf.memory().numTensors, before);
});
