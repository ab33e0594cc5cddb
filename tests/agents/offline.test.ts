import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { makeEnv } from "../../lib/envs/mod.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import { collect, evaluatePolicy, policyFromJSON, trainBc, trainFqi } from "../../lib/agents/mod.ts";

const RANDOM_CARTPOLE = 22;

Deno.test("fitted Q iteration on 20k random CartPole transitions beats the random policy by a wide margin (3 seeds)", async () => {
  await setBackend("wasm", { respectEnv: false });
  const data = collect(makeEnv("CartPole-v1", { numEnvs: 8 }), "random", 20_000, new Rng(0));
  const random = data.meta!.mean_return as number;
  assert.ok(Math.abs(random - RANDOM_CARTPOLE) < 4, `random return ${random}`);
  for (const seed of [0, 1, 2]) {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const result = await trainFqi(data, { iterations: 40, stepsPerIteration: 100, gamma: 0.99 }, {
      seed,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    assert.equal(tf.memory().numTensors, before);
    assert.equal(counts.at(-1), counts[9]);
    const score =
      evaluatePolicy(makeEnv("CartPole-v1", { numEnvs: 10 }), result.policy, { episodes: 20 }).mean;
    console.log(`FQI seed ${seed}: ${score} (random ${random.toFixed(1)})`);
    assert.ok(score >= 5 * random, `seed ${seed}: FQI ${score} vs random ${random}`);
  }
});

Deno.test("BC on continuous actions imitates a linear expert closely enough to match its return (±10%); no tensor leak", async () => {
  await setBackend("wasm", { respectEnv: false });
  // The "expert": a fixed linear torque law u = −2·sin θ − 0.5·θ̇ (clipped to ±2 by the env); a poor controller,
  // but deterministic and smooth, so BC can match it.
  const expert = policyFromJSON({
    kind: "deterministic",
    obsSize: 3,
    action: { kind: "box", size: 1, low: [-2], high: [2] },
    net: {
      config: {
        inputSize: 3,
        hiddenSizes: [],
        outputSize: 1,
        activation: "tanh",
        init: "orthogonal",
        hiddenGain: 1,
        outputGain: 1,
      },
      weights: [[0, -2, -0.5]],
      biases: [[0]],
    },
  });
  const data = collect(makeEnv("Pendulum-v1", { numEnvs: 4 }), expert, 8000, new Rng(1));
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  const { policy, records } = await trainBc(data, { gradientSteps: 2000, hiddenSizes: [64, 64] }, {
    seed: 0,
    onProgress: () => counts.push(tf.memory().numTensors),
  });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(counts.at(-1), counts[9]);
  const losses = records.flatMap((r) => typeof r.bc_loss === "number" ? [r.bc_loss] : []);
  assert.ok(losses.at(-1)! < 0.02 * losses[0], `loss ${losses[0]} → ${losses.at(-1)}`);
  assert.equal(policy.kind, "deterministic");
  const env = makeEnv("Pendulum-v1", { numEnvs: 10 });
  const expertReturn = evaluatePolicy(env, expert, { episodes: 20 }).mean;
  const bc = evaluatePolicy(env, policy, { episodes: 20 }).mean;
  console.log(`BC Pendulum: ${bc} vs expert ${expertReturn}`);
  assert.ok(Math.abs(bc - expertReturn) < 0.1 * Math.abs(expertReturn), `BC ${bc} vs expert ${expertReturn}`);
});
