import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
const assertEquals = (a: unknown, b: unknown): void => nodeAssert.deepStrictEqual(a, b);
const assertAlmostEquals = (a: number, b: number, tol: number): void =>
  nodeAssert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);
import { Rng } from "../../lib/core/rng.ts";
import { pendulum } from "../../lib/envs/pendulum.ts";
import { cartPole } from "../../lib/envs/cartpole.ts";
import { ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { cartPoleContinuous, withDistractors } from "../../lib/mbrl/envs.ts";
import {
  createDynamicsModel,
  disposeDynamicsModel,
  evaluateModel,
  fitNormalization,
  modelHeads,
  predictNext,
  trainDynamicsModel,
  type Transitions,
} from "../../lib/mbrl/models.ts";
import { randomActions, runEpisode } from "../../lib/mbrl/pets.ts";

await ensureBackend();

function linearData(n: number, rng: Rng): Transitions {
  // s' = s + 0.1·a − 0.05·s (2-D state, 1-D action)
  const obs = new Float32Array(2 * n), act = new Float32Array(n), next = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    obs[2 * i] = rng.uniformIn(-1, 1);
    obs[2 * i + 1] = rng.uniformIn(-1, 1);
    act[i] = rng.uniformIn(-1, 1);
    next[2 * i] = obs[2 * i] + 0.1 * act[i] - 0.05 * obs[2 * i];
    next[2 * i + 1] = obs[2 * i + 1] - 0.05 * obs[2 * i + 1];
  }
  return { obs, actions: act, nextObs: next, size: n };
}

Deno.test("ensemble NLL (evaluateModel) equals the Gaussian formula on the heads' outputs", async () => {
  const model = await createDynamicsModel({
    obsSize: 2,
    actionSize: 1,
    members: 3,
    hiddenSizes: [16],
    seed: 1,
  });
  const data = linearData(40, new Rng(0));
  fitNormalization(model, data);
  await trainDynamicsModel(model, data, { epochs: 3, batchSize: 16, rng: new Rng(1) });
  const { mean, logVar, outMean, outStd } = tf.tidy(() => {
    const h = modelHeads(model, tf.tensor2d(data.obs, [40, 2]), tf.tensor2d(data.actions, [40, 1]));
    return {
      mean: h.mean.arraySync() as number[][][],
      logVar: h.logVar!.arraySync() as number[][][],
      outMean: model.outMean.dataSync(),
      outStd: model.outStd.dataSync(),
    };
  });
  let hand = 0;
  for (let m = 0; m < 3; m++) {
    for (let b = 0; b < 40; b++) {
      for (let i = 0; i < 2; i++) {
        const mu = outMean[i] + outStd[i] * mean[m][b][i];
        const v = Math.exp(logVar[m][b][i]) * outStd[i] ** 2;
        const y = data.nextObs[2 * b + i] - data.obs[2 * b + i];
        hand += 0.5 * ((y - mu) ** 2 / v + Math.log(2 * Math.PI * v));
      }
    }
  }
  assertAlmostEquals(evaluateModel(model, data).nll, hand / (3 * 40), 1e-3);
  disposeDynamicsModel(model);
});

Deno.test("models learn a linear system (NLL and MSE losses) and predictions have the ensemble layout", async () => {
  for (const probabilistic of [true, false]) {
    const model = await createDynamicsModel({
      obsSize: 2,
      actionSize: 1,
      members: 2,
      hiddenSizes: [32],
      probabilistic,
      seed: 2,
    });
    const data = linearData(256, new Rng(3));
    fitNormalization(model, data);
    const losses = await trainDynamicsModel(model, data, {
      epochs: 30,
      batchSize: 64,
      lr: 3e-3,
      rng: new Rng(4),
    });
    assert(losses[losses.length - 1] < losses[0], `loss did not fall: ${losses[0]} → ${losses.at(-1)}`);
    const test = linearData(100, new Rng(5));
    const ev = evaluateModel(model, test);
    assert(ev.mse < 1e-3, `mse ${ev.mse}`);
    assertEquals(Number.isNaN(ev.nll), !probabilistic);
    assertEquals(
      predictNext(model, test.obs.subarray(0, 6), test.actions.subarray(0, 3), 3).length,
      2 * 3 * 2,
    );
    disposeDynamicsModel(model);
  }
});

Deno.test("no tensor growth over 100 model updates (every loss), predictions and evaluations", async () => {
  const model = await createDynamicsModel({
    obsSize: 2,
    actionSize: 1,
    members: 2,
    hiddenSizes: [8],
    seed: 0,
  });
  const data = linearData(100, new Rng(0));
  fitNormalization(model, data);
  const value = (s: tf.Tensor2D) => tf.sum(s, 1) as tf.Tensor1D;
  const grad = new Float32Array(200).fill(1);
  await trainDynamicsModel(model, data, { epochs: 1, batchSize: 10, rng: new Rng(0) }); // warm-up
  const before = tf.memory().numTensors;
  for (const loss of ["nll", "mse", "vagram", "itervaml"] as const) {
    // 100 rows / batch 10 = 10 updates per epoch, 10 epochs = 100 updates
    await trainDynamicsModel(model, data, {
      loss,
      epochs: 10,
      batchSize: 10,
      valueGrad: grad,
      value,
      rng: new Rng(1),
    });
  }
  for (let i = 0; i < 10; i++) {
    predictNext(model, data.obs, data.actions, 100, new Rng(i));
    evaluateModel(model, data);
  }
  assertEquals(tf.memory().numTensors, before);
  disposeDynamicsModel(model);
});

Deno.test("continuous CartPole at a = ±1 steps exactly as CartPole-v1's pushes", () => {
  const cont = cartPoleContinuous(), disc = cartPole({ maxEpisodeSteps: 200 });
  cont.reset(3);
  disc.reset(3);
  for (let t = 0; t < 8; t++) {
    const a = t % 3 === 0 ? 1 : -1;
    const rc = cont.step(new Float32Array([a]));
    const rd = disc.step(new Int32Array([a > 0 ? 1 : 0]));
    assertEquals(Array.from(rc.observations), Array.from(rd.observations));
  }
  // a = 0.5 pushes half as hard as a = 1 (velocity change after one step from rest)
  const half = cartPoleContinuous(), full = cartPoleContinuous();
  half.reset(0);
  full.reset(0);
  half.setState(0, [0, 0, 0, 0]);
  full.setState(0, [0, 0, 0, 0]);
  const vh = half.step(new Float32Array([0.5])).observations[1],
    vf = full.step(new Float32Array([1])).observations[1];
  assertAlmostEquals(vh / vf, 0.5, 1e-6);
});

Deno.test("withDistractors appends bounded dimensions that do not change reward", () => {
  const plain = pendulum(), noisy = withDistractors(pendulum(), { dims: 5, seed: 0 });
  const o1 = plain.reset(4), o2 = noisy.reset(4);
  assertEquals(o2.length, 8);
  assertEquals(Array.from(o2.subarray(0, 3)), Array.from(o1));
  const ep = runEpisode(noisy, randomActions(noisy.actionSpace as never), {
    seed: 1,
    rng: new Rng(0),
    maxSteps: 50,
  });
  const ref = runEpisode(plain, randomActions(plain.actionSpace), { seed: 1, rng: new Rng(0), maxSteps: 50 });
  assertAlmostEquals(ep.return, ref.return, 1e-9);
  for (let i = 0; i < ep.transitions.size; i++) {
    for (let j = 3; j < 8; j++) assert(Math.abs(ep.transitions.nextObs[i * 8 + j]) <= 20);
  }
});
