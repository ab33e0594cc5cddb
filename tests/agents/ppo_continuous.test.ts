import assert from "node:assert/strict";
import { makeEnv } from "../../lib/envs/mod.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import {
  evaluatePolicy,
  policyFromJSON,
  policyToJSON,
  PPO_PENDULUM_TUNED,
  trainPpo,
} from "../../lib/agents/mod.ts";

const RANDOM_PENDULUM = -1230; // mean return of uniformly random torques on Pendulum-v1

for (const seed of [0, 1, 2]) {
  Deno.test(`continuous PPO on Pendulum-v1: greedy eval ≥ −500 after 100k steps (random ≈ −1230), seed ${seed}`, async () => {
    await setBackend("wasm", { respectEnv: false });
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await trainPpo(makeEnv("Pendulum-v1", { numEnvs: 4 }), {
      ...PPO_PENDULUM_TUNED,
      totalSteps: 100_000,
    }, {
      seed,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    assert.equal(tf.memory().numTensors, before);
    assert.equal(counts.at(-1), counts[9]);
    assert.equal(result.policy.kind, "gaussian");
    assert.ok(result.policy.obsNorm !== undefined, "observation statistics travel with the policy");
    // Saved and reloaded, the policy acts the same.
    const policy = policyFromJSON(JSON.parse(JSON.stringify(policyToJSON(result.policy))));
    const env = makeEnv("Pendulum-v1", { numEnvs: 10 });
    const score = evaluatePolicy(env, policy, { episodes: 20, seed: 5 }).mean;
    assert.equal(score, evaluatePolicy(env, result.policy, { episodes: 20, seed: 5 }).mean);
    console.log(`PPO Pendulum seed ${seed}: ${score.toFixed(1)}`);
    assert.ok(score >= -500 && score > RANDOM_PENDULUM + 700, `seed ${seed}: ${score}`);
  });
}
