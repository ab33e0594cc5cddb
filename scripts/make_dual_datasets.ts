/**
 * Regenerate the dual module's shipped offline datasets, data/dual/<prefix>-<level>.rds for random, medium,
 * medium-replay and expert (medium-expert is built on load as medium ++ expert), with
 * `makeLevelDatasets` (lib/dual/datasets.ts; SAC snapshots, seed 0, 10 000 transitions per level):
 *
 *   deno run -A scripts/make_dual_datasets.ts [pendulum] [mountaincar] [--out DIR] [--check]
 *
 * With no env named, both are made. `--out` writes elsewhere (default data/dual/); `--check` writes nothing and
 * reports whether each regenerated file is byte-identical to the shipped one. Pendulum takes about 2 minutes of
 * CPU, MountainCarContinuous about 2–3 (2 shared cores); both are deterministic for a given seed and TensorFlow.js
 * backend (wasm here). Checked: Pendulum random, medium and expert regenerate byte-identical (same reference
 * returns and snapshots); the shipped pendulum-medium-replay.rds does not (same sources, 5), so it was made by
 * an earlier version of the code than this repository's history holds; the MountainCar files were written by it.
 *
 * @module
 */
import { datasetToBytes, saveDataset } from "../lib/agents/mod.ts";
import { type LevelDatasetOptions, type LevelEnvId, makeLevelDatasets } from "../lib/dual/datasets.ts";

const ENVS: Record<string, LevelEnvId> = { pendulum: "Pendulum-v1", mountaincar: "MountainCarContinuous-v0" };
/**
 * Options besides the env: the shipped Pendulum medium was picked closest to 70 normalised (the snapshot at 4000
 * steps, 66.9; the default 40 would pick 3000 steps, 24.1), MountainCar's with the default 40.
 */
const OPTIONS: Record<string, LevelDatasetOptions> = { pendulum: { mediumScore: 70 }, mountaincar: {} };
const SHIPPED = ["random", "medium", "medium-replay", "expert"] as const;

if (import.meta.main) {
  let check = false;
  let out = new URL("../data/dual/", import.meta.url).pathname;
  const names: string[] = [];
  for (let i = 0; i < Deno.args.length; i++) {
    const arg = Deno.args[i];
    if (arg === "--check") check = true;
    else if (arg === "--out") out = Deno.args[++i];
    else names.push(arg);
  }
  const wanted = names.length > 0 ? names : Object.keys(ENVS);
  for (const name of wanted) {
    if (!(name in ENVS)) {
      throw new RangeError(`env must be one of ${Object.keys(ENVS).join(", ")}, got ${name}`);
    }
    const t0 = performance.now();
    const { datasets, reference, snapshots } = await makeLevelDatasets({
      ...OPTIONS[name],
      envId: ENVS[name],
    });
    const secs = ((performance.now() - t0) / 1000).toFixed(0);
    console.log(`${name}: ${secs} s, reference ${JSON.stringify(reference)}`);
    console.log(`  snapshots: ${snapshots.map((s) => `${s.step}:${s.mean.toFixed(1)}`).join(" ")}`);
    for (const level of SHIPPED) {
      const data = datasets[level];
      data.meta = { ...data.meta, layout: "episodes contiguous (deinterleaved from 10 lockstep copies)" };
      const path = `${out.replace(/\/$/, "")}/${name}-${level}.rds`;
      const m = data.meta;
      const info =
        `${level}: ${data.size} transitions, ${m.episodes} episodes, mean return ${m.mean_return}` +
        (m.step !== undefined ? `, snapshot at step ${m.step}` : "");
      if (check) {
        let same = false;
        try {
          const shipped = Deno.readFileSync(path);
          const fresh = datasetToBytes(data);
          same = shipped.length === fresh.length && shipped.every((b, i) => b === fresh[i]);
        } catch (e) {
          if (!(e instanceof Deno.errors.NotFound)) throw e;
        }
        console.log(`  ${info} — ${same ? "identical to" : "DIFFERS from"} ${path}`);
      } else {
        saveDataset(path, data);
        console.log(`  ${info} → ${path}`);
      }
    }
  }
}
