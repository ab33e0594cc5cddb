import assert from "node:assert/strict";
import {
  buildTransferMatrix,
  contextEnv,
  contextMultipliers,
  contextSpace,
  contextValues,
  parseTransferCsv,
} from "../../lib/transfer/mod.ts";
import type { CartPoleEnv, PendulumEnv } from "../../lib/envs/mod.ts";
import { assertClose } from "../tabular/fixtures.ts";

Deno.test("contexts: the paper's 0.1x..10x grid of 100 values per field (dt is a Pendulum context field)", () => {
  const m = contextMultipliers(100);
  assertClose([m[0], m[9], m[99], m[1] - m[0]], [0.1, 1, 10, 0.1], 1e-12);
  assertClose(contextValues("pendulum-dt", 100).slice(0, 3), [0.005, 0.01, 0.015], 1e-12);
  assertClose(contextValues("cartpole-masspole", 3), [0.01, 0.505, 1], 1e-12);
  assert.equal(contextSpace("cartpole-length").field, "length");
  const pend = contextEnv("pendulum-dt", [0.01, 0.2], 3) as PendulumEnv;
  assert.deepEqual(pend.contexts.map((c) => c.dt), [0.01, 0.2, 0.01]);
  const cart = contextEnv("cartpole-masscart", [3], 2) as CartPoleEnv;
  assert.deepEqual(cart.contexts.map((c) => [c.masscart, c.masspole]), [[3, 0.1], [3, 0.1]]);
  assert.throws(() => contextSpace("acrobot-l" as "pendulum-l"), /space/);
});

Deno.test("transfer matrix build: one CSV line per trained source, and a stopped build resumes", async () => {
  const dir = await Deno.makeTempDir();
  const csvPath = `${dir}/m.csv`;
  const opts = { n: 3, steps: 256, episodes: 2, seed: 4, csvPath };
  const full = await buildTransferMatrix("cartpole-length", opts);
  assert.equal(full.values.length, 3);
  assert.ok(full.values.flat().every((v) => v >= 1 && v <= 500), "CartPole returns in [1, 500]");
  const text = await Deno.readTextFile(csvPath);
  assert.equal(text.trim().split("\n").length, 4); // header + 3 sources
  // Drop source 1 (as if the build had stopped), resume: only it is retrained, to the same values (seeded).
  const lines = text.trim().split("\n");
  await Deno.writeTextFile(csvPath, [lines[0], lines[1], lines[3]].join("\n") + "\n");
  const resumed = await buildTransferMatrix("cartpole-length", opts);
  assert.deepEqual(resumed, full);
  const after = parseTransferCsv(await Deno.readTextFile(csvPath));
  assert.equal(after.rows.size, 3);
  await Deno.remove(dir, { recursive: true });
});
