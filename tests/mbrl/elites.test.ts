import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
const assertEquals = (a: unknown, b: unknown): void => nodeAssert.deepStrictEqual(a, b);
const assertAlmostEquals = (a: number, b: number, tol: number): void =>
  nodeAssert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);
import { Rng } from "../../lib/core/rng.ts";
import { pendulum } from "../../lib/envs/pendulum.ts";
import { ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { holdoutSplit, memberErrors, selectElites } from "../../lib/mbrl/elites.ts";
import { mbpo } from "../../lib/mbrl/mbpo.ts";
import {
  createDynamicsModel,
  disposeDynamicsModel,
  evaluateModel,
  fitNormalization,
  modelHeads,
  predictTransition,
  trainDynamicsModel,
  type Transitions,
} from "../../lib/mbrl/models.ts";
import { pendulumTask } from "../../lib/mbrl/pets.ts";

await ensureBackend();

/** Random-action Pendulum transitions with rewards (one long run of auto-resetting episodes). */
function pendulumData(n: number, seed: number): Transitions {
  const env = pendulum(), rng = new Rng(seed);
  const obs = new Float32Array(3 * n), act = new Float32Array(n), next = new Float32Array(3 * n);
  const rewards = new Float32Array(n);
  let o = env.reset(seed).slice();
  for (let i = 0; i < n; i++) {
    const u = new Float32Array([rng.uniformIn(-2, 2)]);
    const r = env.step(u);
    obs.set(o, 3 * i);
    act[i] = u[0];
    next.set(r.finalObservations.subarray(0, 3), 3 * i);
    rewards[i] = r.rewards[0];
    o = r.observations.slice(0, 3);
  }
  return { obs, actions: act, nextObs: next, rewards, size: n };
}

Deno.test("selectElites takes the smallest errors, best first, and rejects bad arguments", () => {
  assertEquals(selectElites([0.3, 0.1, 0.2, 0.9], 2), Int32Array.from([1, 2]));
  assertEquals(selectElites([1, 1, 0], 3), Int32Array.from([2, 0, 1]));
  nodeAssert.throws(() => selectElites([1, 2], 3), /count/);
  nodeAssert.throws(() => selectElites([1, NaN], 1), /errors\[1\]/);
});

Deno.test("holdoutSplit partitions the rows (20 %, capped) and keeps rewards aligned", () => {
  const data = pendulumData(50, 0);
  const { train, holdout } = holdoutSplit(data, { obsSize: 3, actionSize: 1 }, new Rng(1));
  assertEquals([train.size, holdout.size], [40, 10]);
  // every original row appears exactly once, with its own action, next observation and reward
  const key = (t: Transitions, i: number) =>
    [
      ...t.obs.subarray(3 * i, 3 * i + 3),
      t.actions[i],
      ...t.nextObs.subarray(3 * i, 3 * i + 3),
      t.rewards![i],
    ]
      .join(",");
  const original = Array.from({ length: 50 }, (_, i) => key(data, i)).sort();
  const split = [
    ...Array.from({ length: 40 }, (_, i) => key(train, i)),
    ...Array.from({ length: 10 }, (_, i) => key(holdout, i)),
  ].sort();
  assertEquals(split, original);
  assertEquals(
    holdoutSplit(data, { obsSize: 3, actionSize: 1 }, new Rng(1), { maxHoldout: 3 }).holdout.size,
    3,
  );
});

Deno.test("a reward head learns Pendulum's reward; memberErrors matches the heads and ranks a spoiled member last", async () => {
  const model = await createDynamicsModel({
    obsSize: 3,
    actionSize: 1,
    members: 3,
    hiddenSizes: [64, 64],
    probabilistic: false,
    rewardHead: true,
    seed: 1,
  });
  const data = pendulumData(2000, 2), test = pendulumData(400, 3);
  fitNormalization(model, data);
  await trainDynamicsModel(model, data, { epochs: 30, batchSize: 64, lr: 3e-3, rng: new Rng(4) });
  const ev = evaluateModel(model, test);
  let mean = 0, variance = 0;
  for (const r of test.rewards!) mean += r / test.size;
  for (const r of test.rewards!) variance += (r - mean) ** 2 / test.size;
  // Pendulum's reward is a smooth function of (s, a): the head explains nearly all of its variance
  assert(ev.rewardMse < 0.02 * variance, `reward mse ${ev.rewardMse} vs variance ${variance}`);
  const pred = predictTransition(model, test.obs, test.actions, test.size);
  assertEquals(pred.reward!.length, 3 * test.size);
  let mse = 0;
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < test.size; i++) mse += (pred.reward![k * test.size + i] - test.rewards![i]) ** 2;
  }
  assertAlmostEquals(mse / (3 * test.size), ev.rewardMse, 1e-3 * Math.max(1, ev.rewardMse));

  // memberErrors by hand from the heads: mean over rows of (mean over dims of squared Δ error + squared r error)
  const errors = memberErrors(model, test);
  const hand = tf.tidy(() => {
    const o = tf.tensor2d(test.obs, [test.size, 3]), a = tf.tensor2d(test.actions, [test.size, 1]);
    const h = modelHeads(model, o, a);
    const target = tf.div(
      tf.sub(tf.sub(tf.tensor2d(test.nextObs, [test.size, 3]), o), model.outMean),
      model.outStd,
    );
    const r = tf.div(tf.sub(tf.tensor2d(test.rewards!, [test.size, 1]), model.rewMean), model.rewStd);
    const e = tf.add(
      tf.mean(tf.square(tf.sub(h.mean, target)), -1),
      tf.sum(tf.square(tf.sub(h.reward!, r)), -1),
    );
    return tf.mean(e, -1).dataSync();
  });
  for (let k = 0; k < 3; k++) assertAlmostEquals(errors[k], hand[k], 1e-4 * Math.max(1, hand[k]));

  // spoil member 1's output layer: it must rank last
  const last = model.net.weights.length - 1;
  tf.tidy(() => {
    const w = model.net.weights[last];
    const noise = tf.randomNormal(w.shape, 0, 1, "float32", 7);
    const mask = tf.reshape(tf.oneHot([1], 3), [3, 1, 1]);
    w.assign(tf.add(w, tf.mul(mask, noise)));
  });
  const spoiled = memberErrors(model, test);
  assertEquals(selectElites(spoiled, 3)[2], 1);
  assertEquals([...selectElites(spoiled, 2)].sort(), [0, 2]);
  disposeDynamicsModel(model);
});

Deno.test("MBPO with a learned reward and elites runs, is deterministic, reports held-out error, frees its tensors", async () => {
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
    learnedReward: true,
    elites: 2,
    sac: { hiddenSizes: [16], batchSize: 32 },
    model: { members: 3, hiddenSizes: [8] },
  };
  const a = await mbpo(() => pendulum(), {}, opts, { rng: new Rng(0) });
  assertEquals(a.map((p) => p.step), [30, 60]);
  assert(a.every((p) => Number.isFinite(p.holdoutError) && p.holdoutError > 0), JSON.stringify(a));
  assertEquals(await mbpo(() => pendulum(), {}, opts, { rng: new Rng(0) }), a);
  nodeAssert.throws(() => selectElites([1], 2));
  await nodeAssert.rejects(
    () => mbpo(() => pendulum(), {}, { ...opts, learnedReward: false }, { rng: new Rng(0) }),
    /task.reward/,
  );
  await nodeAssert.rejects(
    () => mbpo(() => pendulum(), pendulumTask(), { ...opts, elites: 4 }, { rng: new Rng(0) }),
    /elites/,
  );
  assertEquals(tf.memory().numTensors, before);
});
