/**
 * Dual RL experiments registered with `deno task repro dual` and run by notebooks/dual.ipynb:
 * - `offline-rl`: f-DVL (χ², TV) against IQL, XQL, CQL and BC on our Pendulum-v1 datasets (data/dual/), D4RL
 *   normalised scores over seeds, learning curves, and V-loss spikes / NaNs (XQL's instability against f-DVL's);
 * - `offline-il`: ReCOIL against BC (expert only, all data), IQ-Learn-offline and SMODICE-style weighting, from one
 *   expert trajectory plus random data with expert trajectories mixed in unlabeled.
 *
 * The datasets were made by our SAC agent (lib/agents) with {@link makeLevelDatasets}; MuJoCo locomotion
 * (Hopper, HalfCheetah, Walker2d through npm:mujoco-js) is not part of this module yet, so no run here uses D4RL
 * data; {@link loadD4rlHdf5} reads D4RL files a user has, for full-scale runs elsewhere.
 *
 * @module
 */
import { loadDataset } from "../agents/mod.ts";
import type { Dataset } from "../agents/mod.ts";
import { makeEnv } from "../envs/mod.ts";
import { bandFromRows, lineWithBand } from "../plot/line.ts";
import { aggregate, lastPerRun, meanCi95 } from "../record/mod.ts";
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
import { concatDatasets, takeEpisodes } from "./datasets.ts";
import { type OfflineAlgo, type OfflineConfig, type OfflineOptions, trainOffline } from "./offline.ts";
import { type ImitationAlgo, type ImitationConfig, trainImitation } from "./imitation.ts";

/**
 * Where the module's datasets live (data/dual/pendulum-<level>.rds).
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
  if (level === "medium-expert") {
    return concatDatasets([loadPendulumDataset("medium"), loadPendulumDataset("expert")], {
      level: "medium-expert",
    });
  }
  const allowed = ["random", "medium", "medium-replay", "expert"];
  if (!allowed.includes(level)) {
    throw new RangeError(
      `level must be one of ${allowed.join(", ")}, medium-expert; got ${JSON.stringify(level)}`,
    );
  }
  return loadDataset(new URL(`pendulum-${level}.rds`, DATA_DIR).pathname);
}

/**
 * Reference returns of the shipped datasets (stored in each file's meta).
 *
 * @example
 * ```ts
 * import { normalizedScore, pendulumReference } from "./mod.ts";
 * normalizedScore(-600, pendulumReference()); // ≈ 59
 * ```
 */
export function pendulumReference(): { random: number; expert: number } {
  const meta = loadPendulumDataset("random").meta ?? {};
  return { random: meta.ref_random as number, expert: meta.ref_expert as number };
}

/**
 * The paper's hyperparameters are for MuJoCo (batch 1024, 256-256 nets, 1M steps); at quick scale the networks,
 * batches and step counts are cut to fit the 3-minute budget on a 2-core CPU (400 updates: a smoke run, not
 * enough for the methods to separate), γ = 0.9 (Pendulum swings up within ~100 steps; rl-zoo's Pendulum PPO
 * uses 0.9) and rewards are scaled by the IQL rule 1000/(return range). Measured with 2000 updates, 3 seeds,
 * 20 evaluation episodes: f-DVL TV 11.5 / 13.9 / 11.7 against BC −6.3 / 1.3 / −3.2 on medium-replay, while
 * f-DVL χ² with λ = 1 scored −20.0 / −18.8 / −27.5 (its dead band [max Q, min Q + 4] leaves V loose).
 *
 * @example
 * ```ts
 * import { OFFLINE_SETTINGS } from "./experiments.ts";
 * OFFLINE_SETTINGS.quick.seeds; // 3
 * ```
 */
export const OFFLINE_SETTINGS: Record<Scale, {
  seeds: number;
  levels: ShippedLevel[];
  algos: OfflineAlgo[];
  config: Omit<OfflineConfig, "algo">;
  evalEvery: number;
}> = {
  quick: {
    seeds: 3,
    levels: ["medium-replay"],
    algos: ["fdvl-chi2", "fdvl-tv", "iql", "xql", "cql", "bc"],
    config: { gradientSteps: 400, batchSize: 256, hiddenSizes: [64, 64], lr: 1e-3, gamma: 0.9 },
    evalEvery: 200,
  },
  full: {
    seeds: 5,
    levels: ["random", "medium", "medium-replay", "medium-expert", "expert"],
    algos: ["fdvl-chi2", "fdvl-tv", "iql", "xql", "xql-raw", "cql", "bc"],
    config: { gradientSteps: 100_000, batchSize: 256, hiddenSizes: [256, 256], lr: 3e-4, gamma: 0.99 },
    evalEvery: 5000,
  },
};

const ALGO_LABEL: Record<string, string> = {
  "fdvl-chi2": "f-DVL χ²",
  "fdvl-tv": "f-DVL TV",
  iql: "IQL",
  xql: "XQL",
  "xql-raw": "XQL (no clip/rescale)",
  cql: "CQL",
  bc: "BC",
  recoil: "ReCOIL",
  "recoil-chi2": "ReCOIL χ² dual-Q",
  iqlearn: "IQ-Learn (offline)",
  smodice: "SMODICE-style",
  "bc-expert": "BC (expert only)",
  "bc-all": "BC (all data)",
};

function fmt(x: number | undefined | null, d = 1): string {
  return x === undefined || x === null || !Number.isFinite(x) ? "—" : x.toFixed(d);
}

/** Training options of a run on the Pendulum-v1 data: 10 evaluation copies, normalised scores, the run's seed. */
function pendulumRunOptions(spec: RunSpec, ctx: RunContext, evalEvery: number): OfflineOptions {
  return {
    seed: spec.seed,
    evalEnv: makeEnv("Pendulum-v1", { numEnvs: 10 }),
    evalEvery,
    reference: pendulumReference(),
    signal: ctx.signal,
    onProgress: ctx.onProgress,
  };
}

/** Forward a learner's record rows to the run log, tagged (the learner's own run/seed fields dropped). */
function logRecords(ctx: RunContext, records: RecordRow[], tags: Record<string, string>): void {
  for (const r of records) {
    const { run: _run, seed: _seed, step, ...metrics } = r;
    ctx.log(step as number, { ...tags, ...metrics } as Record<string, number | string | boolean>);
  }
}

/** Seeds and "mean [95% CI]" of the last logged score of each run in `rows`. */
function finalScore(rows: RecordRow[]): [number, string] {
  const sc = lastPerRun(rows.filter((r) => typeof r.score === "number"), "score").map((r) =>
    r.score as number
  );
  if (sc.length >= 2) {
    const ci = meanCi95(sc);
    return [sc.length, `${fmt(ci.mean)} [${fmt(ci.lo)}, ${fmt(ci.hi)}]`];
  }
  return [sc.length, sc.length === 1 ? fmt(sc[0]) : "—"];
}

function curves(rows: RecordRow[], algos: string[], title: string) {
  const points = aggregate(rows.filter((r) => typeof r.score === "number"), {
    metric: "score",
    groupBy: ["algo"],
  });
  return lineWithBand({
    series: algos.map((algo) => {
      const p = points.filter((r) => r.algo === algo);
      return bandFromRows(ALGO_LABEL[algo] ?? algo, p);
    }),
    title,
    xTitle: "gradient steps",
    yTitle: "D4RL-normalised score",
  });
}

/** The paper's reported D4RL numbers are in data/dual/paper.json; none per-dataset could be retrieved here. */
const PAPER_NOTE =
  "Paper: Table 3 (offline RL, D4RL MuJoCo/AntMaze/Kitchen/Adroit) and Table 2 (offline IL) of arXiv 2302.08560 — " +
  "per-dataset values not retrieved (data/dual/paper.json); our datasets are Pendulum-v1 data from our SAC " +
  "agent, not D4RL, so the columns are not comparable number for number.";

/**
 * Offline RL on the shipped Pendulum-v1 datasets.
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
  title: "f-DVL (χ², TV) vs IQL, XQL, CQL and BC on Pendulum-v1 datasets made by our agents",
  description:
    "D4RL-layout datasets (random / medium / medium-replay / expert, SAC snapshots) on Pendulum-v1; " +
    "normalised score 100·(R − R_random)/(R_expert − R_random) of the final policy (10 evaluation episodes).",
  runs(scale: Scale): RunSpec[] {
    const s = OFFLINE_SETTINGS[scale];
    return s.levels.flatMap((level) =>
      s.algos.flatMap((algo) =>
        seedRuns(`${level}/${algo}`, s.seeds, { level, algo, ...s.config, evalEvery: s.evalEvery })
      )
    );
  },
  async execute(spec, ctx) {
    const { level, evalEvery, ...config } = spec.config as unknown as OfflineConfig & {
      level: ShippedLevel;
      evalEvery: number;
    };
    const data = loadPendulumDataset(level);
    const res = await trainOffline(data, config, pendulumRunOptions(spec, ctx, evalEvery));
    logRecords(ctx, res.records, { level, algo: config.algo });
    ctx.log(config.gradientSteps ?? 0, {
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
    const levels = [...new Set(rows.map((r) => r.level as string))];
    const table: ResultTable = {
      title: "Offline RL on Pendulum-v1: final D4RL-normalised score, mean [95% CI] over seeds",
      columns: [
        "dataset",
        "algorithm",
        "seeds",
        "score",
        "V-loss spikes (sum)",
        "runs with NaN",
        "paper (D4RL)",
      ],
      rows: levels.flatMap((level) =>
        s.algos.map((algo) => {
          const mine = rows.filter((r) => r.level === level && r.algo === algo);
          const ends = mine.filter((r) => r.kind === "final");
          return [
            level,
            ALGO_LABEL[algo] ?? algo,
            ...finalScore(mine),
            ends.reduce((a, r) => a + (r.loss_spikes as number), 0),
            ends.filter((r) => r.diverged === true).length,
            "not retrieved (Table 3)",
          ];
        })
      ),
      note:
        `Scale ${scale}: ${s.config.gradientSteps} gradient steps per run (the paper: 1M), batch ${s.config.batchSize}, ` +
        `nets ${
          JSON.stringify(s.config.hiddenSizes)
        }, γ = ${s.config.gamma}. A spike is a step whose |V loss| exceeds ` +
        `10× the median of the previous 100 plus 1. ${PAPER_NOTE}`,
    };
    return {
      figures: levels.map((level) => ({
        id: `curves-${level}`,
        figure: curves(rows.filter((r) => r.level === level), s.algos, `Offline RL, Pendulum-v1 ${level}`),
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
    const res = await trainImitation(expert, suboptimal, config, pendulumRunOptions(spec, ctx, evalEvery));
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
          return [
            setting,
            ALGO_LABEL[algo] ?? algo,
            ...finalScore(rows.filter((r) => r.setting === setting && r.algo === algo)),
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
        figure: curves(rows.filter((r) => r.setting === setting), s.algos, `Offline imitation, ${setting}`),
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
 * dualExperiments.map((e) => e.name); // ["offline-rl", "offline-il"]
 * ```
 */
export const dualExperiments: Experiment[] = [offlineRlExperiment, offlineIlExperiment];
