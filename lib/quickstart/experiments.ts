/**
 * The quickstart experiment: tabular Q-learning on a small gridworld with lava, across seeds and slip
 * probabilities, checked against the exact optimum from value iteration. It exercises every shared part: seeded
 * RNG, tabular MDPs, run records, aggregation with confidence intervals, figures and tables.
 *
 * @module
 */
import { lineWithBand } from "../plot/line.ts";
import { heatmap } from "../plot/heatmap.ts";
import { aggregate, lastPerRun, meanCi95 } from "../record/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import { evaluatePolicy, gridworld, qLearning, valueGrid, valueIteration } from "../tabular/mod.ts";
import type { Gridworld } from "../tabular/mod.ts";
import { checkInRange } from "../core/errors.ts";
import type { Experiment, ExperimentReport, ResultTable, RunSpec, Scale } from "../repro/experiment.ts";

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
  quick: { seeds: 5, episodes: 600, evalEvery: 20 },
  full: { seeds: 20, episodes: 3000, evalEvery: 50 },
};

/** Slip probabilities compared by the experiment. */
export const SLIPS: readonly number[] = [0, 0.1];

function argmaxRows(q: Float64Array, numStates: number, numActions: number): Int32Array {
  const policy = new Int32Array(numStates);
  for (let s = 0; s < numStates; s++) {
    let best = 0;
    for (let a = 1; a < numActions; a++) if (q[s * numActions + a] > q[s * numActions + best]) best = a;
    policy[s] = best;
  }
  return policy;
}

function fmt(x: number, digits = 3): string {
  return x.toFixed(digits);
}

/**
 * Tabular Q-learning (α = 0.5, ε = 0.1) on {@link QUICKSTART_MAP}: every `evalEvery` episodes the greedy policy is
 * evaluated exactly, so the learning curve is the true value of what was learned, compared with V* from value
 * iteration.
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
    "Q-learning (α = 0.5, ε = 0.1) on a 7×4 gridworld with lava and a goal, with and without slip; the " +
    "greedy policy is evaluated exactly every few episodes and compared with V* from finite-horizon value iteration.",
  runs(scale: Scale): RunSpec[] {
    const { seeds, episodes, evalEvery } = Q_LEARNING_SETTINGS[scale];
    return SLIPS.flatMap((slip) =>
      Array.from({ length: seeds }, (_, seed) => ({
        key: `slip=${slip}/seed=${seed}`,
        seed: 1000 * Math.round(slip * 100) + seed,
        config: { slip, episodes, evalEvery, alpha: 0.5, epsilon: 0.1 },
      }))
    );
  },
  execute(spec, ctx) {
    const { slip, episodes, evalEvery, alpha, epsilon } = spec.config as {
      slip: number;
      episodes: number;
      evalEvery: number;
      alpha: number;
      epsilon: number;
    };
    const { mdp } = quickstartGrid(slip);
    qLearning(mdp, { episodes, alpha, epsilon }, {
      rng: ctx.rng,
      signal: ctx.signal,
      onEpisode(row, q) {
        const evaluate = (row.episode + 1) % evalEvery === 0;
        const greedyValue = evaluate
          ? evaluatePolicy(mdp, argmaxRows(q, mdp.numStates, mdp.numActions)).initialValue
          : null;
        ctx.log(row.episode + 1, { slip, return: row.return, length: row.length, greedyValue });
        ctx.onProgress?.({ done: row.episode + 1, total: episodes });
      },
    });
  },
  report(rows: RecordRow[], scale: Scale): ExperimentReport {
    const optimal = SLIPS.map((slip) => valueIteration(quickstartGrid(slip).mdp));
    const grid0 = quickstartGrid(0);
    const valueMap = heatmap({
      z: valueGrid(grid0, optimal[0].v),
      title: "V*₀(s) of the quickstart gridworld (slip 0)",
      annotate: true,
      digits: 2,
      reverseY: true,
      colorbarTitle: "V*",
    });
    const greedy = aggregate(rows, { metric: "greedyValue", groupBy: ["slip"] });
    const returns = aggregate(rows, { metric: "return", groupBy: ["slip"] });
    const seriesOf = (points: typeof greedy, label: string) =>
      SLIPS.map((slip) => {
        const p = points.filter((r) => r.slip === slip);
        return {
          name: `${label}, slip ${slip}`,
          x: p.map((r) => r.step as number),
          mean: p.map((r) => r.mean),
          lo: p.map((r) => r.lo),
          hi: p.map((r) => r.hi),
        };
      });
    const episodes = Q_LEARNING_SETTINGS[scale].episodes;
    const optimum = SLIPS.map((slip, i) => ({
      name: `V*(s₀), slip ${slip}`,
      x: [0, episodes],
      mean: [optimal[i].initialValue, optimal[i].initialValue],
    }));
    const curve = lineWithBand({
      series: [...seriesOf(greedy, "greedy policy"), ...optimum],
      title: "Exact value of the greedy policy during Q-learning (mean and 95% CI over seeds)",
      xTitle: "episode",
      yTitle: "V^π(s₀)",
    });
    const returnCurve = lineWithBand({
      series: seriesOf(returns, "training return"),
      title: "Return of the ε-greedy training episodes (mean and 95% CI over seeds)",
      xTitle: "episode",
      yTitle: "return",
    });

    const table: ResultTable = {
      title: "Final greedy policy vs the optimum",
      columns: [
        "slip",
        "V*(s₀) (value iteration, exact)",
        "Q-learning greedy V(s₀): mean",
        "95% CI",
        "seeds optimal",
      ],
      rows: SLIPS.map((slip, i) => {
        const finals = lastPerRun(
          rows.filter((r) => r.slip === slip && r.greedyValue !== null),
          "greedyValue",
        )
          .map((r) => r.greedyValue as number);
        if (finals.length === 0) return [slip, fmt(optimal[i].initialValue), null, null, "0 / 0"];
        const ci = meanCi95(finals);
        const hits = finals.filter((v) => Math.abs(v - optimal[i].initialValue) < 1e-6).length;
        return [
          slip,
          fmt(optimal[i].initialValue),
          fmt(ci.mean),
          `[${fmt(ci.lo)}, ${fmt(ci.hi)}]`,
          `${hits} / ${finals.length}`,
        ];
      }),
      note:
        "No paper here: the reference is the exact optimum of the same MDP. With slip, a few seeds may settle on " +
        "a slightly worse route within the episode budget; ε-greedy exploration keeps the training return below V*.",
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
