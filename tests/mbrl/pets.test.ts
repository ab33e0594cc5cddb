import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
import { Rng } from "../../lib/core/rng.ts";
import { mean } from "../../lib/core/stats.ts";
import { pendulum } from "../../lib/envs/pendulum.ts";
import { ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { cartPoleContinuous } from "../../lib/mbrl/envs.ts";
import {
  cartPoleTask,
  createPlanner,
  pendulumTask,
  pendulumTrueModel,
  randomActions,
  runEpisode,
  runPets,
} from "../../lib/mbrl/pets.ts";

await ensureBackend();

Deno.test("PETS with the true dynamics swings Pendulum up (return ≥ −400)", () => {
  // PETS' horizon 30 with a small population: ≈ 1 s per 200-step episode
  const env = pendulum();
  for (const seed of [0, 1]) {
    const planner = createPlanner(pendulumTrueModel(), pendulumTask(), env.actionSpace, {
      population: 100,
      horizon: 30,
      iterations: 3,
      elites: 10,
    });
    const ep = runEpisode(env, (o, rng) => planner.act(o, rng), { seed, rng: new Rng(seed) });
    const last = ep.transitions.nextObs;
    assert(ep.return >= -400, `seed ${seed}: return ${ep.return}`);
    assert(last[last.length - 3] > 0.95, `seed ${seed}: final cos θ ${last[last.length - 3]} (not upright)`);
  }
});

Deno.test("PETS with a learned ensemble beats random actions on the continuous CartPole (3 seeds)", async () => {
  const before = tf.memory().numTensors;
  for (const seed of [0, 1, 2]) {
    const env = cartPoleContinuous();
    const random = Array.from(
      { length: 5 },
      (_, e) =>
        runEpisode(env, randomActions(env.actionSpace), { seed: 50 + e, rng: new Rng(seed), maxSteps: 100 })
          .return,
    );
    const res = await runPets(env, cartPoleTask(), {
      randomEpisodes: 5,
      iterations: 1,
      maxSteps: 100,
      model: { members: 3, hiddenSizes: [32, 32] },
      train: { epochs: 30, batchSize: 32 },
      cem: { population: 50, horizon: 8, iterations: 2, elites: 5 },
    }, { rng: new Rng(seed) });
    assert(
      res.returns[0] > 2 * mean(random),
      `seed ${seed}: PETS ${res.returns[0]} vs random ${mean(random)}`,
    );
  }
  assert(tf.memory().numTensors <= before, "tensors leaked across PETS runs");
});
