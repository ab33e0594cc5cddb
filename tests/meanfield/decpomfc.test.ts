import assert from "node:assert/strict";
import type { Policy } from "../../lib/agents/mod.ts";
import {
  MEANFIELD_SETTINGS,
  meanFieldSchedule,
  perStep,
  rolloutSwarm,
  SWARM_TASKS,
  swarmTask,
  trainDecPomfc,
} from "../../lib/meanfield/mod.ts";

const quick = MEANFIELD_SETTINGS.quick;
let kuramotoPolicy: Policy | null = null;

Deno.test("Dec-POMFC (decentralised execution) beats the uncontrolled swarm on each task across 3 seeds", async () => {
  const lines: string[] = [];
  for (const name of SWARM_TASKS) {
    const task = swarmTask(name);
    const cfg = quick.decpomfc[name];
    const floor = perStep(
      rolloutSwarm(task, { kind: "uncontrolled" }, { numAgents: 50, seed: 11 }).returns,
      50,
    );
    for (const seed of [0, 1, 2]) {
      const { policy } = await trainDecPomfc(task, { numAgents: 50, ...cfg }, { seed });
      if (name === "kuramoto" && seed === 0) kuramotoPolicy = policy;
      const mf = meanFieldSchedule(policy, task, {
        numAgents: 300,
        seed: 5,
        decisionInterval: cfg.decisionInterval,
      });
      const ours = perStep(
        rolloutSwarm(task, { kind: "decpomfc", schedule: mf.schedule, ruleNoise: mf.ruleNoise }, {
          numAgents: 50,
          seed: 11,
        }).returns,
        50,
      );
      lines.push(`${name} seed ${seed}: ${ours.toFixed(3)} vs uncontrolled ${floor.toFixed(3)}`);
      assert.ok(ours > floor, lines.at(-1));
    }
  }
  console.log(lines.join("\n"));
});

Deno.test("decentralised execution with large N reproduces the mean-field rollout's return", () => {
  assert.ok(kuramotoPolicy !== null, "needs the policy of the previous test");
  const task = swarmTask("kuramoto");
  const mf = meanFieldSchedule(kuramotoPolicy, task, { numAgents: 1000, seed: 5 });
  const run = (n: number) =>
    perStep(
      rolloutSwarm(task, { kind: "decpomfc", schedule: mf.schedule, ruleNoise: mf.ruleNoise }, {
        numAgents: n,
        numCopies: 1,
        seed: 99,
      }).returns,
      task.horizon,
    );
  const large = run(1000);
  const gapLarge = Math.abs(large - mf.return / task.horizon);
  console.log(`mean field ${(mf.return / task.horizon).toFixed(4)}, N = 1000: ${large.toFixed(4)}`);
  assert.ok(gapLarge < 0.05, `gap ${gapLarge}`);
});

Deno.test("IPPO and MAPPO-style train on the agents' view and execute per agent", async () => {
  const task = swarmTask("vicsek", { horizon: 10 });
  const { trainIppo, trainMappo } = await import("../../lib/meanfield/mod.ts");
  for (const [train, globalInfo] of [[trainIppo, false], [trainMappo, true]] as const) {
    const res = await train(task, { numAgents: 10, totalSteps: 40, ppo: { numSteps: 10, updateEpochs: 1 } }, {
      seed: 0,
    });
    assert.equal(res.steps, 40); // swarm steps, not agent steps
    assert.equal(res.policy.obsSize, globalInfo ? 15 : 3);
    const r = rolloutSwarm(task, { kind: "agents", policy: res.policy, globalInfo }, {
      numAgents: 30,
      numCopies: 2,
    });
    assert.equal(r.metric.length, 11);
    for (const x of r.returns) assert.ok(Number.isFinite(x) && x >= 0 && x <= 10);
  }
});

Deno.test("Dec-POMFC training is deterministic for a seed", async () => {
  const task = swarmTask("aggregation", { horizon: 10 });
  const run = async () =>
    (await trainDecPomfc(task, { numAgents: 10, numEnvs: 2, totalSteps: 100 }, { seed: 3 })).records
      .map((r) => r.episodic_return ?? null);
  assert.deepEqual(await run(), await run());
});
