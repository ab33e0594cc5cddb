/**
 * Dual RL experiments registered with `deno task repro dual` and run by notebooks/dual.ipynb:
 * - `offline-rl`: f-DVL (χ², TV) against IQL, XQL, CQL and BC on our Pendulum-v1 and MountainCarContinuous-v0
 *   datasets (data/dual/), D4RL normalised scores over seeds, learning curves, and V-loss spikes / NaNs (XQL's
 *   instability against f-DVL's);
 * - `offline-il`: ReCOIL against BC (expert only, all data), IQ-Learn-offline and SMODICE-style weighting, from one
 *   expert trajectory plus random data with expert trajectories mixed in unlabeled;
 * - `offline-rl-mujoco` and `offline-il-mujoco` (d4rl.ts, d4rl_imitation.ts): the same comparisons on D4RL's MuJoCo
 *   locomotion files (full scale, `REPRL_D4RL_DIR`), scored on lib/envs' MuJoCo Hopper / HalfCheetah / Walker2d-v4.
 *
 * The Pendulum and MountainCar datasets were made by our SAC agent (lib/agents) with {@link makeLevelDatasets}
 * (scripts/make_dual_datasets.ts regenerates them).
 *
 * @module
 */
import { loadDataset } from "../agents/mod.ts";
import type { Dataset } from "../agents/mod.ts";
import { makeEnv } from "../envs/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import type {
  Experiment,
  ExperimentReport,
  ResultTable,
  RunContext,
  RunSpec,
  Scale,
} from "../repro/experiment.ts";
import { seedRuns } from "../repro/experiment.ts";
import { checkOneOf } from "../core/errors.ts";
import { concatDatasets, type LevelEnvId, type ReferenceReturns, takeEpisodes } from "./datasets.ts";
import { offlineMujocoExperiment } from "./d4rl.ts";
import { ALGO_LABEL, logRecords, scoreCell, scoreCurves } from "./report.ts";
import { offlineIlMujocoExperiment } from "./d4rl_imitation.ts";
import { type OfflineAlgo, type OfflineConfig, type OfflineOptions, trainOffline } from "./offline.ts";
import { type ImitationAlgo, type ImitationConfig, trainImitation } from "./imitation.ts";

/**
 * Where the module's datasets live (data/dual/<env>-<level>.rds).
 *
 * @example
 * ```ts
 * import { DATA_DIR } from "./experiments.ts";
 * new URL("paper.json", DATA_DIR).pathname;
 * ```
 */
export const DATA_DIR: URL = new URL("../../data/dual/", import.meta.url);

/**
 * Shipped dataset levels (medium-expert is built as medium ++ expert).
 *
 * @example
 * ```ts
 * import type { ShippedLevel } from "./experiments.ts";
 * const level: ShippedLevel = "medium-replay";
 * ```
 */
export type ShippedLevel = "random" | "medium" | "medium-replay" | "expert" | "medium-expert";

/**
 * Environments with shipped datasets, by the files' prefix: data/dual/pendulum-*.rds (Pendulum-v1) and
 * data/dual/mountaincar-*.rds (MountainCarContinuous-v0), both made by our SAC agent with {@link makeLevelDatasets}.
 *
 * @example
 * ```ts
 * import { SHIPPED_ENVS } from "./experiments.ts";
 * SHIPPED_ENVS.mountaincar; // "MountainCarContinuous-v0"
 * ```
 */
export const SHIPPED_ENVS = {
  pendulum: "Pendulum-v1",
  mountaincar: "MountainCarContinuous-v0",
} as const satisfies Record<string, LevelEnvId>;
/** The prefix of a shipped environment's dataset files. */
export type ShippedEnv = keyof typeof SHIPPED_ENVS;

/**
 * Load one of the shipped datasets of `env` (made by our SAC agent; see data/dual/paper.json's `datasets`).
 *
 * @example
 * ```ts
 * import { loadShippedDataset } from "./experiments.ts";
 * const data = loadShippedDataset("mountaincar", "expert");
 * data.meta?.env; // "MountainCarContinuous-v0"
 * ```
 */
export function loadShippedDataset(env: ShippedEnv, level: ShippedLevel): Dataset {
  checkOneOf("env", env, Object.keys(SHIPPED_ENVS) as ShippedEnv[]);
  if (level === "medium-expert") {
    return concatDatasets([loadShippedDataset(env, "medium"), loadShippedDataset(env, "expert")], {
      level: "medium-expert",
    });
  }
  const allowed = ["random", "medium", "medium-replay", "expert"];
  if (!allowed.includes(level)) {
    throw new RangeError(
      `level must be one of ${allowed.join(", ")}, medium-expert; got ${JSON.stringify(level)}`,
    );
  }
  return loadDataset(new URL(`${env}-${level}.rds`, DATA_DIR).pathname);
}

/**
 * Load one of the shipped Pendulum-v1 datasets (made by our SAC agent; see data/dual/README in paper.json).
 *
 * @example
 * ```ts
 * import { loadPendulumDataset } from "./experiments.ts";
 * const data = loadPendulumDataset("medium-replay");
 * data.size; // 10000
 * ```
 */
export function loadPendulumDataset(level: ShippedLevel): Dataset {
  return loadShippedDataset("pendulum", level);
}

/**
 * Reference returns of a shipped environment's datasets (stored in each file's meta): the uniform policy's and the
 * expert snapshot's mean return over 50 episodes.
 *
 * @example
 * ```ts
 * import { shippedReference } from "./experiments.ts";
 * shippedReference("mountaincar").random; // ≈ −33 (uniform actions never reach the goal)
 * ```
 */
export function shippedReference(env: ShippedEnv): ReferenceReturns {
  const meta = loadShippedDataset(env, "random").meta ?? {};
  return { random: meta.ref_random as number, expert: meta.ref_expert as number };
}

/**
 * Reference returns of the shipped Pendulum datasets (stored in each file's meta).
 *
 * @example
 * ```ts
 * import { normalizedScore, pendulumReference } from "./mod.ts";
 * normalizedScore(-600, pendulumReference()); // ≈ 59
 * ```
 */
export function pendulumReference(): ReferenceReturns {
  return shippedReference("pendulum");
}

/**
 * The paper's hyperparameters are for MuJoCo (batch 1024, 256-256 nets, 1M steps); at quick scale the networks,
 * batches and step counts are cut to fit the budget on a 2-core CPU (400 updates: a smoke run, not enough for the
 * methods to separate on Pendulum), and rewards are scaled by the IQL rule 1000/(return range).
 *
 * Pendulum-v1, medium-replay: γ = 0.9 (Pendulum swings up within ~100 steps; rl-zoo's Pendulum PPO uses 0.9).
 * Measured with 2000 updates, 3 seeds, 20 evaluation episodes: f-DVL TV 11.5 / 13.9 / 11.7 against BC
 * −6.3 / 1.3 / −3.2, while f-DVL χ² with λ = 1 scored −20.0 / −18.8 / −27.5 (its dead band [max Q, min Q + 4]
 * leaves V loose).
 *
 * MountainCarContinuous-v0, medium-expert only: γ = 0.99 (the +100 goal reward is ~100 steps away), 400 updates,
 * about 1–3 minutes for the 18 runs (999-step evaluation episodes when a policy does not reach the goal). Measured
 * at 400 updates, seeds 0/1: f-DVL χ² 101.8 / 101.5, f-DVL TV 101.3 / 101.1, BC 98.6 / 98.2, IQL 85.8 / 93.0,
 * XQL 85.7 / 93.1, CQL −33.2 / −41.6. Medium-replay is left to the full scale: with 1000 updates on 3 seeds every
 * method's deterministic policy "does nothing" (score 26.0 = return ≈ 0; CQL 23.7–26.0), as the data's mean action
 * is near 0 away from the goal-reaching episodes; on expert data BC and IQL reach 98–99 in 400 updates.
 *
 * @example
 * ```ts
 * import { OFFLINE_SETTINGS } from "./experiments.ts";
 * OFFLINE_SETTINGS.quick.seeds; // 3
 * ```
 */
export const OFFLINE_SETTINGS: Record<Scale, {
  seeds: number;
  algos: OfflineAlgo[];
  envs: { env: ShippedEnv; levels: ShippedLevel[]; config: Omit<OfflineConfig, "algo">; evalEvery: number }[];
}> = {
  quick: {
    seeds: 3,
    algos: ["fdvl-chi2", "fdvl-tv", "iql", "xql", "cql", "bc"],
    envs: [
      {
        env: "pendulum",
        levels: ["medium-replay"],
        config: { gradientSteps: 400, batchSize: 256, hiddenSizes: [64, 64], lr: 1e-3, gamma: 0.9 },
        evalEvery: 200,
      },
      {
        env: "mountaincar",
        levels: ["medium-expert"],
        config: { gradientSteps: 400, batchSize: 256, hiddenSizes: [64, 64], lr: 1e-3, gamma: 0.99 },
        evalEvery: 200,
      },
    ],
  },
  full: {
    seeds: 5,
    algos: ["fdvl-chi2", "fdvl-tv", "iql", "xql", "xql-raw", "cql", "bc"],
    envs: (["pendulum", "mountaincar"] as const).map((env) => ({
      env,
      levels: ["random", "medium", "medium-replay", "medium-expert", "expert"],
      config: { gradientSteps: 100_000, batchSize: 256, hiddenSizes: [256, 256], lr: 3e-4, gamma: 0.99 },
      evalEvery: 5000,
    })),
  },
};

/**
 * Training options of a run on a shipped environment's data: 10 evaluation copies of that environment, normalised
 * scores from its datasets' reference returns, the run's seed.
 */
function runOptions(env: ShippedEnv, spec: RunSpec, ctx: RunContext, evalEvery: number): OfflineOptions {
  return {
    seed: spec.seed,
    evalEnv: makeEnv(SHIPPED_ENVS[env], { numEnvs: 10 }),
    evalEvery,
    reference: shippedReference(env),
    signal: ctx.signal,
    onProgress: ctx.onProgress,
  };
}

/** The paper's reported D4RL numbers are in data/dual/paper.json; none per-dataset could be retrieved here. */
const PAPER_NOTE =
  "Paper: Table 3 (offline RL, D4RL MuJoCo/AntMaze/Kitchen/Adroit) and Table 2 (offline IL) of arXiv 2302.08560 — " +
  "per-dataset values not retrieved (data/dual/paper.json); our datasets are Pendulum-v1 and " +
  "MountainCarContinuous-v0 data from our SAC agent, not D4RL, so the columns are not comparable number for number.";

/** The environment of an offline-RL record row (rows saved before MountainCar was added carry none: Pendulum). */
function envOf(row: RecordRow): ShippedEnv {
  return (row.env as ShippedEnv | undefined) ?? "pendulum";
}

/**
 * Offline RL on the shipped Pendulum-v1 and MountainCarContinuous-v0 datasets. Run keys are
 * `<level>/<algo>/seed=i` on Pendulum (as before MountainCar was added, so saved records stay valid) and
 * `mountaincar/<level>/<algo>/seed=i` on MountainCar; every record row carries `env`, `level` and `algo`.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "../repro/runner.ts";
 * import { offlineRlExperiment } from "./experiments.ts";
 * const { tables } = await runExperiment(offlineRlExperiment, { scale: "quick" });
 * ```
 */
export const offlineRlExperiment: Experiment = {
  module: "dual",
  name: "offline-rl",
  title:
    "f-DVL (χ², TV) vs IQL, XQL, CQL and BC on Pendulum-v1 and MountainCarContinuous-v0 datasets made by our agents",
  description:
    "D4RL-layout datasets (random / medium / medium-replay / expert, SAC snapshots) on Pendulum-v1 and " +
    "MountainCarContinuous-v0; normalised score 100·(R − R_random)/(R_expert − R_random) of the final policy " +
    "(10 evaluation episodes on the dataset's own environment).",
  runs(scale: Scale): RunSpec[] {
    const s = OFFLINE_SETTINGS[scale];
    return s.envs.flatMap(({ env, levels, config, evalEvery }) =>
      levels.flatMap((level) =>
        s.algos.flatMap((algo) =>
          seedRuns(
            env === "pendulum" ? `${level}/${algo}` : `${env}/${level}/${algo}`,
            s.seeds,
            { env, level, algo, ...config, evalEvery },
          )
        )
      )
    );
  },
  async execute(spec, ctx) {
    const { env = "pendulum", level, evalEvery, ...config } = spec.config as unknown as OfflineConfig & {
      env?: ShippedEnv;
      level: ShippedLevel;
      evalEvery: number;
    };
    const data = loadShippedDataset(env, level);
    const res = await trainOffline(data, config, runOptions(env, spec, ctx, evalEvery));
    logRecords(ctx, res.records, { env, level, algo: config.algo });
    // one step past training: (run, step) keys a record row, and the learner logged the last training step
    ctx.log((config.gradientSteps ?? 0) + 1, {
      env,
      level,
      algo: config.algo,
      kind: "final",
      loss_spikes: res.lossSpikes,
      diverged: res.divergedAt !== null,
      max_v_loss: res.maxVLoss,
    });
  },
  report(rows: RecordRow[], scale: Scale): ExperimentReport {
    const s = OFFLINE_SETTINGS[scale];
    const groups = s.envs.flatMap(({ env, levels }) =>
      levels.filter((level) => rows.some((r) => envOf(r) === env && r.level === level)).map((level) => ({
        env,
        level,
        rows: rows.filter((r) => envOf(r) === env && r.level === level),
      }))
    );
    const table: ResultTable = {
      title: "Offline RL on Pendulum-v1 and MountainCarContinuous-v0: final D4RL-normalised score, " +
        "mean [95% CI] over seeds",
      columns: [
        "env",
        "dataset",
        "algorithm",
        "seeds",
        "score",
        "V-loss spikes (sum)",
        "runs with NaN",
        "paper (D4RL)",
      ],
      rows: groups.flatMap(({ env, level, rows: mine }) =>
        s.algos.map((algo) => {
          const runs = mine.filter((r) => r.algo === algo);
          const ends = runs.filter((r) => r.kind === "final");
          const score = scoreCell(runs);
          return [
            SHIPPED_ENVS[env],
            level,
            ALGO_LABEL[algo] ?? algo,
            score.runs,
            score.cell,
            ends.reduce((a, r) => a + (r.loss_spikes as number), 0),
            ends.filter((r) => r.diverged === true).length,
            "not retrieved (Table 3)",
          ];
        })
      ),
      note: `Scale ${scale}: ` +
        s.envs.map(({ env, config: c }) =>
          `${
            SHIPPED_ENVS[env]
          } ${c.gradientSteps} gradient steps per run (the paper: 1M), batch ${c.batchSize}, ` +
          `nets ${JSON.stringify(c.hiddenSizes)}, γ = ${c.gamma}`
        ).join("; ") +
        ". A spike is a step whose |V loss| exceeds 10× the median of the previous 100 plus 1. " + PAPER_NOTE,
    };
    return {
      figures: groups.map(({ env, level, rows: mine }) => ({
        id: env === "pendulum" ? `curves-${level}` : `curves-${env}-${level}`,
        figure: scoreCurves(mine, s.algos, `Offline RL, ${SHIPPED_ENVS[env]} ${level}`),
        caption: "Mean and 95% CI over seeds of the normalised score of the deterministic policy.",
      })),
      tables: [table],
    };
  },
};

/**
 * Imitation settings per scale.
 *
 * @example
 * ```ts
 * import { IMITATION_SETTINGS } from "./experiments.ts";
 * IMITATION_SETTINGS.quick.algos[0]; // "recoil"
 * ```
 */
export const IMITATION_SETTINGS: Record<Scale, {
  seeds: number;
  settings: { name: string; suboptimal: "random" | "medium"; mixedExpertEpisodes: number }[];
  algos: ImitationAlgo[];
  config: Omit<ImitationConfig, "algo">;
  evalEvery: number;
}> = {
  quick: {
    seeds: 3,
    settings: [{ name: "random+expert", suboptimal: "random", mixedExpertEpisodes: 10 }],
    algos: ["recoil", "bc-expert", "bc-all", "iqlearn", "smodice"],
    config: { gradientSteps: 400, batchSize: 128, hiddenSizes: [64, 64], lr: 3e-3, gamma: 0.9, tau: 0.05 },
    evalEvery: 200,
  },
  full: {
    seeds: 5,
    settings: [
      { name: "random+expert", suboptimal: "random", mixedExpertEpisodes: 10 },
      { name: "medium+expert", suboptimal: "medium", mixedExpertEpisodes: 10 },
    ],
    algos: ["recoil", "recoil-chi2", "bc-expert", "bc-all", "iqlearn", "smodice"],
    config: {
      gradientSteps: 100_000,
      batchSize: 256,
      hiddenSizes: [256, 256],
      lr: 3e-4,
      gamma: 0.99,
      tau: 0.05,
    },
    evalEvery: 5000,
  },
};

/**
 * The imitation datasets: expert = the first episode of the expert data (200 transitions, 1 trajectory);
 * suboptimal = the random (or medium) data plus expert episodes 1…k, unlabeled.
 *
 * @example
 * ```ts
 * import { imitationData } from "./experiments.ts";
 * const { expert, suboptimal } = imitationData("random", 10);
 * expert.size; // 200
 * ```
 */
export function imitationData(suboptimal: "random" | "medium", mixedExpertEpisodes: number): {
  expert: Dataset;
  suboptimal: Dataset;
} {
  const all = loadPendulumDataset("expert");
  const expert = takeEpisodes(all, 0, 1);
  const parts = [loadPendulumDataset(suboptimal)];
  if (mixedExpertEpisodes > 0) parts.push(takeEpisodes(all, 1, mixedExpertEpisodes));
  return {
    expert,
    suboptimal: concatDatasets(parts, { level: `${suboptimal}+${mixedExpertEpisodes} expert` }),
  };
}

/**
 * Offline imitation from one expert trajectory and unlabeled mixed data.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "../repro/runner.ts";
 * import { offlineIlExperiment } from "./experiments.ts";
 * const { tables } = await runExperiment(offlineIlExperiment, { scale: "quick" });
 * ```
 */
export const offlineIlExperiment: Experiment = {
  module: "dual",
  name: "offline-il",
  title: "ReCOIL vs BC, IQ-Learn-offline and SMODICE-style from one expert trajectory + unlabeled mixed data",
  description:
    "Expert data: 1 trajectory (200 transitions) of our SAC expert on Pendulum-v1; suboptimal data: " +
    "10k random (or medium) transitions with 10 more expert trajectories mixed in unlabeled. Rewards unused.",
  runs(scale: Scale): RunSpec[] {
    const s = IMITATION_SETTINGS[scale];
    return s.settings.flatMap((setting) =>
      s.algos.flatMap((algo) =>
        seedRuns(`${setting.name}/${algo}`, s.seeds, { setting, algo, ...s.config, evalEvery: s.evalEvery })
      )
    );
  },
  async execute(spec, ctx) {
    const { setting, evalEvery, ...config } = spec.config as unknown as ImitationConfig & {
      setting: { name: string; suboptimal: "random" | "medium"; mixedExpertEpisodes: number };
      evalEvery: number;
    };
    const { expert, suboptimal } = imitationData(setting.suboptimal, setting.mixedExpertEpisodes);
    const res = await trainImitation(
      expert,
      suboptimal,
      config,
      runOptions("pendulum", spec, ctx, evalEvery),
    );
    logRecords(ctx, res.records, { setting: setting.name, algo: config.algo });
  },
  report(rows: RecordRow[], scale: Scale): ExperimentReport {
    const s = IMITATION_SETTINGS[scale];
    const settings = [...new Set(rows.map((r) => r.setting as string))];
    const table: ResultTable = {
      title: "Offline imitation on Pendulum-v1: final normalised score, mean [95% CI] over seeds",
      columns: ["setting", "algorithm", "seeds", "score", "paper (D4RL)"],
      rows: settings.flatMap((setting) =>
        s.algos.map((algo) => {
          const score = scoreCell(rows.filter((r) => r.setting === setting && r.algo === algo));
          return [
            setting,
            ALGO_LABEL[algo] ?? algo,
            score.runs,
            score.cell,
            "not retrieved (Table 2)",
          ];
        })
      ),
      note:
        `Scale ${scale}: ${s.config.gradientSteps} gradient steps (E and S batches of ${s.config.batchSize}). ` +
        "The paper's setting: 1 expert trajectory (1000 transitions) + D4RL random/medium data with 200 expert " +
        `trajectories mixed in. ${PAPER_NOTE}`,
    };
    return {
      figures: settings.map((setting) => ({
        id: `il-curves-${setting}`,
        figure: scoreCurves(
          rows.filter((r) => r.setting === setting),
          s.algos,
          `Offline imitation, ${setting}`,
        ),
        caption: "Mean and 95% CI over seeds.",
      })),
      tables: [table],
    };
  },
};

/**
 * Every dual experiment, in report order.
 *
 * @example
 * ```ts
 * import { dualExperiments } from "./experiments.ts";
 * dualExperiments.map((e) => e.name); // ["offline-rl", "offline-il", "offline-rl-mujoco", "offline-il-mujoco"]
 * ```
 */
export const dualExperiments: Experiment[] = [
  offlineRlExperiment,
  offlineIlExperiment,
  offlineMujocoExperiment,
  offlineIlMujocoExperiment,
];
