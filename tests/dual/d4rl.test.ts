import nodeAssert from "node:assert/strict";

const assert = (cond: unknown, msg?: string): void => nodeAssert.ok(cond, msg);
const assertEquals = (a: unknown, b: unknown): void => nodeAssert.deepStrictEqual(a, b);
const assertAlmostEquals = (a: number, b: number, tol: number): void =>
  nodeAssert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);
import { makeMujocoEnv } from "../../lib/envs/mod.ts";
import { ensureBackend } from "../../lib/tensor/mod.ts";
import { normalizedScore, splitEpisodes, writeD4rlHdf5 } from "../../lib/dual/datasets.ts";
import { d4rlImitationData, offlineIlMujocoExperiment } from "../../lib/dual/d4rl_imitation.ts";
import {
  D4RL_REFERENCE,
  d4rlFileNames,
  hopperRandomDataset,
  loadD4rl,
  offlineMujocoExperiment,
} from "../../lib/dual/d4rl.ts";
import { trainOffline } from "../../lib/dual/offline.ts";

await ensureBackend();

Deno.test("D4RL reference returns give 0 and 100 at the random and expert returns", () => {
  for (const ref of Object.values(D4RL_REFERENCE)) {
    assertAlmostEquals(normalizedScore(ref.random, ref), 0, 1e-9);
    assertAlmostEquals(normalizedScore(ref.expert, ref), 100, 1e-9);
  }
  assertAlmostEquals(normalizedScore(1000, D4RL_REFERENCE.hopper), 100 * 1020.272305 / 3254.572305, 1e-9);
  assertEquals(d4rlFileNames("walker2d", "medium-expert"), [
    "walker2d-medium-expert-v2.hdf5",
    "walker2d_medium_expert-v2.hdf5",
  ]);
  nodeAssert.throws(() => d4rlFileNames("ant" as "hopper", "medium"), /task/);
});

Deno.test("a D4RL file under its download name loads with D4RL's references; offline RL evaluates on our Hopper", async () => {
  const data = await hopperRandomDataset(2000, 3);
  assert(data.size > 1500 && data.size <= 2000 && data.obsSize === 11, `size ${data.size}`);
  // random actions make Hopper fall: every (whole, contiguous) episode ends by termination and chains s' → s
  for (const [start, end] of splitEpisodes(data)) {
    assertEquals(data.terminals[end - 1], 1);
    for (let i = start; i < end - 1; i++) {
      assertEquals(
        data.next_observations.subarray(11 * i, 11 * i + 11),
        data.observations.subarray(11 * i + 11, 11 * i + 22),
      );
    }
  }
  assert(splitEpisodes(data).length > 20);
  const dir = await Deno.makeTempDir();
  try {
    await nodeAssert.rejects(
      () => loadD4rl("hopper", "medium", dir),
      /hopper-medium-v2\.hdf5 nor hopper_medium-v2/,
    );
    await writeD4rlHdf5(`${dir}/hopper_medium-v2.hdf5`, data);
    const back = await loadD4rl("hopper", "medium", dir);
    assertEquals(back.observations, data.observations);
    assertEquals(back.rewards, data.rewards);
    assertEquals(back.terminals, data.terminals);
    assertEquals([back.meta!.env, back.meta!.ref_random, back.meta!.ref_expert], [
      "Hopper-v4",
      -20.272305,
      3234.3,
    ]);

    const evalEnv = await makeMujocoEnv("Hopper-v4", { numEnvs: 2 });
    const res = await trainOffline(back, {
      algo: "fdvl-chi2",
      gradientSteps: 20,
      batchSize: 64,
      hiddenSizes: [16],
    }, { evalEnv, evalEvery: 20, evalEpisodes: 2, reference: D4RL_REFERENCE.hopper });
    evalEnv.close();
    const last = res.records.filter((r) => typeof r.score === "number").at(-1)!;
    assertAlmostEquals(
      last.score as number,
      normalizedScore(last.eval_return as number, D4RL_REFERENCE.hopper),
      1e-9,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the MuJoCo offline experiment lists D4RL's 9 datasets × 6 algorithms × 5 seeds at full scale", () => {
  const full = offlineMujocoExperiment.runs("full");
  assertEquals(full.length, 9 * 6 * 5);
  assert(full.some((r) => r.key.startsWith("walker2d-medium-expert/fdvl-tv/")));
  assertEquals(new Set(full.map((r) => r.key)).size, full.length);
});

Deno.test("the imitation data from D4RL files: expert episode 0, suboptimal = other file + expert episodes 1…k", async () => {
  const expertFile = await hopperRandomDataset(3000, 5), randomFile = await hopperRandomDataset(2000, 6);
  const dir = await Deno.makeTempDir();
  try {
    await writeD4rlHdf5(`${dir}/hopper_expert-v2.hdf5`, expertFile);
    await writeD4rlHdf5(`${dir}/hopper-random-v2.hdf5`, randomFile);
    const { expert, suboptimal } = await d4rlImitationData("hopper", "random", 3, dir);
    const episodes = splitEpisodes(expertFile);
    assertEquals(expert.size, episodes[0][1] - episodes[0][0]);
    const mixed = episodes.slice(1, 4).reduce((n, [s, e]) => n + e - s, 0);
    assertEquals(suboptimal.size, randomFile.size + mixed);
    assertEquals(suboptimal.observations.subarray(0, 11), randomFile.observations.subarray(0, 11));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assertEquals(offlineIlMujocoExperiment.runs("full").length, 180);
  assertEquals(offlineIlMujocoExperiment.runs("quick").length, 0);
});
