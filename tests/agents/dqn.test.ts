import assert from "node:assert/strict";
import { makeEnv } from "../../lib/envs/mod.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import { DQN_CARTPOLE_TUNED, trainDqn } from "../../lib/agents/mod.ts";

for (const seed of [0, 1, 2]) {
  Deno.test(`DQN reaches a greedy eval ≥ 400 on CartPole-v1 within 100k steps, seed ${seed}; no tensor leak`, async () => {
    await setBackend("wasm", { respectEnv: false });
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await trainDqn(makeEnv("CartPole-v1"), { ...DQN_CARTPOLE_TUNED, totalSteps: 100_000 }, {
      seed,
      evalEnv: makeEnv("CartPole-v1", { numEnvs: 10 }),
      evalEvery: 5000,
      targetReturn: 400,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    assert.equal(tf.memory().numTensors, before);
    // onProgress runs every 1000 env steps: learning has started by the 3rd call; alive tensors must not grow.
    assert.ok(counts.length >= 12, `${counts.length}`);
    assert.equal(counts[counts.length - 1], counts[2]);
    console.log(`DQN CartPole seed ${seed}: solved at ${result.solvedAt} env steps`);
    assert.ok(result.solvedAt !== null && result.solvedAt <= 100_000, `seed ${seed}: not solved`);
    assert.ok(result.records.some((r) => typeof r.td_loss === "number" && typeof r.q_values === "number"));
  });
}

Deno.test("DQN: the same seed gives identical records (double DQN, Huber)", async () => {
  await setBackend("wasm", { respectEnv: false });
  const cfg = {
    totalSteps: 1500,
    learningStarts: 500,
    trainFrequency: 4,
    doubleDqn: true,
    loss: "huber" as const,
  };
  const a = await trainDqn(makeEnv("CartPole-v1", { numEnvs: 2 }), cfg, { seed: 3 });
  const b = await trainDqn(makeEnv("CartPole-v1", { numEnvs: 2 }), cfg, { seed: 3 });
  assert.deepEqual(a.records, b.records);
  assert.ok(a.records.filter((r) => typeof r.td_loss === "number").length > 100);
  await assert.rejects(() => trainDqn(makeEnv("Pendulum-v1"), cfg), /Discrete action space/);
});
