import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { OFFLINE_SETTINGS, offlineRlExperiment } from "../../lib/dual/experiments.ts";
import type { RecordRow } from "../../lib/record/mod.ts";

Deno.test("offline-rl keeps the Pendulum run keys and adds MountainCar runs evaluated on MountainCar", async () => {
  const keys = offlineRlExperiment.runs("quick").map((r) => r.key);
  assert.ok(keys.includes("medium-replay/fdvl-tv/seed=0"), keys.join(" "));
  assert.ok(keys.includes("mountaincar/medium-expert/bc/seed=2"), keys.join(" "));
  assert.equal(keys.filter((k) => k.startsWith("mountaincar/")).length, keys.length / 2);
  // One MountainCar run through the experiment: BC on medium-expert (half of it from the expert) reaches the goal.
  const spec = offlineRlExperiment.runs("quick").find((r) =>
    r.key === "mountaincar/medium-expert/bc/seed=0"
  )!;
  const rows: RecordRow[] = [];
  await offlineRlExperiment.execute(spec, {
    rng: new Rng(0),
    scale: "quick",
    log: (step, metrics) => rows.push({ run: spec.key, seed: 0, step, ...metrics } as RecordRow),
  });
  assert.ok(rows.every((r) => r.env === "mountaincar" && r.level === "medium-expert"));
  const score = rows.filter((r) => typeof r.score === "number").at(-1)!.score as number;
  assert.ok(score > 80, `BC on MountainCar medium-expert: normalised score ${score}`);
  // The report labels each env; rows saved before MountainCar existed carry no env and count as Pendulum.
  // (Every algorithm gets the BC run's rows: the curves need points for each.)
  const all = OFFLINE_SETTINGS.quick.algos.flatMap((algo) => rows.map((r): RecordRow => ({ ...r, algo })));
  const old = all.map(({ env: _env, ...r }) => ({ ...r, level: "medium-replay" }) as RecordRow);
  const { tables, figures } = await offlineRlExperiment.report([...all, ...old], "quick");
  const envs = new Set(tables[0].rows.map((r) => r[0]));
  assert.deepEqual([...envs], ["Pendulum-v1", "MountainCarContinuous-v0"]);
  assert.deepEqual(figures.map((f) => f.id), ["curves-medium-replay", "curves-mountaincar-medium-expert"]);
});
