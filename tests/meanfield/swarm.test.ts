import assert from "node:assert/strict";
import {
  createSwarm,
  observeLocal,
  resetSwarm,
  stepSwarm,
  swarmMetric,
  type SwarmTask,
  swarmTask,
} from "../../lib/meanfield/swarm.ts";

function near(a: number, b: number, tol: number) {
  assert.ok(Math.abs(a - b) <= tol, `${a} not within ${tol} of ${b}`);
}

/** Mean over copies of the metric averaged over the last `tail` of `steps` uncontrolled steps. */
function uncontrolledMetric(
  task: SwarmTask,
  n: number,
  copies: number,
  steps: number,
  tail: number,
  seed = 0,
) {
  const s = createSwarm(task, { numAgents: n, numCopies: copies });
  resetSwarm(s, seed);
  const u = new Float64Array(n * copies * (task.name === "aggregation" ? 2 : 1));
  const m = new Float64Array(copies);
  let total = 0;
  for (let t = 0; t < steps; t++) {
    stepSwarm(s, u);
    if (t >= steps - tail) {
      swarmMetric(s, m);
      for (const v of m) total += v;
    }
  }
  return total / (tail * copies);
}

Deno.test("Kuramoto with strong coupling and no control synchronises (R → 1)", () => {
  const R = uncontrolledMetric(swarmTask("kuramoto", { coupling: 5, noise: 0 }), 100, 4, 200, 20);
  assert(R > 0.95, `R = ${R}`);
});

Deno.test("Kuramoto without coupling and spread frequencies stays incoherent (R ≈ 1/√N)", () => {
  const n = 100;
  const R = uncontrolledMetric(swarmTask("kuramoto", { coupling: 0, freqStd: 1 }), n, 16, 200, 50);
  // E[R] = √(π/(4N)) ≈ 0.089 for independent uniform phases
  assert(R > 0.3 / Math.sqrt(n) && R < 2 / Math.sqrt(n), `R = ${R}`);
});

Deno.test("Vicsek with zero noise aligns; with maximal noise it stays disordered", () => {
  const aligned = uncontrolledMetric(
    swarmTask("vicsek", { coupling: 1, noise: 0, radius: 0.25 }),
    100,
    4,
    300,
    20,
  );
  assert(aligned > 0.9, `polarisation ${aligned}`);
  const disordered = uncontrolledMetric(
    swarmTask("vicsek", { coupling: 1, noise: 2 * Math.PI }),
    100,
    4,
    300,
    20,
  );
  assert(disordered < 0.25, `polarisation ${disordered}`);
});

Deno.test("Aggregation metric: uniform swarm ≈ 0, one point = 1", () => {
  const s = createSwarm(swarmTask("aggregation"), { numAgents: 400 });
  resetSwarm(s, 0);
  near(swarmMetric(s)[0], 0, 0.05);
  s.x.fill(0.3);
  s.y.fill(0.7);
  near(swarmMetric(s)[0], 1, 1e-12);
});

Deno.test("local observations see only neighbours in the disc", () => {
  const s = createSwarm(swarmTask("vicsek", { radius: 0.1 }), { numAgents: 3 });
  resetSwarm(s, 0);
  s.x.set([0.5, 0.55, 0.9]);
  s.y.set([0.5, 0.5, 0.5]);
  s.theta.set([0, Math.PI / 2, Math.PI]);
  const y = observeLocal(s, new Float32Array(6));
  near(y[0], 1, 1e-6); // sees agent 1 at +90°
  near(y[1], 0, 1e-6);
  assert.deepEqual([y[4], y[5]], [0, 0]); // agent 2 is alone
  const a = createSwarm(swarmTask("aggregation", { radius: 0.1 }), { numAgents: 2 });
  resetSwarm(a, 0);
  a.x.set([0.98, 0.03]); // neighbours across the torus seam
  a.y.set([0.5, 0.5]);
  const ya = observeLocal(a, new Float32Array(4));
  near(ya[0], 0.5, 1e-6);
  near(ya[2], -0.5, 1e-6);
});

Deno.test("swarms are deterministic for a seed and copies do not depend on the batch", () => {
  const run = (copies: number, seed: number) => {
    const s = createSwarm(swarmTask("vicsek"), { numAgents: 20, numCopies: copies });
    resetSwarm(s, seed);
    const u = new Float64Array(20 * copies).fill(0.3);
    for (let t = 0; t < 10; t++) stepSwarm(s, u);
    return Array.from(s.theta.subarray(0, 20));
  };
  assert.deepEqual(run(1, 7), run(1, 7));
  assert.deepEqual(run(1, 7), run(3, 7));
  assert(run(1, 7)[0] !== run(1, 8)[0]);
});

Deno.test("bad arguments are named", () => {
  assert.throws(() => swarmTask("vicsek", { noise: 7 }), { name: "RangeError", message: /noise/ });
  const s = createSwarm(swarmTask("kuramoto"), { numAgents: 2 });
  assert.throws(() => stepSwarm(s, new Float64Array(2)), { name: "RangeError", message: /resetSwarm/ });
  resetSwarm(s, 0);
  assert.throws(() => stepSwarm(s, new Float64Array(3)), { name: "RangeError", message: /u/ });
});
