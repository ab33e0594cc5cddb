import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
const assertEquals = (a: unknown, b: unknown): void => nodeAssert.deepStrictEqual(a, b);
import { Rng } from "../../lib/core/rng.ts";
import { halfCheetah, hopper, walker2d } from "../../lib/envs/mod.ts";
import type { MujocoLocomotionEnv } from "../../lib/envs/mod.ts";
import { ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { withDistractors } from "../../lib/mbrl/envs.ts";
import { halfCheetahTask, hopperTask, walker2dTask } from "../../lib/mbrl/locomotion.ts";
import { mbpo, type MbpoTask } from "../../lib/mbrl/mbpo.ts";

await ensureBackend();

/** Step `env` with random actions; count steps where the rule's verdict on the reached state differs from the env's. */
function disagreements(env: MujocoLocomotionEnv, task: MbpoTask, steps: number, seed: number) {
  const rng = new Rng(seed), a = env.actionSpace.shape[0], d = env.observationSpace.shape[0];
  const n = env.numEnvs;
  env.reset(seed);
  let differ = 0, terminations = 0;
  for (let t = 0; t < steps; t++) {
    const u = new Float32Array(n * a).map(() => rng.uniformIn(-1, 1));
    const r = env.step(u);
    for (let i = 0; i < n; i++) {
      if (r.terminated[i]) terminations++;
      if (task.terminal!(r.finalObservations, i) !== (r.terminated[i] === 1)) differ++;
      assertEquals(r.finalObservations.length, n * d);
    }
  }
  return { differ, terminations };
}

Deno.test("Hopper and Walker2d termination rules on observations agree with the envs' own, step by step", async () => {
  const h = await hopper({ numEnvs: 4 });
  const hop = disagreements(h, hopperTask(), 1500, 1);
  h.close();
  assert(hop.terminations > 20, `only ${hop.terminations} Hopper terminations: the check is too weak`);
  assertEquals(hop.differ, 0);
  const w = await walker2d({ numEnvs: 4 });
  const walk = disagreements(w, walker2dTask(), 1500, 2);
  w.close();
  assert(walk.terminations > 20, `only ${walk.terminations} Walker2d terminations`);
  assertEquals(walk.differ, 0);
  const c = await halfCheetah({ numEnvs: 2 });
  assertEquals(disagreements(c, halfCheetahTask(), 200, 3), { differ: 0, terminations: 0 });
  c.close();
  // distractor columns after the task's own are ignored
  const row = new Float32Array(14);
  row[0] = 1.25;
  row[13] = 1e6;
  assertEquals(hopperTask(14).terminal!(row, 0), false);
  nodeAssert.throws(() => hopperTask(10), /obsSize/);
});

Deno.test("MBPO runs on Hopper-v4 with distractors, a learned reward and elites, deterministically", async () => {
  const before = tf.memory().numTensors;
  const make = async () => withDistractors(await hopper({ maxEpisodeSteps: 50 }), { dims: 3, seed: 0 });
  const opts = {
    totalSteps: 80,
    initialRandomSteps: 40,
    modelTrainEvery: 40,
    evalEvery: 40,
    evalEpisodes: 1,
    updatesPerStep: 1,
    rolloutBatch: 16,
    modelEpochs: 2,
    learnedReward: true,
    elites: 2,
    modelLoss: "vagram" as const,
    sac: { hiddenSizes: [16], batchSize: 32 },
    model: { members: 3, hiddenSizes: [16] },
  };
  const a = await mbpo(make, hopperTask(14), opts, { rng: new Rng(0) });
  assertEquals(a.map((p) => p.step), [40, 80]);
  assert(a.every((p) => Number.isFinite(p.return) && Number.isFinite(p.holdoutError)), JSON.stringify(a));
  assertEquals(await mbpo(make, hopperTask(14), opts, { rng: new Rng(0) }), a);
  assertEquals(tf.memory().numTensors, before);
});
