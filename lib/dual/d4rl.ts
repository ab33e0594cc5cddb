/**
 * D4RL MuJoCo locomotion for the dual module: the D4RL reference returns (d4rl/infos.py's REF_MIN_SCORE and
 * REF_MAX_SCORE for hopper, halfcheetah and walker2d), where a user's D4RL HDF5 files are looked up
 * (`REPRL_D4RL_DIR`), and the `offline-rl-mujoco` experiment: f-DVL (χ², TV) against IQL, XQL, CQL and BC on
 * D4RL's `-v2` datasets, evaluated on lib/envs' MuJoCo Hopper / HalfCheetah / Walker2d-v4 (the same compiled model,
 * reward and observation as Gymnasium's v4 tasks, which share the v3 model D4RL's v2 data came from).
 *
 * The datasets cannot be downloaded here (no network beyond the npm registry), so the full scale runs only where
 * the files are on disk. The quick scale runs the same pipeline on a dataset we make: uniformly random actions on our
 * Hopper-v4 (not D4RL's hopper-random, which comes from a randomly initialised SAC policy).
 *
 * @module
 */
import { collect, type Dataset } from "../agents/mod.ts";
import { checkOneOf, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { makeMujocoEnv, type MujocoId } from "../envs/mujoco/make_mujoco_env.ts";
import type { RecordRow } from "../record/mod.ts";
import type { Experiment, ExperimentReport, RunContext, RunSpec, Scale } from "../repro/experiment.ts";
import { seedRuns } from "../repro/experiment.ts";
import { deinterleave, loadD4rlHdf5, type ReferenceReturns } from "./datasets.ts";
import { ALGO_LABEL, logRecords, scoreCell, scoreCurves } from "./report.ts";
import type { OfflineOptions } from "./loop.ts";
import { type OfflineAlgo, type OfflineConfig, trainOffline } from "./offline.ts";

/** The D4RL locomotion tasks with a MuJoCo env here. */
export const D4RL_TASKS = ["hopper", "halfcheetah", "walker2d"] as const;

/** A D4RL locomotion task. */
export type D4rlTask = typeof D4RL_TASKS[number];

/**
 * D4RL's reference returns for the normalised score 100·(R − random)/(expert − random) (d4rl/infos.py).
 *
 * @example
 * ```ts
 * import { D4RL_REFERENCE } from "./d4rl.ts";
 * import { normalizedScore } from "./datasets.ts";
 * normalizedScore(3234.3, D4RL_REFERENCE.hopper); // 100
 * ```
 */
export const D4RL_REFERENCE: Readonly<Record<D4rlTask, Readonly<ReferenceReturns>>> = Object.freeze({
  hopper: Object.freeze({ random: -20.272305, expert: 3234.3 }),
  halfcheetah: Object.freeze({ random: -280.178953, expert: 12135.0 }),
  walker2d: Object.freeze({ random: 1.629008, expert: 4592.3 }),
});

/** The env each D4RL task is evaluated on. */
export const D4RL_ENV_ID: Readonly<Record<D4rlTask, MujocoId>> = Object.freeze({
  hopper: "Hopper-v4",
  halfcheetah: "HalfCheetah-v4",
  walker2d: "Walker2d-v4",
});

/** D4RL's locomotion dataset levels. */
export const D4RL_LEVELS = ["random", "medium", "medium-replay", "medium-expert", "expert"] as const;

/** A D4RL locomotion dataset level. */
export type D4rlLevel = typeof D4RL_LEVELS[number];

/**
 * The file names a D4RL dataset may have on disk: `<task>-<level>-v2.hdf5` and D4RL's own download name
 * (`<task>_<level with _>-v2.hdf5`, e.g. `hopper_medium_replay-v2.hdf5`).
 *
 * @example
 * ```ts
 * import { d4rlFileNames } from "./d4rl.ts";
 * d4rlFileNames("hopper", "medium-replay"); // ["hopper-medium-replay-v2.hdf5", "hopper_medium_replay-v2.hdf5"]
 * ```
 */
export function d4rlFileNames(task: D4rlTask, level: D4rlLevel): string[] {
  checkOneOf("task", task, D4RL_TASKS);
  checkOneOf("level", level, D4RL_LEVELS);
  return [`${task}-${level}-v2.hdf5`, `${task}_${level.replaceAll("-", "_")}-v2.hdf5`];
}

/**
 * Read D4RL's `<task>-<level>-v2` dataset from `dir` (default: the `REPRL_D4RL_DIR` environment variable) by
 * either of its {@link d4rlFileNames}; the dataset's `meta` gets `env`, `level`, `ref_random` and `ref_expert`.
 * Throws an Error naming the folder, the names looked for and where D4RL publishes the files when none is there.
 *
 * @example
 * ```ts ignore
 * import { loadD4rl } from "./d4rl.ts";
 * const data = await loadD4rl("hopper", "medium", "/data/d4rl");
 * ```
 */
export async function loadD4rl(task: D4rlTask, level: D4rlLevel, dir?: string): Promise<Dataset> {
  const names = d4rlFileNames(task, level);
  const folder = dir ?? Deno.env.get("REPRL_D4RL_DIR");
  if (folder === undefined || folder === "") {
    throw new Error(
      `no D4RL folder: pass dir or set REPRL_D4RL_DIR to a folder holding ${
        names[1]
      } (D4RL publishes it under ` +
        `http://rail.eecs.berkeley.edu/datasets/offline_rl/gym_mujoco_v2/)`,
    );
  }
  if (typeof folder !== "string") throw new TypeError(`dir must be a string, got ${describe(folder)}`);
  for (const name of names) {
    const path = `${folder.replace(/\/+$/, "")}/${name}`;
    try {
      Deno.statSync(path);
    } catch {
      continue;
    }
    const data = await loadD4rlHdf5(path);
    const ref = D4RL_REFERENCE[task];
    data.meta = {
      ...data.meta,
      env: D4RL_ENV_ID[task],
      level,
      ref_random: ref.random,
      ref_expert: ref.expert,
    };
    return data;
  }
  throw new Error(`dir ${folder} holds neither ${names.join(" nor ")}`);
}

/** Settings of {@link offlineMujocoExperiment} per scale. */
export const MUJOCO_OFFLINE_SETTINGS: Record<Scale, {
  seeds: number;
  /** Datasets: D4RL's, or (quick) "ours-random" = uniformly random actions on our Hopper-v4. */
  datasets: { task: D4rlTask; level: D4rlLevel | "ours-random" }[];
  algos: OfflineAlgo[];
  config: Omit<OfflineConfig, "algo">;
  evalEvery: number;
  evalEpisodes: number;
  /** Transitions of the "ours-random" dataset. */
  randomSize: number;
}> = {
  quick: {
    seeds: 2,
    datasets: [{ task: "hopper", level: "ours-random" }],
    algos: ["fdvl-chi2", "fdvl-tv", "bc"],
    config: { gradientSteps: 600, batchSize: 256, hiddenSizes: [64, 64], lr: 1e-3, gamma: 0.99 },
    evalEvery: 300,
    evalEpisodes: 5,
    randomSize: 20_000,
  },
  // The paper's D4RL MuJoCo protocol (1M gradient steps in the official code; 256-256 nets, batch 256 here as IQL),
  // on the three -v2 datasets IQL and f-DVL both report. Needs the files (REPRL_D4RL_DIR) and a fast backend.
  full: {
    seeds: 5,
    datasets: D4RL_TASKS.flatMap((task) =>
      (["medium", "medium-replay", "medium-expert"] as const).map((level) => ({ task, level }))
    ),
    algos: ["fdvl-chi2", "fdvl-tv", "iql", "xql", "cql", "bc"],
    config: { gradientSteps: 1_000_000, batchSize: 256, hiddenSizes: [256, 256], lr: 3e-4, gamma: 0.99 },
    evalEvery: 10_000,
    evalEpisodes: 10,
    randomSize: 1_000_000,
  },
};

/**
 * Uniformly random actions on our Hopper-v4 (10 copies), D4RL layout (whole episodes, contiguous; so a little
 * under `size` transitions), with D4RL's Hopper reference returns in
 * `meta` so scores are on D4RL's scale. Made once per size and seed in a process (cached; treat it as read-only).
 *
 * @example
 * ```ts ignore
 * import { hopperRandomDataset } from "./d4rl.ts";
 * const data = await hopperRandomDataset(5000, 0);
 * ```
 */
export function hopperRandomDataset(size: number, seed: number): Promise<Dataset> {
  const key = `${size}/${seed}`;
  let data = randomCache.get(key);
  if (data === undefined) {
    data = makeHopperRandom(size, seed);
    randomCache.set(key, data);
    data.catch(() => randomCache.delete(key));
  }
  return data;
}

const randomCache = new Map<string, Promise<Dataset>>();

async function makeHopperRandom(size: number, seed: number): Promise<Dataset> {
  const env = await makeMujocoEnv("Hopper-v4", { numEnvs: 10 });
  try {
    const ref = D4RL_REFERENCE.hopper;
    const data = collect(env, "random", size, new Rng(seed), {
      meta: { env: "Hopper-v4", level: "ours-random", ref_random: ref.random, ref_expert: ref.expert, seed },
    });
    // contiguous episodes, as D4RL stores them (each copy's unfinished last episode dropped)
    return deinterleave(data, 10, { wholeEpisodes: true });
  } finally {
    env.close();
  }
}

/**
 * One MuJoCo run's plumbing, shared by the D4RL experiments: an evaluation env of `evalEpisodes` copies of the
 * task's MuJoCo env, the run's training options (seed, D4RL reference, progress, stop), the learner's record rows
 * forwarded to the run log with `tags`, and the env closed afterwards. Returns what `train` returned.
 *
 * @example
 * ```ts ignore
 * await mujocoRun("hopper", spec, ctx, { evalEvery: 100, evalEpisodes: 5 }, { algo: "bc" }, (opts) =>
 *   trainOffline(data, { algo: "bc" }, opts));
 * ```
 */
export async function mujocoRun<R extends { records: RecordRow[] }>(
  task: D4rlTask,
  spec: RunSpec,
  ctx: RunContext,
  evaluation: { evalEvery: number; evalEpisodes: number },
  tags: Record<string, string>,
  train: (opts: OfflineOptions) => Promise<R>,
): Promise<R> {
  const evalEnv = await makeMujocoEnv(D4RL_ENV_ID[task], { numEnvs: evaluation.evalEpisodes });
  try {
    const res = await train({
      seed: spec.seed,
      evalEnv,
      evalEvery: evaluation.evalEvery,
      evalEpisodes: evaluation.evalEpisodes,
      reference: D4RL_REFERENCE[task],
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    });
    logRecords(ctx, res.records, tags);
    return res;
  } finally {
    evalEnv.close();
  }
}

/** IQL's published D4RL scores (data/dual/paper.json `iql_d4rl_reference`), the baseline f-DVL is compared with. */
async function iqlPublished(): Promise<Record<string, number>> {
  const paper = JSON.parse(await Deno.readTextFile(new URL("../../data/dual/paper.json", import.meta.url)));
  const entry = (paper.numbers as { id: string; value: unknown }[]).find((n) =>
    n.id === "iql_d4rl_reference"
  );
  return (entry?.value ?? {}) as Record<string, number>;
}

/**
 * Offline RL on MuJoCo locomotion: D4RL's datasets at full scale (from `REPRL_D4RL_DIR`), our Hopper random data at
 * quick scale; D4RL-normalised score of the deterministic policy on our MuJoCo envs.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "../repro/runner.ts";
 * import { offlineMujocoExperiment } from "./d4rl.ts";
 * const { tables } = await runExperiment(offlineMujocoExperiment, { scale: "quick" });
 * ```
 */
export const offlineMujocoExperiment: Experiment = {
  module: "dual",
  name: "offline-rl-mujoco",
  title: "f-DVL vs IQL, XQL, CQL and BC on MuJoCo locomotion (D4RL at full scale)",
  description:
    "D4RL-normalised score on our MuJoCo Hopper/HalfCheetah/Walker2d-v4 of policies learned offline.",
  runs(scale: Scale): RunSpec[] {
    const s = MUJOCO_OFFLINE_SETTINGS[scale];
    return s.datasets.flatMap(({ task, level }) =>
      s.algos.flatMap((algo) =>
        seedRuns(`${task}-${level}/${algo}`, s.seeds, {
          task,
          level,
          algo,
          ...s.config,
          evalEvery: s.evalEvery,
        })
      )
    );
  },
  async execute(spec, ctx) {
    const s = MUJOCO_OFFLINE_SETTINGS[ctx.scale];
    const { task, level, evalEvery, ...config } = spec.config as unknown as OfflineConfig & {
      task: D4rlTask;
      level: D4rlLevel | "ours-random";
      evalEvery: number;
    };
    const data = level === "ours-random"
      ? await hopperRandomDataset(s.randomSize, 0)
      : await loadD4rl(task, level);
    const res = await mujocoRun(
      task,
      spec,
      ctx,
      { evalEvery, evalEpisodes: s.evalEpisodes },
      { task, level, algo: config.algo },
      (opts) => trainOffline(data, config, opts),
    );
    // one step past training: (run, step) keys a record row, and the learner logged the last training step
    ctx.log((config.gradientSteps ?? 0) + 1, {
      task,
      level,
      algo: config.algo,
      kind: "final",
      loss_spikes: res.lossSpikes,
      diverged: res.divergedAt !== null,
    });
  },
  async report(rows: RecordRow[], scale: Scale): Promise<ExperimentReport> {
    const s = MUJOCO_OFFLINE_SETTINGS[scale];
    const iql = await iqlPublished();
    const tableRows = s.datasets.flatMap(({ task, level }) =>
      s.algos.map((algo) => {
        const mine = rows.filter((r) => r.task === task && r.level === level && r.algo === algo);
        const { runs, cell } = scoreCell(mine);
        const published = algo === "iql" ? iql[`${task}-${level}-v2`] : undefined;
        return [
          `${task}-${level}`,
          ALGO_LABEL[algo] ?? algo,
          runs,
          cell,
          mine.filter((r) => r.kind === "final" && r.diverged === true).length,
          published === undefined ? "not reported in text available to us" : `IQL paper: ${published}`,
        ];
      })
    );
    const figures = s.datasets.map(({ task, level }) => ({
      id: `mujoco-${task}-${level}`,
      figure: scoreCurves(
        rows.filter((r) => r.task === task && r.level === level),
        s.algos,
        `Offline RL, ${task}-${level} (our MuJoCo ${D4RL_ENV_ID[task]})`,
      ),
      caption: "Mean and 95% CI over seeds of the D4RL-normalised score of the deterministic policy.",
    }));
    return {
      figures,
      tables: [{
        title: "Offline RL on MuJoCo locomotion: final D4RL-normalised score, mean [95% CI] over seeds",
        columns: ["dataset", "algorithm", "seeds", "score", "runs with NaN", "published"],
        rows: tableRows,
        note: scale === "quick"
          ? `Quick scale: ${s.randomSize} transitions of uniformly random actions on our Hopper-v4 (not D4RL's ` +
            `hopper-random), ${s.config.gradientSteps} gradient steps, nets ${
              JSON.stringify(s.config.hiddenSizes)
            }: ` +
            "a pipeline check (data, MuJoCo evaluation, D4RL normalisation), not a comparison. The full scale runs " +
            "D4RL's -v2 files from REPRL_D4RL_DIR; f-DVL's own per-dataset numbers (Table 3 of the paper) were " +
            "not retrievable here."
          : `D4RL -v2 datasets, ${s.config.gradientSteps} gradient steps, evaluated on our MuJoCo v4 envs. ` +
            "f-DVL's own per-dataset numbers (Table 3 of the paper) were not retrievable here; IQL's are from its paper.",
      }],
    };
  },
};
