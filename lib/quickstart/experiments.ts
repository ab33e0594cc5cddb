/**
 * The quickstart experiment: tabular Q-learning on a small gridworld with lava, across seeds and slip
 * probabilities, checked against the exact optimum from value iteration. It exercises every shared part: seeded
 * RNG, tabular MDPs, run records, aggregation with confidence intervals, figures and tables.
 *
 * @module
 */
import { bandFromRows, lineWithBand } from "../plot/line.ts";
import { heatmap } from "../plot/heatmap.ts";
import { aggregate, lastPerRun, meanCi95 } from "../record/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import {
  evaluatePolicy,
  greedyPolicy,
  gridworld,
  qLearning,
  valueGrid,
  valueIteration,
} from "../tabular/mod.ts";
import type { Gridworld } from "../tabular/mod.ts";
import { checkInRange } from "../core/errors.ts";
import type { Experiment, ExperimentReport, ResultTable, RunSpec, Scale } from "../repro/experiment.ts";
import { seedRuns } from "../repro/experiment.ts";

/** The quickstart map: `S` start, `G` goal (+1), `L` lava (−1), `#` walls; every step costs 0.01. */
export const QUICKSTART_MAP: readonly string[] = [
  "#########",
  "#S..#...#",
  "#.#.#.#.#",
  "#.#...#.#",
  "#.LL#L#G#",
  "#########",
];

/** Horizon of the quickstart gridworld (steps per episode). */
export const QUICKSTART_HORIZON = 40;

/**
 * The quickstart gridworld at a slip probability (with probability `slip` a uniformly random action is executed).
 *
 * @example
 * ```ts
 * import { quickstartGrid } from "./experiments.ts";
 * const grid = quickstartGrid(0.1);
 * grid.mdp.numStates; // 23 non-wall cells
 * ```
 */
export function quickstartGrid(slip: number): Gridworld {
  checkInRange("slip", slip, { min: 0, max: 1 });
  return gridworld(QUICKSTART_MAP, { horizon: QUICKSTART_HORIZON, slip, stepReward: -0.01 });
}

/** Sweep settings of the Q-learning experiment at each scale. */
export const Q_LEARNING_SETTINGS: Record<Scale, { seeds: number; episodes: number; evalEvery: number }> = {
  quick: { seeds: 5, episodes: 2000, evalEvery: 25 },
  full: { seeds: 20, episodes: 10000, evalEvery: 50 },
};

/** A final greedy value within this of V*(s₀) counts as having found the optimum. */
export const OPTIMAL_TOLERANCE = 0.005;

/** Slip probabilities compared by the experiment. */
export const SLIPS: readonly number[] = [0, 0.1];

function fmt(x: number, digits = 3): string {
  return x.toFixed(digits);
}

/** Step-size schedules compared: a constant α and the decaying n(s, a)^−0.6 (Robbins–Monro). */
export const STEP_SIZES: Record<string, { alpha: number; alphaExponent: number }> = {
  "n^-0.6": { alpha: 1, alphaExponent: 0.6 },
  "0.5": { alpha: 0.5, alphaExponent: 0 },
};

/**
 * Tabular Q-learning (ε = 0.1) on {@link QUICKSTART_MAP} with and without slip, with a constant and a decaying
 * step size: every `evalEvery` episodes the greedy policy is evaluated exactly, so the learning curve is the true
 * value of what was learned, compared with V* from value iteration.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "../repro/runner.ts";
 * import { qLearningExperiment } from "./experiments.ts";
 * const { figures, tables } = await runExperiment(qLearningExperiment, { scale: "quick" });
 * ```
 */
export const qLearningExperiment: Experiment = {
  module: "quickstart",
  name: "gridworld-q-learning",
  title: "Tabular Q-learning on a lava gridworld vs the exact optimum",
  description:
    "Q-learning (ε = 0.1; step size constant 0.5 or decaying n(s,a)^-0.6) on a 7×4 gridworld with lava " +
    "and a goal, with and without slip; the greedy policy is evaluated exactly every few episodes and compared " +
    "with V* from finite-horizon value iteration.",
  runs(scale: Scale): RunSpec[] {
    const { seeds, episodes, evalEvery } = Q_LEARNING_SETTINGS[scale];
    return SLIPS.flatMap((slip) =>
      Object.entries(STEP_SIZES).flatMap(([stepSize, { alpha, alphaExponent }]) =>
        seedRuns(
          `slip=${slip}/step=${stepSize}`,
          seeds,
          { slip, stepSize, episodes, evalEvery, alpha, alphaExponent, epsilon: 0.1 },
          1000 * Math.round(slip * 100),
        )
      )
    );
  },
  execute(spec, ctx) {
    const { slip, stepSize, episodes, evalEvery, alpha, alphaExponent, epsilon } = spec.config as {
      slip: number;
      stepSize: string;
      episodes: number;
      evalEvery: number;
      alpha: number;
      alphaExponent: number;
      epsilon: number;
    };
    const { mdp } = quickstartGrid(slip);
    qLearning(mdp, { episodes, alpha, alphaExponent, epsilon }, {
      rng: ctx.rng,
      signal: ctx.signal,
      onEpisode(row, q) {
        const evaluate = (row.episode + 1) % evalEvery === 0;
        const greedyValue = evaluate
          ? evaluatePolicy(mdp, greedyPolicy(q, mdp.numActions)).initialValue
          : null;
        ctx.log(row.episode + 1, { slip, stepSize, return: row.return, length: row.length, greedyValue });
        ctx.onProgress?.({ done: row.episode + 1, total: episodes });
      },
    });
  },
  report(rows: RecordRow[], scale: Scale): ExperimentReport {
    const optimal = SLIPS.map((slip) => valueIteration(quickstartGrid(slip).mdp));
    const valueMap = heatmap({
      z: valueGrid(quickstartGrid(0), optimal[0].v),
      title: "V*₀(s) of the quickstart gridworld (slip 0)",
      annotate: true,
      digits: 2,
      reverseY: true,
      colorbarTitle: "V*",
    });
    const groups = SLIPS.flatMap((slip) => Object.keys(STEP_SIZES).map((stepSize) => ({ slip, stepSize })));
    const seriesOf = (metric: string) => {
      const points = aggregate(rows, { metric, groupBy: ["slip", "stepSize"] });
      return groups.map(({ slip, stepSize }) => {
        const p = points.filter((r) => r.slip === slip && r.stepSize === stepSize);
        return bandFromRows(`slip ${slip}, step ${stepSize}`, p);
      });
    };
    const episodes = Q_LEARNING_SETTINGS[scale].episodes;
    const optimum = SLIPS.map((slip, i) => ({
      name: `V*(s₀), slip ${slip}`,
      x: [0, episodes],
      mean: [optimal[i].initialValue, optimal[i].initialValue],
    }));
    const curve = lineWithBand({
      series: [...seriesOf("greedyValue"), ...optimum],
      title: "Exact value of the greedy policy during Q-learning (mean and 95% CI over seeds)",
      xTitle: "episode",
      yTitle: "V^π(s₀)",
    });
    const returnCurve = lineWithBand({
      series: seriesOf("return"),
      title: "Return of the ε-greedy training episodes (mean and 95% CI over seeds)",
      xTitle: "episode",
      yTitle: "return",
    });

    const table: ResultTable = {
      title: "Final greedy policy vs the optimum",
      columns: [
        "slip",
        "step size",
        "V*(s₀) (value iteration, exact)",
        "Q-learning greedy V(s₀): mean",
        "95% CI",
        `seeds within ${OPTIMAL_TOLERANCE} of V*`,
      ],
      rows: groups.map(({ slip, stepSize }) => {
        const best = optimal[SLIPS.indexOf(slip)].initialValue;
        const mine = rows.filter((r) => r.slip === slip && r.stepSize === stepSize && r.greedyValue !== null);
        const finals = lastPerRun(mine, "greedyValue").map((r) => r.greedyValue as number);
        if (finals.length === 0) return [slip, stepSize, fmt(best), null, null, "0 / 0"];
        const ci = meanCi95(finals);
        const hits = finals.filter((v) => Math.abs(v - best) <= OPTIMAL_TOLERANCE).length;
        return [
          slip,
          stepSize,
          fmt(best),
          fmt(ci.mean),
          `[${fmt(ci.lo)}, ${fmt(ci.hi)}]`,
          `${hits} / ${finals.length}`,
        ];
      }),
      note:
        "No paper here: the reference is the exact optimum of the same MDP. On the slippery map a constant step " +
        "size keeps Q fluctuating by more than the 0.01 step cost that separates actions, so some seeds end with a " +
        "greedy policy that walks into a wall until the horizon (V ≈ −0.40); the decaying step size n^−0.6 " +
        "(Robbins–Monro conditions hold) settles. ε-greedy exploration keeps the training return below V*.",
    };
    return {
      figures: [
        {
          id: "value-map",
          figure: valueMap,
          caption: "Exact optimal values from finite-horizon value iteration.",
        },
        {
          id: "greedy-value",
          figure: curve,
          caption:
            "Each point evaluates the greedy policy of the current Q-table exactly (no sampling noise).",
        },
        { id: "training-return", figure: returnCurve },
      ],
      tables: [table],
    };
  },
};

/** Every quickstart experiment, in report order. */
export const quickstartExperiments: Experiment[] = [qLearningExperiment];
