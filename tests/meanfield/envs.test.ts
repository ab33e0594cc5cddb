import assert from "node:assert/strict";
import { assertEnv } from "../../lib/envs/check_env.ts";
import { DecPomfcEnv, rolloutSwarm, SwarmAgentsEnv, swarmTask } from "../../lib/meanfield/mod.ts";

Deno.test("the agents' view is a valid VecEnv", () => {
  // (The upper-level env and the globalInfo view are checked by hand below: checkEnv's fresh-start heuristic does not fit kernel embeddings
  // of small random swarms, which spread at reset as widely as later in an episode.)
  assertEnv(new SwarmAgentsEnv(swarmTask("aggregation"), { numAgents: 10, numSwarms: 2 }));
  assertEnv(new SwarmAgentsEnv(swarmTask("kuramoto"), { numAgents: 10 }));
});

Deno.test("upper-level episodes last T/k decisions and return the summed order metric", () => {
  const env = new DecPomfcEnv(swarmTask("kuramoto"), { numAgents: 30, numEnvs: 2, decisionInterval: 5 });
  assert.equal(env.maxEpisodeSteps, 10);
  assert.equal(env.observationSpace.size, 13);
  assert.equal(env.actionSpace.size, 4);
  env.reset(1);
  const a = new Float32Array(8);
  let total = 0;
  for (let t = 0; t < 10; t++) {
    const r = env.step(a);
    total += r.rewards[0];
    assert.equal(r.truncated[0], t === 9 ? 1 : 0);
    assert.ok(r.rewards[0] >= 0 && r.rewards[0] <= 5);
  }
  // ξ = 0 is the uncontrolled rule up to the rule noise: the same order of return as rolling out uncontrolled
  const floor = rolloutSwarm(swarmTask("kuramoto"), { kind: "uncontrolled" }, {
    numAgents: 30,
    numCopies: 8,
  });
  const perStepFloor = floor.returns.reduce((x, y) => x + y, 0) / (8 * 50);
  assert.ok(Math.abs(total / 50 - perStepFloor) < 0.2, `${total / 50} vs ${perStepFloor}`);
  assert.throws(
    () => new DecPomfcEnv(swarmTask("kuramoto"), { numAgents: 5, decisionInterval: 7 }),
    { name: "RangeError", message: /decisionInterval/ },
  );
});

Deno.test("every agent gets the team reward; the views are deterministic for a seed", () => {
  const run = () => {
    const env = new SwarmAgentsEnv(swarmTask("vicsek"), { numAgents: 15, numSwarms: 2 });
    env.reset(3);
    const a = new Float32Array(30).fill(0.2);
    let r = env.step(a);
    for (let t = 0; t < 5; t++) r = env.step(a);
    return { rewards: Array.from(r.rewards), obs: Array.from(r.observations) };
  };
  const a = run();
  assert.deepEqual(a, run());
  const g = new SwarmAgentsEnv(swarmTask("kuramoto"), { numAgents: 10, globalInfo: true });
  const o = g.reset(0);
  assert.equal(g.observationSpace.size, 15);
  assert.deepEqual(Array.from(o.subarray(3, 15)), Array.from(o.subarray(18, 30))); // the same μ̂ for every agent
  for (let i = 1; i < 15; i++) assert.equal(a.rewards[i], a.rewards[0]);
  assert.notEqual(a.rewards[15], a.rewards[0]);
});
