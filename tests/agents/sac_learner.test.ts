import assert from "node:assert/strict";
import { createSacLearner, resolveSacConfig } from "../../lib/agents/mod.ts";
import { Box } from "../../lib/core/spaces.ts";
import { Rng } from "../../lib/core/rng.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";

function batch(rng: Rng, B: number, d: number, a: number) {
  return {
    obs: rng.fillNormal(new Float32Array(B * d)),
    actions: Float32Array.from({ length: B * a }, () => rng.uniformIn(-1, 1)),
    rewards: rng.fillNormal(new Float32Array(B)),
    nextObs: rng.fillNormal(new Float32Array(B * d)),
    terminated: new Float32Array(B),
  };
}

Deno.test("SAC learner: schedule of actor/target updates, temperature options, softValue gradient, no leak", async () => {
  await setBackend("wasm", { respectEnv: false });
  const before = tf.memory().numTensors;
  const space = new Box([-1, -1], [1, 1]);
  const learner = await createSacLearner(
    3,
    space,
    { hiddenSizes: [8, 8], policyFrequency: 2, initialAlpha: 0.5, alphaLr: 1e-2, targetEntropy: 0 },
    new Rng(0),
  );
  assert.equal(learner.alpha, 0.5);
  const rng = new Rng(1);
  const first = await learner.update(batch(rng, 16, 3, 2));
  assert.ok(Number.isFinite(first.qf_loss) && !("actor_loss" in first));
  const second = await learner.update(batch(rng, 16, 3, 2));
  assert.ok(Number.isFinite(second.actor_loss) && Number.isFinite(second.alpha_loss));
  assert.equal(learner.actorUpdates, 2); // every 2nd update, 2 actor steps
  // The temperature took two Adam steps from the configured start at the configured rate.
  assert.notEqual(learner.alpha, 0.5);
  const mid = tf.memory().numTensors;
  for (let k = 0; k < 10; k++) await learner.update(batch(rng, 16, 3, 2));
  assert.equal(tf.memory().numTensors, mid);
  const grad = tf.tidy(() => {
    const obs = tf.tensor2d([[0.1, -0.2, 0.3]]);
    return tf.grad((x: tf.Tensor) => tf.sum(learner.softValue(x as tf.Tensor2D)))(obs).dataSync();
  });
  assert.equal(grad.length, 3);
  assert.ok(grad.every(Number.isFinite) && grad.some((g) => g !== 0));
  await assert.rejects(() => learner.update(batch(rng, 4, 2, 2)), /batch must hold 4 rows/);
  const policy = await learner.policy();
  assert.equal(policy.kind, "tanh-gaussian");
  learner.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => resolveSacConfig({ gradientSteps: 0 }), /gradientSteps/);
  assert.throws(() => resolveSacConfig({ initialAlpha: -1 }), /initialAlpha/);
  assert.throws(() => resolveSacConfig({ targetEntropy: NaN }), /targetEntropy/);
  await assert.rejects(() => createSacLearner(0, space, {}, new Rng(0)), /obsSize/);
});
