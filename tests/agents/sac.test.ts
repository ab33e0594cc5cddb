import assert from "node:assert/strict";
import { makeEnv } from "../../lib/envs/mod.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import { SAC_PENDULUM_QUICK, trainSac } from "../../lib/agents/mod.ts";

const RANDOM_PENDULUM = -1230; // mean return of uniformly random torques on Pendulum-v1 (≈ −1200 to −1300)

for (const seed of [0, 1, 2]) {
  Deno.test(`SAC reaches a greedy eval ≥ −250 on Pendulum-v1 within 20k steps, seed ${seed}; no tensor leak`, async () => {
    await setBackend("wasm", { respectEnv: false });
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await trainSac(makeEnv("Pendulum-v1"), { ...SAC_PENDULUM_QUICK, totalSteps: 20_000 }, {
      seed,
      evalEnv: makeEnv("Pendulum-v1", { numEnvs: 10 }),
      evalEvery: 1000,
      targetReturn: -250,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    assert.equal(tf.memory().numTensors, before);
    // onProgress runs every 100 steps; learning starts at 1000: alive tensors after 10 more calls equal the last.
    assert.ok(counts.length >= 20, `${counts.length}`);
    assert.equal(counts[counts.length - 1], counts[19]);
    console.log(`SAC Pendulum seed ${seed}: solved at ${result.solvedAt} env steps`);
    assert.ok(result.solvedAt !== null && result.solvedAt <= 20_000, `seed ${seed}: not solved`);
    const last = result.records.flatMap((r) => typeof r.eval_return === "number" ? [r.eval_return] : []).at(
      -1,
    )!;
    assert.ok(last >= -250 && last > RANDOM_PENDULUM + 800);
  });
}

Deno.test("SAC: the same seed gives identical records; Box actions required", async () => {
  await setBackend("wasm", { respectEnv: false });
  const cfg = { totalSteps: 400, learningStarts: 200, hiddenSizes: [16, 16], batchSize: 32 };
  const a = await trainSac(makeEnv("Pendulum-v1"), cfg, { seed: 9 });
  const b = await trainSac(makeEnv("Pendulum-v1"), cfg, { seed: 9 });
  assert.deepEqual(a.records, b.records);
  assert.ok(a.records.some((r) => typeof r.qf_loss === "number" && typeof r.alpha === "number"));
  await assert.rejects(() => trainSac(makeEnv("CartPole-v1"), cfg), /Box action space/);
});
