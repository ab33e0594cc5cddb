/**
 * The paper's offline-imitation protocol on D4RL MuJoCo locomotion (Sikchi et al., Sec. 6.2 / Table 2): the expert
 * data is one trajectory (1000 transitions) of D4RL's `-expert-v2` dataset; the suboptimal data is D4RL's random or
 * medium dataset with 200 more expert trajectories mixed in unlabeled; rewards are not used. ReCOIL against BC
 * (expert only, all data), IQ-Learn-offline and SMODICE-style weighting, scored on our MuJoCo v4 envs with D4RL's
 * normalisation. Full scale only: it needs D4RL's files (`REPRL_D4RL_DIR`); at quick scale it has no runs.
 *
 * @module
 */
import type { Dataset } from "../agents/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import type { Experiment, ExperimentReport, RunSpec, Scale } from "../repro/experiment.ts";
import { seedRuns } from "../repro/experiment.ts";
import { concatDatasets, takeEpisodes } from "./datasets.ts";
import { type D4rlTask, loadD4rl, mujocoRun } from "./d4rl.ts";
import { ALGO_LABEL, scoreCell, scoreCurves } from "./report.ts";
import { type ImitationAlgo, type ImitationConfig, trainImitation } from "./imitation.ts";

/** Settings of {@link offlineIlMujocoExperiment} per scale (quick: none, the D4RL files are needed). */
export const MUJOCO_IMITATION_SETTINGS: Record<Scale, {
  seeds: number;
  tasks: D4rlTask[];
  suboptimal: ("random" | "medium")[];
  /** Expert trajectories mixed into the suboptimal data (the paper: 200). */
  mixedExpertEpisodes: number;
  algos: ImitationAlgo[];
  config: Omit<ImitationConfig, "algo">;
  evalEvery: number;
  evalEpisodes: number;
}> = {
  quick: {
    seeds: 0,
    tasks: [],
    suboptimal: [],
    mixedExpertEpisodes: 200,
    algos: [],
    config: {},
    evalEvery: 1,
    evalEpisodes: 1,
  },
  full: {
    seeds: 5,
    tasks: ["hopper", "halfcheetah", "walker2d"],
    suboptimal: ["random", "medium"],
    mixedExpertEpisodes: 200,
    algos: ["recoil", "recoil-chi2", "bc-expert", "bc-all", "iqlearn", "smodice"],
    config: { gradientSteps: 1_000_000, batchSize: 256, hiddenSizes: [256, 256], lr: 3e-4, gamma: 0.99 },
    evalEvery: 10_000,
    evalEpisodes: 10,
  },
};

/**
 * The paper's imitation data from D4RL files: expert = episode 0 of `<task>-expert-v2`; suboptimal =
 * `<task>-<suboptimal>-v2` plus expert episodes 1…k, unlabeled.
 *
 * @example
 * ```ts ignore
 * import { d4rlImitationData } from "./d4rl_imitation.ts";
 * const { expert, suboptimal } = await d4rlImitationData("hopper", "random", 200, "/data/d4rl");
 * ```
 */
export async function d4rlImitationData(
  task: D4rlTask,
  suboptimal: "random" | "medium",
  mixedExpertEpisodes: number,
  dir?: string,
): Promise<{ expert: Dataset; suboptimal: Dataset }> {
  const all = await loadD4rl(task, "expert", dir);
  const parts = [await loadD4rl(task, suboptimal, dir)];
  if (mixedExpertEpisodes > 0) parts.push(takeEpisodes(all, 1, mixedExpertEpisodes));
  return {
    expert: takeEpisodes(all, 0, 1),
    suboptimal: concatDatasets(parts, { level: `${suboptimal}+${mixedExpertEpisodes} expert` }),
  };
}

/**
 * Offline imitation on D4RL MuJoCo locomotion (full scale; needs `REPRL_D4RL_DIR`).
 *
 * @example
 * ```ts
 * import { offlineIlMujocoExperiment } from "./d4rl_imitation.ts";
 * offlineIlMujocoExperiment.runs("full").length; // 3 tasks × 2 data mixes × 6 algorithms × 5 seeds = 180
 * ```
 */
export const offlineIlMujocoExperiment: Experiment = {
  module: "dual",
  name: "offline-il-mujoco",
  title: "ReCOIL vs BC, IQ-Learn-offline and SMODICE-style on D4RL MuJoCo (1 expert trajectory + mixed data)",
  description: "The paper's offline-imitation protocol on D4RL's -v2 files, scored on our MuJoCo v4 envs.",
  runs(scale: Scale): RunSpec[] {
    const s = MUJOCO_IMITATION_SETTINGS[scale];
    return s.tasks.flatMap((task) =>
      s.suboptimal.flatMap((sub) =>
        s.algos.flatMap((algo) =>
          seedRuns(`${task}-${sub}+expert/${algo}`, s.seeds, {
            task,
            suboptimal: sub,
            algo,
            ...s.config,
            evalEvery: s.evalEvery,
          })
        )
      )
    );
  },
  async execute(spec, ctx) {
    const s = MUJOCO_IMITATION_SETTINGS[ctx.scale];
    const { task, suboptimal, evalEvery, ...config } = spec.config as unknown as ImitationConfig & {
      task: D4rlTask;
      suboptimal: "random" | "medium";
      evalEvery: number;
    };
    const data = await d4rlImitationData(task, suboptimal, s.mixedExpertEpisodes);
    await mujocoRun(
      task,
      spec,
      ctx,
      { evalEvery, evalEpisodes: s.evalEpisodes },
      { task, suboptimal, algo: config.algo },
      (opts) => trainImitation(data.expert, data.suboptimal, config, opts),
    );
  },
  report(rows: RecordRow[], scale: Scale): ExperimentReport {
    const s = MUJOCO_IMITATION_SETTINGS[scale];
    const cells = s.tasks.flatMap((task) => s.suboptimal.map((sub) => ({ task, sub })));
    return {
      figures: cells.map(({ task, sub }) => ({
        id: `il-mujoco-${task}-${sub}`,
        figure: scoreCurves(
          rows.filter((r) => r.task === task && r.suboptimal === sub),
          s.algos,
          `Offline imitation, ${task}: ${sub} + ${s.mixedExpertEpisodes} expert trajectories`,
        ),
        caption: "Mean and 95% CI over seeds of the D4RL-normalised score.",
      })),
      tables: [{
        title: "Offline imitation on D4RL MuJoCo: final D4RL-normalised score, mean [95% CI] over seeds",
        columns: ["task", "suboptimal data", "algorithm", "seeds", "score", "paper (Table 2)"],
        rows: cells.flatMap(({ task, sub }) =>
          s.algos.map((algo) => {
            const { runs, cell } = scoreCell(
              rows.filter((r) => r.task === task && r.suboptimal === sub && r.algo === algo),
            );
            return [
              task,
              `${sub} + ${s.mixedExpertEpisodes} expert`,
              ALGO_LABEL[algo] ?? algo,
              runs,
              cell,
              "not reported in text available to us",
            ];
          })
        ),
        note: scale === "quick"
          ? "Full scale only: the runs read D4RL's -expert-v2, -random-v2 and -medium-v2 files from REPRL_D4RL_DIR."
          : `D4RL -v2 files, ${s.config.gradientSteps} gradient steps, evaluated on our MuJoCo v4 envs; the paper's ` +
            "Table 2 values could not be retrieved here.",
      }],
    };
  },
};
