/**
 * Offline datasets for the dual module, in D4RL's layout (lib/agents' {@link Dataset}):
 * - {@link makeLevelDatasets}: random / medium / medium-replay / expert datasets made by our own PPO agent on a
 *   classic-control task (the D4RL recipe of Fu et al. 2020, §5: "medium" is a policy stopped part-way, "expert"
 *   the final one, "medium-replay" everything the learner saw until the medium policy, "medium-expert" the two
 *   concatenated);
 * - {@link normalizedScore}: D4RL's normalised score 100·(R − R_random)/(R_expert − R_random);
 * - {@link loadD4rlHdf5} / {@link writeD4rlHdf5}: real D4RL (or Minari-exported) HDF5 files a user has on disk,
 *   read with h5wasm;
 * - {@link splitEpisodes}, {@link concatDatasets}, {@link takeEpisodes}: slicing datasets into trajectories for the
 *   imitation settings.
 *
 * @module
 */
import h5wasm from "h5wasm";
import { checkInteger, checkOneOf, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import {
  type Behaviour,
  collect,
  type Dataset,
  evaluatePolicy,
  ornsteinUhlenbeck,
  type Policy,
  type SacConfig,
  trainPpo,
  trainSac,
} from "../agents/mod.ts";
import { PPO_PENDULUM_TUNED } from "../agents/presets.ts";
import { makeEnv } from "../envs/mod.ts";
import type { ProgressCallback } from "../core/progress.ts";

/**
 * Dataset levels, D4RL's names.
 *
 * @example
 * ```ts
 * import { LEVELS } from "./datasets.ts";
 * LEVELS.length; // 5
 * ```
 */
export const LEVELS = ["random", "medium", "medium-replay", "expert", "medium-expert"] as const;
/** A D4RL dataset level. */
export type Level = typeof LEVELS[number];

/** Reference returns for D4RL's normalised score. */
export interface ReferenceReturns {
  /** Mean return of the uniformly random policy. */
  random: number;
  /** Mean return of the expert policy. */
  expert: number;
}

/**
 * D4RL's normalised score (Fu et al. 2020, `get_normalized_score`, ×100): 0 = random policy, 100 = expert.
 *
 * @example
 * ```ts
 * import { normalizedScore } from "./datasets.ts";
 * normalizedScore(-700, { random: -1200, expert: -200 }); // 50
 * ```
 */
export function normalizedScore(ret: number, ref: ReferenceReturns): number {
  if (!(ref.expert !== ref.random)) {
    throw new RangeError(`ref.expert must differ from ref.random, got ${describe(ref)}`);
  }
  return (100 * (ret - ref.random)) / (ref.expert - ref.random);
}

/**
 * Episode boundaries `[start, end)` of a dataset (an episode ends at a terminal or a timeout, or the data's end).
 *
 * @example
 * ```ts
 * import { splitEpisodes } from "./datasets.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * splitEpisodes(collect(makeEnv("Pendulum-v1"), "random", 400, new Rng(0))).length; // 2
 * ```
 */
export function splitEpisodes(data: Dataset): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < data.size; i++) {
    if (data.terminals[i] || data.timeouts[i] || i === data.size - 1) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  return out;
}

function sliceRows(data: Dataset, rows: number[]): Dataset {
  const d = data.obsSize;
  const a = data.action.kind === "discrete" ? 1 : data.action.size;
  const n = rows.length;
  const obs = new Float32Array(n * d);
  const next = new Float32Array(n * d);
  const acts = data.actions instanceof Int32Array ? new Int32Array(n * a) : new Float32Array(n * a);
  const rew = new Float32Array(n);
  const term = new Uint8Array(n);
  const tout = new Uint8Array(n);
  rows.forEach((r, k) => {
    obs.set(data.observations.subarray(r * d, (r + 1) * d), k * d);
    next.set(data.next_observations.subarray(r * d, (r + 1) * d), k * d);
    acts.set(data.actions.subarray(r * a, (r + 1) * a), k * a);
    rew[k] = data.rewards[r];
    term[k] = data.terminals[r];
    tout[k] = data.timeouts[r];
  });
  return {
    size: n,
    obsSize: d,
    action: structuredClone(data.action),
    observations: obs,
    actions: acts,
    rewards: rew,
    next_observations: next,
    terminals: term,
    timeouts: tout,
    meta: { ...data.meta },
  };
}

/**
 * Reorder a dataset collected by `numEnvs` copies in lockstep (lib/agents' `collect` stores row `t·numEnvs + e` for
 * copy `e` at step `t`) so that each copy's transitions are contiguous, as in D4RL files: episodes become runs of
 * consecutive rows ending in a terminal or timeout. Episodes may have any length (a terminal ends one early; the
 * auto-reset row after it starts the next). A copy's last episode is usually cut by the end of the collection and
 * has no terminal or timeout, so {@link splitEpisodes} would join it to the next copy's first episode: with
 * `wholeEpisodes` those unfinished tails are dropped, and `meta.copy_episodes` counts each copy's episodes.
 *
 * @example
 * ```ts
 * import { deinterleave, splitEpisodes } from "./datasets.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * const data = deinterleave(collect(makeEnv("Pendulum-v1", { numEnvs: 2 }), "random", 800, new Rng(0)), 2);
 * splitEpisodes(data).length; // 4
 * const car = collect(makeEnv("MountainCarContinuous-v0", { numEnvs: 2 }), "random", 3000, new Rng(0));
 * deinterleave(car, 2, { wholeEpisodes: true }).size; // 1998 (one 999-step episode per copy)
 * ```
 */
export function deinterleave(
  data: Dataset,
  numEnvs: number,
  opts: { wholeEpisodes?: boolean } = {},
): Dataset {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  if (data.size % numEnvs !== 0) {
    throw new RangeError(`numEnvs must divide the dataset size ${data.size}, got ${numEnvs}`);
  }
  const rows: number[] = [];
  const copyEpisodes: number[] = [];
  for (let e = 0; e < numEnvs; e++) {
    const copy: number[] = [];
    let kept = 0, episodes = 0;
    for (let r = e; r < data.size; r += numEnvs) {
      copy.push(r);
      if (data.terminals[r] || data.timeouts[r]) {
        kept = copy.length;
        episodes++;
      }
    }
    for (const r of opts.wholeEpisodes ? copy.slice(0, kept) : copy) rows.push(r);
    copyEpisodes.push(episodes);
  }
  const out = sliceRows(data, rows);
  if (opts.wholeEpisodes) out.meta = { ...out.meta, copy_episodes: copyEpisodes };
  return out;
}

/**
 * Episodes `from … from + count − 1` of a dataset as a new dataset (the imitation settings' "one expert
 * trajectory").
 *
 * @example
 * ```ts
 * import { takeEpisodes } from "./datasets.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * const data = collect(makeEnv("Pendulum-v1"), "random", 400, new Rng(0));
 * takeEpisodes(data, 0, 1).size; // 200
 * ```
 */
export function takeEpisodes(data: Dataset, from: number, count: number): Dataset {
  const eps = splitEpisodes(data);
  checkInteger("from", from, { min: 0, max: eps.length - 1 });
  checkInteger("count", count, { min: 1, max: eps.length - from });
  const rows: number[] = [];
  for (const [s, e] of eps.slice(from, from + count)) for (let i = s; i < e; i++) rows.push(i);
  return sliceRows(data, rows);
}

/**
 * Concatenate datasets with the same observation and action spaces (D4RL's medium-expert = medium ++ expert).
 *
 * @example
 * ```ts
 * import { concatDatasets } from "./datasets.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * const a = collect(makeEnv("Pendulum-v1"), "random", 10, new Rng(0));
 * concatDatasets([a, a]).size; // 20
 * ```
 */
export function concatDatasets(parts: Dataset[], meta: Record<string, unknown> = {}): Dataset {
  if (!Array.isArray(parts) || parts.length === 0) {
    throw new RangeError(`parts must be a non-empty array of datasets, got ${describe(parts)}`);
  }
  const first = parts[0];
  for (const [i, p] of parts.entries()) {
    if (p.obsSize !== first.obsSize || JSON.stringify(p.action) !== JSON.stringify(first.action)) {
      throw new RangeError(`parts[${i}] has different observation or action spaces from parts[0]`);
    }
  }
  const n = parts.reduce((s, p) => s + p.size, 0);
  const join = <T extends Float32Array | Int32Array | Uint8Array>(
    make: (n: number) => T,
    col: (p: Dataset) => T,
  ): T => {
    const out = make(parts.reduce((s, p) => s + col(p).length, 0));
    let off = 0;
    for (const p of parts) {
      out.set(col(p), off);
      off += col(p).length;
    }
    return out;
  };
  return {
    size: n,
    obsSize: first.obsSize,
    action: structuredClone(first.action),
    observations: join((k) => new Float32Array(k), (p) => p.observations),
    actions: first.actions instanceof Int32Array
      ? join((k) => new Int32Array(k), (p) => p.actions as Int32Array)
      : join((k) => new Float32Array(k), (p) => p.actions as Float32Array),
    rewards: join((k) => new Float32Array(k), (p) => p.rewards),
    next_observations: join((k) => new Float32Array(k), (p) => p.next_observations),
    terminals: join((k) => new Uint8Array(k), (p) => p.terminals),
    timeouts: join((k) => new Uint8Array(k), (p) => p.timeouts),
    meta: { ...first.meta, ...meta },
  };
}

/**
 * Environments {@link makeLevelDatasets} knows.
 *
 * @example
 * ```ts
 * import { LEVEL_ENVS } from "./datasets.ts";
 * LEVEL_ENVS[1]; // "MountainCarContinuous-v0"
 * ```
 */
export const LEVEL_ENVS = ["Pendulum-v1", "MountainCarContinuous-v0"] as const;
/** An environment of {@link makeLevelDatasets}. */
export type LevelEnvId = typeof LEVEL_ENVS[number];

/**
 * Per-environment learner settings of {@link makeLevelDatasets}:
 * - Pendulum-v1: SAC 64-64, 12k steps after 1000 uniform random ones (the shipped data/dual/pendulum-*.rds), or
 *   PPO with rl-zoo's Pendulum settings; snapshots scored with deterministic actions.
 * - MountainCarContinuous-v0: uncorrelated exploration never reaches the goal, so SAC learns "do nothing"
 *   (return ≈ 0). rl-zoo's SAC entry explores with gSDE, which lib/agents lacks; we substitute 5000 warm-up steps of
 *   Ornstein–Uhlenbeck actions (θ 0.15, σ 0.5 per step: rl-zoo's TD3/DDPG entries use OU noise), which reach the
 *   goal in most episodes, so the replay buffer holds the +100 reward; SAC 64-64 then solves the task (return ≈ 94)
 *   within about 12k steps of 20k. Snapshots are scored with stochastic actions, as the data are collected:
 *   a half-trained MountainCar policy's mean action is near 0 while its samples do reach the goal.
 */
const ENV_SETTINGS: Record<LevelEnvId, {
  sac: SacConfig;
  sacSteps: number;
  sacEvery: number;
  deterministicScores: boolean;
}> = {
  "Pendulum-v1": {
    sac: { learningStarts: 1000, hiddenSizes: [64, 64] },
    sacSteps: 12_000,
    sacEvery: 1000,
    deterministicScores: true,
  },
  "MountainCarContinuous-v0": {
    sac: { learningStarts: 5000, hiddenSizes: [64, 64], warmupNoise: "ou" },
    sacSteps: 20_000,
    sacEvery: 250,
    deterministicScores: false,
  },
};

/** Options of {@link makeLevelDatasets}. */
export interface LevelDatasetOptions {
  /** Environment id (default "Pendulum-v1"; see {@link LEVEL_ENVS}). */
  envId?: LevelEnvId;
  /**
   * Transitions per dataset (default 10 000). Pendulum: a multiple of 2000 (10 copies × 200-step episodes), each
   * dataset exactly this size. MountainCarContinuous (episodes end at the goal or after 999 steps): the shortest run
   * of whole episodes with at least this many transitions (so up to 998 more).
   */
  size?: number;
  /** The learner whose snapshots make the data (default "sac", lib/agents' SAC with 64-64 networks; "ppo": Pendulum only). */
  agent?: "sac" | "ppo";
  /** Learner env steps (default 12 000 for SAC on Pendulum, 20 000 on MountainCarContinuous, 100 000 for PPO). */
  ppoSteps?: number;
  /**
   * Env steps between policy snapshots (default 5000 for PPO; for SAC 1000 on Pendulum, 250 on MountainCar, whose
   * policy goes from "do nothing" to solving within about 1000 steps).
   */
  snapshotEvery?: number;
  /** Normalised score the medium policy is picked closest to (default 40, "about a third of expert"). */
  mediumScore?: number;
  /** Seed (default 0). */
  seed?: number;
  /** Progress during training. */
  onProgress?: ProgressCallback;
  /** Stops training early. */
  signal?: AbortSignal;
}

/** What {@link makeLevelDatasets} returns. */
export interface LevelDatasets {
  /** The datasets by level. */
  datasets: Record<Level, Dataset>;
  /** Reference returns for the normalised score (random and expert measured on 50 episodes). */
  reference: ReferenceReturns;
  /** Snapshot returns along training (env step, mean return over 20 episodes). */
  snapshots: { step: number; mean: number }[];
}

/**
 * Make D4RL-style datasets with our own agent: SAC (or PPO) is trained, and its policy is snapshotted every
 * `snapshotEvery` env steps. `expert` = the best snapshot (stochastic actions, as D4RL's expert data), `medium` =
 * the snapshot whose normalised score is closest to `mediumScore`, `medium-replay` = what the learner acted with
 * until `medium` (D4RL stores the SAC replay buffer): on Pendulum equal shares from the uniform policy and every
 * snapshot up to `medium`; on MountainCarContinuous shares in proportion to training steps from the OU warm-up
 * process its SAC starts with and from snapshots about 1000 steps apart after learning started, up to `medium`;
 * `random` = uniform actions,
 * `medium-expert` = medium ++ expert. Every dataset holds whole episodes, each copy's contiguous (see
 * {@link deinterleave}). Each dataset's `meta` carries `env`, `level`, `ref_random`, `ref_expert`, `behaviour`.
 *
 * @example
 * ```ts ignore
 * import { makeLevelDatasets } from "./datasets.ts";
 * const { datasets, reference } = await makeLevelDatasets({ size: 2000, ppoSteps: 20_000 });
 * ```
 */
export async function makeLevelDatasets(opts: LevelDatasetOptions = {}): Promise<LevelDatasets> {
  const envId = checkOneOf("envId", opts.envId ?? "Pendulum-v1", LEVEL_ENVS);
  const fixed = envId === "Pendulum-v1";
  const size = checkInteger("size", opts.size ?? 10_000, { min: 2000 });
  if (fixed && size % 2000 !== 0) {
    throw new RangeError(`size must be a multiple of 2000 (10 copies × 200 steps), got ${size}`);
  }
  const agent = checkOneOf("agent", opts.agent ?? "sac", ["sac", "ppo"] as const);
  if (agent === "ppo" && !fixed) {
    throw new RangeError(`agent "ppo" is tuned for Pendulum-v1 only, got envId ${JSON.stringify(envId)}`);
  }
  const settings = ENV_SETTINGS[envId];
  const ppoSteps = checkInteger(
    "ppoSteps",
    opts.ppoSteps ?? (agent === "sac" ? settings.sacSteps : 100_000),
    {
      min: 1000,
    },
  );
  const every = checkInteger(
    "snapshotEvery",
    opts.snapshotEvery ?? (agent === "sac" ? settings.sacEvery : 5000),
    {
      min: 100,
    },
  );
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const mediumScore = opts.mediumScore ?? 40;
  const rng = new Rng(seed);
  const evalEnv = makeEnv(envId, { numEnvs: 10 });
  const returnsOf = fixed ? collectReturns : episodeReturns;
  const randomReturn = mean(returnsOf(makeEnv(envId, { numEnvs: 10 }), "random", 50, rng.split()));
  const snaps: { step: number; policy: Policy; mean: number }[] = [];
  let count = 0;
  const trainOpts = {
    seed,
    evalEvery: every,
    signal: opts.signal,
    onProgress: opts.onProgress,
    evaluate: (policy: Policy) => {
      count++;
      const m = evaluatePolicy(evalEnv, policy, {
        episodes: 20,
        seed: 7 + count,
        deterministic: settings.deterministicScores,
      }).mean;
      snaps.push({ step: count * every, policy, mean: m });
      return m;
    },
  };
  if (agent === "sac") {
    await trainSac(makeEnv(envId), { ...settings.sac, totalSteps: ppoSteps }, trainOpts);
  } else {
    await trainPpo(
      makeEnv(envId, { numEnvs: 4 }),
      { ...PPO_PENDULUM_TUNED, totalSteps: ppoSteps },
      trainOpts,
    );
  }
  const best = snaps.reduce((a, s) => (s.mean > a.mean ? s : a), snaps[0]);
  const expertReturn = mean(returnsOf(makeEnv(envId, { numEnvs: 10 }), best.policy, 50, rng.split()));
  const reference = { random: randomReturn, expert: expertReturn };
  const upToBest = snaps.slice(0, snaps.indexOf(best) + 1);
  const medium = upToBest.reduce((a, s) =>
    Math.abs(normalizedScore(s.mean, reference) - mediumScore) <
        Math.abs(normalizedScore(a.mean, reference) - mediumScore)
      ? s
      : a, upToBest[0]);
  const meta = (level: Level, extra: Record<string, unknown> = {}) => ({
    env: envId,
    level,
    ref_random: reference.random,
    ref_expert: reference.expert,
    behaviour: agent,
    seed,
    ...extra,
  });
  const env = () => makeEnv(envId, { numEnvs: 10 });
  const gather = (behaviour: Behaviour, n: number, r: Rng, m?: Record<string, unknown>): Dataset =>
    fixed
      ? deinterleave(collect(env(), behaviour, n, r, { meta: m }), 10)
      : wholeEpisodes(env(), behaviour, n, r, m);
  const random = gather("random", size, rng.split(), meta("random"));
  const expert = gather(best.policy, size, rng.split(), meta("expert", { step: best.step }));
  const med = gather(medium.policy, size, rng.split(), meta("medium", { step: medium.step }));
  let replay: Dataset;
  if (fixed) {
    // Whole episodes per source: 10 copies × 200 steps = 2000-transition chunks.
    const sources: ("random" | Policy)[] = [
      "random",
      ...snaps.slice(0, snaps.indexOf(medium) + 1).map((s) => s.policy),
    ];
    const chunk = 2000;
    const parts: Dataset[] = [];
    for (let k = 0; k * chunk < size; k++) {
      const src = sources[Math.floor((k * sources.length * chunk) / size) % sources.length];
      parts.push(deinterleave(collect(env(), src, Math.min(chunk, size - k * chunk), rng.split()), 10));
    }
    replay = concatDatasets(parts, meta("medium-replay", { sources: sources.length }));
  } else {
    // Shares in proportion to the env steps each behaviour acted for in training: the OU warm-up for
    // `learningStarts` steps, then the learner, represented by snapshots about 1000 steps apart (one 999-step
    // episode each at most) ending at medium.
    const starts = settings.sac.learningStarts ?? 0;
    const stride = Math.max(1, Math.round(1000 / every));
    const learned = snaps.slice(0, snaps.indexOf(medium) + 1).filter((s) => s.step > starts);
    const warmup = ornsteinUhlenbeck(makeEnv(envId).actionSpace, 10, {
      theta: settings.sac.ouTheta,
      sigma: settings.sac.ouSigma,
    });
    const ou: Behaviour = (_obs, _batch, r) => warmup(r);
    const sources: { behaviour: Behaviour; steps: number }[] = [
      { behaviour: ou, steps: starts },
      ...learned.filter((_, i) => (learned.length - 1 - i) % stride === 0).map((s) => ({
        behaviour: s.policy,
        steps: stride * every,
      })),
    ].filter((src) => src.steps > 0);
    const total = sources.reduce((t, src) => t + src.steps, 0);
    const parts = sources.map((src) =>
      wholeEpisodes(env(), src.behaviour, Math.max(1, Math.round((size * src.steps) / total)), rng.split())
    );
    replay = concatDatasets(parts, meta("medium-replay", { sources: sources.length, warmup: "ou" }));
    replay.meta!.episodes = splitEpisodes(replay).length;
  }
  replay.meta!.mean_return = null;
  return {
    datasets: {
      random,
      medium: med,
      "medium-replay": replay,
      expert,
      "medium-expert": concatDatasets([med, expert], meta("medium-expert")),
    },
    reference,
    snapshots: snaps.map((s) => ({ step: s.step, mean: s.mean })),
  };
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * Returns of lockstep fixed-length episodes (Pendulum): `splitEpisodes` on the interleaved rows cuts each block of
 * 10 simultaneous episodes into one long and 9 one-row pieces, whose mean is still the mean episode return. Kept
 * as it is because the shipped Pendulum references were measured with it; {@link episodeReturns} is the general
 * form.
 */
function collectReturns(
  env: ReturnType<typeof makeEnv>,
  behaviour: "random" | Policy,
  episodes: number,
  rng: Rng,
): number[] {
  const n = Math.ceil(episodes / env.numEnvs) * env.numEnvs * 200;
  const data = collect(env, behaviour, n, rng);
  const out: number[] = [];
  for (const [s, e] of splitEpisodes(data)) {
    if (!data.timeouts[e - 1] && !data.terminals[e - 1]) continue;
    let r = 0;
    for (let i = s; i < e; i++) r += data.rewards[i];
    out.push(r);
  }
  return out;
}

/**
 * Returns of the first ⌈episodes / numEnvs⌉ episodes of each copy (the first `episodes` in copy order), so that
 * short episodes are not favoured; for episodes of any length (MountainCarContinuous ends at the goal).
 */
function episodeReturns(
  env: ReturnType<typeof makeEnv>,
  behaviour: "random" | Policy,
  episodes: number,
  rng: Rng,
): number[] {
  const perCopy = Math.ceil(episodes / env.numEnvs);
  const data = deinterleave(
    collect(env, behaviour, perCopy * env.numEnvs * env.maxEpisodeSteps, rng),
    env.numEnvs,
    { wholeEpisodes: true },
  );
  const perEnv = new Int32Array(env.numEnvs);
  const copyOf = episodeCopies(data, env.numEnvs);
  const out: number[] = [];
  splitEpisodes(data).forEach(([s, e], k) => {
    if (perEnv[copyOf[k]]++ >= perCopy || out.length >= episodes) return;
    let r = 0;
    for (let i = s; i < e; i++) r += data.rewards[i];
    out.push(r);
  });
  return out;
}

/** The copy of each episode of a deinterleaved dataset (from meta.copy_episodes). */
function episodeCopies(data: Dataset, numEnvs: number): number[] {
  const counts = data.meta?.copy_episodes as number[] | undefined;
  if (!Array.isArray(counts) || counts.length !== numEnvs) {
    throw new RangeError("data must come from deinterleave(..., { wholeEpisodes: true })");
  }
  return counts.flatMap((c, e) => Array(c).fill(e));
}

/**
 * Whole episodes of `behaviour` on the 10 copies of `env`, at least `n` transitions: each copy runs ⌈n/10⌉ + one
 * episode's worth of steps, unfinished episodes are dropped, and episodes are kept in copy order until they hold
 * `n` transitions. `meta` gets `episodes` and the kept episodes' `mean_return`.
 */
function wholeEpisodes(
  env: ReturnType<typeof makeEnv>,
  behaviour: Behaviour,
  n: number,
  rng: Rng,
  meta: Record<string, unknown> = {},
): Dataset {
  const N = env.numEnvs;
  const steps = (Math.ceil(n / N) + env.maxEpisodeSteps) * N;
  const data = deinterleave(collect(env, behaviour, steps, rng), N, { wholeEpisodes: true });
  const rows: number[] = [];
  const returns: number[] = [];
  for (const [s, e] of splitEpisodes(data)) {
    if (rows.length >= n) break;
    let r = 0;
    for (let i = s; i < e; i++) {
      rows.push(i);
      r += data.rewards[i];
    }
    returns.push(r);
  }
  const out = sliceRows(data, rows);
  out.meta = { ...meta, episodes: returns.length, mean_return: mean(returns) };
  return out;
}

/** D4RL's HDF5 keys. */
const H5_KEYS = ["observations", "actions", "rewards", "next_observations", "terminals", "timeouts"] as const;

/**
 * Read a D4RL HDF5 file (`observations`, `actions`, `rewards`, `terminals`, `timeouts`, and
 * `next_observations` when present — older D4RL files lack it, and it is then rebuilt from the next row within an
 * episode, the last transition of each episode being dropped, as `d4rl.qlearning_dataset` does).
 * Continuous actions are assumed (D4RL's MuJoCo, AntMaze, Adroit, Kitchen); bounds default to ±1.
 *
 * @example
 * ```ts ignore
 * import { loadD4rlHdf5 } from "./datasets.ts";
 * const data = await loadD4rlHdf5("hopper_medium-v2.hdf5");
 * ```
 */
export async function loadD4rlHdf5(
  path: string,
  opts: { actionLow?: number; actionHigh?: number } = {},
): Promise<Dataset> {
  if (typeof path !== "string" || path.length === 0) {
    throw new TypeError(`path must be a non-empty string, got ${describe(path)}`);
  }
  const { FS } = await h5wasm.ready;
  const bytes = Deno.readFileSync(path);
  const name = `reprl_${crypto.randomUUID()}.h5`;
  FS.writeFile(name, bytes);
  const file = new h5wasm.File(name, "r");
  try {
    const read = (key: string): { value: Float32Array; shape: number[] } | null => {
      const ds = file.get(key);
      if (!(ds instanceof h5wasm.Dataset)) return null;
      const v = ds.value as ArrayLike<number> | ArrayLike<bigint>;
      const arr = new Float32Array(v.length);
      for (let i = 0; i < v.length; i++) arr[i] = Number(v[i]);
      return { value: arr, shape: ds.shape ?? [arr.length] };
    };
    const obs = read("observations");
    const actions = read("actions");
    const rewards = read("rewards");
    const terminals = read("terminals");
    if (obs === null || actions === null || rewards === null || terminals === null) {
      throw new RangeError(
        `path ${path} is not a D4RL file: it needs observations, actions, rewards and terminals`,
      );
    }
    const timeouts = read("timeouts");
    const next = read("next_observations");
    const n = obs.shape[0];
    const d = obs.value.length / n;
    const a = actions.value.length / n;
    const low = opts.actionLow ?? -1;
    const high = opts.actionHigh ?? 1;
    const full: Dataset = {
      size: n,
      obsSize: d,
      action: { kind: "box", size: a, low: Array(a).fill(low), high: Array(a).fill(high) },
      observations: obs.value,
      actions: actions.value,
      rewards: rewards.value,
      next_observations: next?.value ?? new Float32Array(n * d),
      terminals: Uint8Array.from(terminals.value, (x) => (x > 0 ? 1 : 0)),
      timeouts: timeouts ? Uint8Array.from(timeouts.value, (x) => (x > 0 ? 1 : 0)) : new Uint8Array(n),
      meta: { source: path },
    };
    if (next !== null) return full;
    // Rebuild next_observations from the following row; drop rows whose successor is not in the file.
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      if (full.terminals[i]) keep.push(i);
      else if (!full.timeouts[i] && i + 1 < n) {
        full.next_observations.set(full.observations.subarray((i + 1) * d, (i + 2) * d), i * d);
        keep.push(i);
      }
    }
    for (const i of keep) {
      if (full.terminals[i]) {
        full.next_observations.set(full.observations.subarray(i * d, (i + 1) * d), i * d);
      }
    }
    return sliceRows(full, keep);
  } finally {
    file.close();
    FS.unlink(name);
  }
}

/**
 * Write a dataset as a D4RL-layout HDF5 file (float32 columns, bool terminals/timeouts stored as uint8), e.g. to
 * test {@link loadD4rlHdf5} or to hand our datasets to Python offline-RL code.
 *
 * @example
 * ```ts ignore
 * import { writeD4rlHdf5 } from "./datasets.ts";
 * await writeD4rlHdf5("/tmp/pendulum-medium.hdf5", data);
 * ```
 */
export async function writeD4rlHdf5(
  path: string,
  data: Dataset,
  opts: { withNextObservations?: boolean } = {},
): Promise<void> {
  const { FS } = await h5wasm.ready;
  const name = `reprl_${crypto.randomUUID()}.h5`;
  const file = new h5wasm.File(name, "w");
  try {
    const a = data.action.kind === "discrete" ? 1 : data.action.size;
    const shapes: Record<string, number[]> = {
      observations: [data.size, data.obsSize],
      actions: [data.size, a],
      rewards: [data.size],
      next_observations: [data.size, data.obsSize],
      terminals: [data.size],
      timeouts: [data.size],
    };
    for (const key of H5_KEYS) {
      if (key === "next_observations" && opts.withNextObservations === false) continue;
      const col = data[key];
      file.create_dataset({ name: key, data: col, shape: shapes[key] });
    }
  } finally {
    file.close();
  }
  const bytes = FS.readFile(name);
  FS.unlink(name);
  Deno.writeFileSync(path, bytes);
}
