/**
 * The laser module's experiments, run by notebooks/laser.ipynb and `deno task repro laser`:
 * - `temporl-agents`: SAC and PPO (lib/agents) trained on {@link LaserEnv} (the v2 intensity reward), with the
 *   FWHM and peak intensity of the evaluation episodes' final pulses over training, the final pulses beside the
 *   transform-limited and the uncontrolled ones, and the controls within one episode;
 * - `temporl-baselines`: differential evolution, gradient ascent through the model and Bayesian optimisation on
 *   the same pulse model, with their best pulses and evaluation counts.
 *
 * @module
 */
import { median } from "../core/stats.ts";
import { Rng } from "../core/rng.ts";
import { checkOneOf } from "../core/errors.ts";
import { type PpoConfig, type SacConfig, trainPpo, trainSac } from "../agents/mod.ts";
import { bandFromRows, lineWithBand } from "../plot/line.ts";
import type { Figure } from "../plot/figure.ts";
import { aggregate, lastPerRun, meanCi95 } from "../record/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import type { Experiment, ExperimentReport, ResultTable, RunSpec, Scale } from "../repro/experiment.ts";
import { seedRuns } from "../repro/experiment.ts";
import { bayesianOptimization, differentialEvolution, peakRatioObjective } from "./baselines.ts";
import { denormalizeControl } from "./controls.ts";
import { LaserEnv } from "./env.ts";
import { gradientAscent } from "./gradient.ts";
import {
  createLaserModel,
  fwhm,
  L1_COMPRESSOR,
  type LaserModel,
  outputIntensity,
  transformLimited,
} from "./physics.ts";
import { type LaserEpisode, PulseRecordingEnv, rolloutEpisodes } from "./rollout.ts";
import { syntheticSpectrum } from "./spectrum.ts";

/** The paper's numbers (data/laser/paper.json): agents' FWHM ≈ 1.6 ps (abstract), TL FWHM ≈ 1.58 ps. */
export const PAPER = { agentFwhmPs: 1.6, tlFwhmPs: 1.58 } as const;

/**
 * Agent settings per scale. Full follows the official runs (train.py → policy/policy.py: Stable-Baselines3's `SAC`
 * and `PPO` with their defaults except learning rate 3e-4 and γ = 0.9; README default 200k steps). SB3's SAC
 * defaults are 256-256 networks, learning rate 3e-4 for actor, critics and the temperature (α starts at 1, target
 * entropy −dim(A)), batch 256, τ = 0.005, 100 random steps, and one gradient step (critic and actor) per call of the
 * vectorised env's `step`, hence `policyFrequency: 1` and one copy (one update per transition).
 *
 * Quick SAC is 10% of that budget: 20k steps with one copy, 128-128 networks, batch 128, learning rate 1e-3 for
 * critics, actor and temperature, 1000 random steps (else SB3/CleanRL defaults, α tuned from 1). It meets the
 * issue's target (median final FWHM over the 8 fixed evaluation starts within 20% of TL = 1.58 ps, i.e. ≤ 1.90 ps)
 * on seeds 0, 1, 2: 1.755, 1.811 and 1.831 ps (tests/laser/sac_target_*.test.ts), taking 300–350 s per seed on a
 * loaded 2-core machine. Cheaper settings tried here miss it on some seed (median final FWHM; holding the start
 * 4.7 ps, a hand-written "set GDD, then TOD" controller 1.67 ps): 8 copies, 3.2k steps (300 updates) 15.8 ps over 3
 * seeds; 2–3k steps with one copy 11.6–15.2 ps whether α is tuned or fixed; 10k steps (128-128) 3.7 ps; 64-64,
 * batch 512, 8k steps, α from 0.05 (learning rate 1e-3), one actor step per update: 1.82, 3.95, 2.27 ps (unstable:
 * seed 1 touched 2.00 mid-run). The bottleneck is the number of critic updates, not the env: with α tuned from 1 at
 * learning rate 3e-4, log α moves ≲ 3e-4 per update, so after a few thousand updates α ≳ 0.4 and the entropy bonus
 * (≈ 2 per step for a near-uniform policy on [−1, 1]³) outweighs the reward gap between the safe 12-ps edges of the
 * box and the valley (≈ 1 per step), while noisy moves close to the valley hit the ≥ 20 ps ridge along TOD = 0.5
 * (−20).
 */
export const AGENT_SETTINGS: Record<Scale, {
  seeds: number;
  sac: SacConfig & { numEnvs: number };
  ppo: PpoConfig & { numEnvs: number };
}> = {
  quick: {
    seeds: 3,
    sac: {
      numEnvs: 1,
      totalSteps: 20_000,
      learningStarts: 1000,
      gamma: 0.9,
      batchSize: 128,
      hiddenSizes: [128, 128],
      qLr: 1e-3,
      policyLr: 1e-3,
      alphaLr: 1e-3,
    },
    ppo: {
      numEnvs: 8,
      totalSteps: 12_000,
      numSteps: 250,
      gamma: 0.9,
      hiddenSizes: [64, 64],
      lr: 1e-3,
      entCoef: 0,
      numMinibatches: 4,
    },
  },
  full: {
    seeds: 5,
    sac: {
      numEnvs: 1,
      totalSteps: 200_000,
      learningStarts: 100,
      gamma: 0.9,
      qLr: 3e-4,
      policyLr: 3e-4,
      policyFrequency: 1,
      batchSize: 256,
      hiddenSizes: [256, 256],
    },
    ppo: { numEnvs: 8, totalSteps: 200_000, numSteps: 256, gamma: 0.9, entCoef: 0 },
  },
};

/** Evaluation episodes (one per copy of the evaluation env). */
const EVAL_COPIES = 8;
/** Seed of the final evaluation rollouts (the same starts for every run). */
const FINAL_EVAL_SEED = 12345;

/**
 * The final evaluation of an agent: one deterministic episode from each of the 8 fixed starts (seed 12345), the
 * episodes the `temporl-agents` report's final columns and the SAC target test are computed from.
 *
 * @example
 * ```ts
 * import { finalEpisodes } from "./experiments.ts";
 * const episodes = finalEpisodes((obs) => new Float32Array(obs.length)); // hold the start
 * episodes.length; // 8
 * ```
 */
export function finalEpisodes(policy: Parameters<typeof rolloutEpisodes>[1]): LaserEpisode[] {
  return rolloutEpisodes(new LaserEnv({ numEnvs: EVAL_COPIES }), policy, { seed: FINAL_EVAL_SEED });
}

function fmt(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits);
}

/** TL, uncontrolled (ψ_c with B = 2) pulses of the default model, for the figures. */
function referencePulses(
  model: LaserModel,
): { tl: Float64Array; uncontrolled: Float64Array; tlPeak: number } {
  const tl = transformLimited(model);
  const uncontrolled = outputIntensity(model, L1_COMPRESSOR.map((x) => -x));
  return { tl, uncontrolled, tlPeak: Math.max(...tl) };
}

/** Pulses against time (ps) in a ±`windowPs` window, intensities relative to the TL peak. */
function pulseFigure(
  model: LaserModel,
  pulses: { name: string; intensity: Float64Array }[],
  tlPeak: number,
  title: string,
  windowPs = 8,
): Figure {
  const keep: number[] = [];
  for (let j = 0; j < model.nOut; j++) if (Math.abs(model.time[j]) * 1e12 <= windowPs) keep.push(j);
  // Align each pulse's peak on t = 0 (the absolute delay depends on the stretcher setting, not the shape).
  return lineWithBand({
    series: pulses.map(({ name, intensity }) => {
      let peak = 0;
      for (let j = 1; j < intensity.length; j++) if (intensity[j] > intensity[peak]) peak = j;
      const shift = peak - Math.floor(model.nOut / 2);
      return {
        name: `${name} (FWHM ${fmt(fwhm(intensity, model.dt) * 1e12)} ps)`,
        x: keep.map((j) => model.time[j] * 1e12),
        mean: keep.map((j) => (intensity[(j + shift + model.nOut) % model.nOut] ?? 0) / tlPeak),
      };
    }),
    title,
    xTitle: "time (ps), peaks aligned",
    yTitle: "intensity / TL peak",
  });
}

/**
 * SAC and PPO on the stretcher-control environment (TempoRL's LaserEnv_v2 reward), evaluated every tenth of
 * training on 8 episodes: the median FWHM and the mean peak ratio of their final pulses.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "../repro/runner.ts";
 * import { agentsExperiment } from "./experiments.ts";
 * const { figures, tables } = await runExperiment(agentsExperiment, { scale: "quick" });
 * ```
 */
export const agentsExperiment: Experiment = {
  module: "laser",
  name: "temporl-agents",
  title: "TempoRL: SAC and PPO shaping the pulse through the stretcher's dispersion",
  description:
    "SAC and PPO (lib/agents) trained on LaserEnv (observation ψ = normalised GDD, TOD, FOD; action = bounded " +
    "increment; intensity reward with FWHM penalty; 50-step episodes) on the synthetic 1030 nm spectrum.",
  runs(scale: Scale): RunSpec[] {
    const s = AGENT_SETTINGS[scale];
    return (["sac", "ppo"] as const).flatMap((algo) => seedRuns(algo, s.seeds, { algo, ...s[algo] }));
  },
  async execute(spec, ctx) {
    const { algo, numEnvs, ...config } = spec.config as unknown as
      & { algo: string; numEnvs: number }
      & SacConfig
      & PpoConfig;
    checkOneOf("algo", algo, ["sac", "ppo"] as const);
    const env = new LaserEnv({ numEnvs });
    const evalEnv = new PulseRecordingEnv(new LaserEnv({ numEnvs: EVAL_COPIES }));
    const total = config.totalSteps ?? 0;
    const opts = {
      seed: spec.seed,
      evalEnv,
      evalEvery: Math.max(1, Math.floor(total / 10)),
      evalEpisodes: EVAL_COPIES,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    };
    const result = algo === "sac" ? await trainSac(env, config, opts) : await trainPpo(env, config, opts);
    const evalSteps = result.records.filter((r) => typeof r.eval_return === "number");
    evalSteps.forEach((row, k) => {
      const group = evalEnv.groups[k] ?? [];
      ctx.log(row.step as number, {
        algo,
        kind: "eval",
        eval_return: row.eval_return as number,
        fwhm_ps: median(group.map((e) => e.fwhmPs)),
        peak_ratio: group.reduce((s, e) => s + e.peakRatio, 0) / Math.max(1, group.length),
      });
    });
    // Final rollouts from fixed starts: pulses at the end of each episode and one control trajectory.
    const episodes = finalEpisodes(result.policy);
    const fw = episodes.map((e) => e.fwhmPs.at(-1)!);
    const pr = episodes.map((e) => e.peakRatio.at(-1)!);
    const best = pr.indexOf(Math.max(...pr));
    const endPsi = episodes[best].psi.at(-1)!;
    // one step past training: (run, step) keys a record row, and the last evaluation was logged at result.steps
    ctx.log(result.steps + 1, {
      algo,
      kind: "final",
      fwhm_ps: median(fw),
      peak_ratio: pr.reduce((a, b) => a + b, 0) / pr.length,
      best_fwhm_ps: fw[best],
      best_peak_ratio: pr[best],
      gdd: endPsi[0],
      tod: endPsi[1],
      fod: endPsi[2],
      terminated: episodes.filter((e) => e.terminated).length,
    });
    // The trajectory of the longest episode (terminated starts last one step).
    const longest = episodes.reduce((a, e) => (e.fwhmPs.length > a.fwhmPs.length ? e : a), episodes[0]);
    longest.fwhmPs.forEach((f, t) => {
      ctx.log(t + 1, {
        algo,
        kind: "trajectory",
        gdd: longest.psi[t + 1][0],
        tod: longest.psi[t + 1][1],
        fod: longest.psi[t + 1][2],
        fwhm_ps: f,
        peak_ratio: longest.peakRatio[t],
      });
    });
  },
  report(rows: RecordRow[], scale: Scale): ExperimentReport {
    const model = createLaserModel(syntheticSpectrum());
    const { tl, uncontrolled, tlPeak } = referencePulses(model);
    const tlFwhm = fwhm(tl, model.dt) * 1e12;
    const evalRows = rows.filter((r) => r.kind === "eval");
    const algos = ["sac", "ppo"];
    const curve = (metric: string, yTitle: string, title: string, ref: { name: string; value: number }) => {
      const points = aggregate(evalRows, { metric, groupBy: ["algo"] });
      const series = algos.map((algo) => {
        const p = points.filter((r) => r.algo === algo);
        return bandFromRows(algo.toUpperCase(), p);
      });
      const xMax = Math.max(1, ...series.flatMap((s) => s.x));
      return lineWithBand({
        series: [...series, { name: ref.name, x: [0, xMax], mean: [ref.value, ref.value] }],
        title,
        xTitle: "env steps",
        yTitle,
      });
    };
    const finals = rows.filter((r) => r.kind === "final");
    const pulses: { name: string; intensity: Float64Array }[] = [
      { name: "transform-limited", intensity: tl },
      { name: "uncontrolled (stretcher = −compressor)", intensity: uncontrolled },
    ];
    for (const algo of algos) {
      const mine = finals.filter((r) => r.algo === algo);
      if (mine.length === 0) continue;
      const best = mine.reduce((
        a,
        r,
      ) => ((r.best_peak_ratio as number) > (a.best_peak_ratio as number) ? r : a));
      const psi = [best.gdd as number, best.tod as number, best.fod as number];
      pulses.push({
        name: `${algo.toUpperCase()} best final`,
        intensity: outputIntensity(model, denormalizeControl(psi)),
      });
    }
    const trajectorySeries = algos.flatMap((algo) => {
      const traj = rows.filter((r) => r.kind === "trajectory" && r.algo === algo);
      const lastRun = traj.length > 0 ? traj[traj.length - 1].run : undefined;
      const t = traj.filter((r) => r.run === lastRun);
      return ["gdd", "tod", "fod"].map((k) => ({
        name: `${algo.toUpperCase()} ψ ${k.toUpperCase()}`,
        x: t.map((r) => r.step as number),
        mean: t.map((r) => r[k] as number),
      }));
    });
    const trajectory = lineWithBand({
      series: trajectorySeries,
      title:
        "Controls within one evaluation episode (last seed of each agent; optimum ≈ GDD 0.514, TOD 0.500)",
      xTitle: "step in episode",
      yTitle: "normalised control ψ",
    });
    // Policies that do not learn, from the same starts: hold the reset state, and uniformly random increments.
    const refEnv = new LaserEnv({ numEnvs: EVAL_COPIES });
    const rng = new Rng(FINAL_EVAL_SEED);
    const noLearning = [
      [
        "hold the reset state (no control)",
        rolloutEpisodes(refEnv, (o) => new Float32Array(o.length), { seed: FINAL_EVAL_SEED }),
      ],
      [
        "random increments",
        rolloutEpisodes(refEnv, (o) => Float32Array.from(o, () => rng.uniformIn(-1, 1)), {
          seed: FINAL_EVAL_SEED,
        }),
      ],
    ] as const;
    const table: ResultTable = {
      title: "Final pulses (8 evaluation episodes per seed, fixed starts) vs the paper",
      columns: [
        "agent",
        "seeds",
        "median final FWHM (ps): mean [95% CI]",
        "peak / TL: mean [95% CI]",
        "best episode FWHM (ps)",
        `seeds within 20% of TL (≤ ${fmt(1.2 * tlFwhm)} ps)`,
        "paper",
      ],
      rows: algos.map((algo) => {
        const mine = lastPerRun(finals.filter((r) => r.algo === algo), "fwhm_ps");
        if (mine.length === 0) return [algo.toUpperCase(), 0, "—", "—", "—", "—", "—"];
        const f = meanCi95(mine.map((r) => r.fwhm_ps as number));
        const p = meanCi95(mine.map((r) => r.peak_ratio as number));
        const hits = mine.filter((r) => (r.fwhm_ps as number) <= 1.2 * tlFwhm).length;
        return [
          algo.toUpperCase(),
          mine.length,
          `${fmt(f.mean)} [${fmt(f.lo)}, ${fmt(f.hi)}]`,
          `${fmt(p.mean, 3)} [${fmt(p.lo, 3)}, ${fmt(p.hi, 3)}]`,
          fmt(Math.min(...mine.map((r) => r.best_fwhm_ps as number))),
          `${hits} / ${mine.length}`,
          `≈ ${PAPER.agentFwhmPs} ps (abstract; SAC best in the README)`,
        ];
      }).concat(
        [[
          "transform-limited",
          "—",
          fmt(tlFwhm),
          "1",
          "—",
          "—",
          `${PAPER.tlFwhmPs} ps (project page)`,
        ], [
          "uncontrolled (ψ = 0.5)",
          "—",
          fmt(fwhm(uncontrolled, model.dt) * 1e12),
          fmt(Math.max(...uncontrolled) / tlPeak, 3),
          "—",
          "—",
          "—",
        ]],
        noLearning.map(([name, eps]) => [
          name,
          "—",
          fmt(median(eps.map((e) => e.fwhmPs.at(-1)!))),
          fmt(eps.reduce((a, e) => a + e.peakRatio.at(-1)!, 0) / eps.length, 3),
          fmt(Math.min(...eps.map((e) => e.fwhmPs.at(-1)!))),
          "—",
          "—",
        ]),
      ),
      note:
        `Scale ${scale}: ${AGENT_SETTINGS[scale].sac.totalSteps} SAC steps and ${
          AGENT_SETTINGS[scale].ppo.totalSteps
        } PPO steps per seed, against 200k in the paper's runs. The spectrum is synthetic (Gaussian, calibrated so ` +
        "the TL FWHM is the paper's 1.58 ps), not the measured L1 spectrum, so only ratios to TL compare. " +
        "Episodes that start with a pulse longer than 20 ps end after one step (the paper's termination rule); " +
        "their final FWHM counts, hence the median. Rows without seeds are single evaluations on the same 8 starts.",
    };
    return {
      figures: [
        {
          id: "fwhm-over-training",
          figure: curve(
            "fwhm_ps",
            "median final FWHM (ps)",
            "FWHM of the evaluation episodes' final pulses",
            {
              name: "transform-limited",
              value: tlFwhm,
            },
          ),
          caption: "Mean and 95% CI over seeds of the median over 8 evaluation episodes.",
        },
        {
          id: "peak-over-training",
          figure: curve(
            "peak_ratio",
            "peak intensity / TL",
            "Peak intensity of the final pulses (relative to TL)",
            {
              name: "transform-limited",
              value: 1,
            },
          ),
        },
        {
          id: "final-pulses",
          figure: pulseFigure(
            model,
            pulses,
            tlPeak,
            "Final pulses beside the transform-limited and uncontrolled ones",
          ),
        },
        { id: "control-trajectory", figure: trajectory },
      ],
      tables: [table],
    };
  },
};

/** Baseline budgets per scale (objective calls). */
export const BASELINE_SETTINGS: Record<Scale, {
  seeds: number;
  de: number;
  bo: number;
  gradient: { starts: number; steps: number };
}> = {
  quick: { seeds: 2, de: 450, bo: 30, gradient: { starts: 2, steps: 40 } },
  full: { seeds: 5, de: 3000, bo: 100, gradient: { starts: 8, steps: 150 } },
};

const BASELINES = ["de", "bo", "gradient"] as const;
const BASELINE_NAMES: Record<string, string> = {
  de: "differential evolution",
  bo: "Bayesian optimisation (lib/bo)",
  gradient: "gradient ascent (tf gradients)",
};

/**
 * The static optimisers on the same model: maximise the peak-intensity ratio over ψ ∈ [0, 1]³.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "../repro/runner.ts";
 * import { baselinesExperiment } from "./experiments.ts";
 * const { tables } = await runExperiment(baselinesExperiment, { scale: "quick" });
 * ```
 */
export const baselinesExperiment: Experiment = {
  module: "laser",
  name: "temporl-baselines",
  title: "TempoRL baselines: differential evolution, Bayesian optimisation, gradients through the model",
  description:
    "Each baseline maximises the output pulse's peak intensity relative to TL over the normalised " +
    "stretcher controls, on the same synthetic-spectrum model as the agents.",
  runs(scale: Scale): RunSpec[] {
    const s = BASELINE_SETTINGS[scale];
    return BASELINES.flatMap((method) => seedRuns(method, s.seeds, { method }));
  },
  async execute(spec, ctx) {
    const method = checkOneOf("method", (spec.config as { method: string }).method, BASELINES);
    const s = BASELINE_SETTINGS[ctx.scale];
    const model = createLaserModel(syntheticSpectrum());
    const f = peakRatioObjective(model);
    const r = method === "de"
      ? differentialEvolution(f, {
        evaluations: s.de,
        rng: ctx.rng,
        onProgress: ctx.onProgress,
        signal: ctx.signal,
      })
      : method === "bo"
      ? bayesianOptimization(f, { evaluations: s.bo, rng: spec.seed, onProgress: ctx.onProgress })
      : await gradientAscent(model, {
        ...s.gradient,
        rng: ctx.rng,
        onProgress: ctx.onProgress,
        signal: ctx.signal,
      });
    r.bestSoFar.forEach((v, i) => ctx.log(i + 1, { method, kind: "curve", best_peak_ratio: v }));
    // past the curve's last point (logged at r.evaluations): (run, step) keys a record row
    ctx.log(r.evaluations + 1, {
      method,
      kind: "final",
      peak_ratio: r.bestValue,
      fwhm_ps: f.fwhmPs(r.bestPsi),
      evaluations: r.evaluations,
      gdd: r.bestPsi[0],
      tod: r.bestPsi[1],
      fod: r.bestPsi[2],
    });
  },
  report(rows: RecordRow[]): ExperimentReport {
    const model = createLaserModel(syntheticSpectrum());
    const { tl, tlPeak } = referencePulses(model);
    const tlFwhm = fwhm(tl, model.dt) * 1e12;
    const curves = aggregate(rows.filter((r) => r.kind === "curve"), {
      metric: "best_peak_ratio",
      groupBy: ["method"],
    });
    const convergence = lineWithBand({
      series: BASELINES.map((m) => {
        const p = curves.filter((r) => r.method === m);
        return bandFromRows(BASELINE_NAMES[m], p);
      }),
      title: "Best peak intensity found vs objective evaluations",
      xTitle: "evaluations",
      yTitle: "best peak / TL",
      logX: true,
    });
    const finals = rows.filter((r) => r.kind === "final");
    const pulses = [{ name: "transform-limited", intensity: tl }];
    for (const m of BASELINES) {
      const mine = finals.filter((r) => r.method === m);
      if (mine.length === 0) continue;
      const best = mine.reduce((a, r) => ((r.peak_ratio as number) > (a.peak_ratio as number) ? r : a));
      pulses.push({
        name: BASELINE_NAMES[m],
        intensity: outputIntensity(
          model,
          denormalizeControl([best.gdd as number, best.tod as number, best.fod as number]),
        ),
      });
    }
    const table: ResultTable = {
      title: "Baselines' best pulses",
      columns: ["method", "seeds", "evaluations", "best peak / TL: mean", "FWHM (ps): mean", "FWHM / TL"],
      rows: BASELINES.map((m) => {
        const mine = finals.filter((r) => r.method === m);
        if (mine.length === 0) return [BASELINE_NAMES[m], 0, "—", "—", "—", "—"];
        const p = meanCi95(mine.map((r) => r.peak_ratio as number));
        const f = meanCi95(mine.map((r) => r.fwhm_ps as number));
        return [
          BASELINE_NAMES[m],
          mine.length,
          mine[0].evaluations as number,
          fmt(p.mean, 3),
          fmt(f.mean),
          fmt(f.mean / tlFwhm, 3),
        ];
      }),
      note:
        "The official repository's BO and DE minimise the L1 distance to the TL pulse; here all three maximise " +
        "the peak ratio (the v2 reward's main term) so they compare with the agents. The paper gives no baseline " +
        "evaluation counts in the text we have.",
    };
    return {
      figures: [
        { id: "baseline-convergence", figure: convergence },
        {
          id: "baseline-pulses",
          figure: pulseFigure(model, pulses, tlPeak, "Baselines' best pulses beside TL"),
        },
      ],
      tables: [table],
    };
  },
};

/** The laser experiments registered with `repro`, in report order. */
export const laserExperiments: Experiment[] = [agentsExperiment, baselinesExperiment];
