/**
 * An environment checker in the spirit of Gymnasium's `check_env` (gymnasium.utils.env_checker), for the
 * vectorised contract of lib/core/env.ts: spaces, buffer types and sizes, observations inside the observation
 * space, seeded determinism, same-step auto-reset with `finalObservations`, the time limit, finite rewards and no
 * new buffers per step.
 *
 * @module
 */
import { makeActions, obsDim } from "../core/env.ts";
import type { StepResult, VecEnv } from "../core/env.ts";
import { checkInteger, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";

/** Result of {@link checkEnv}. */
export interface EnvCheck {
  /** True when no problem was found. */
  ok: boolean;
  /** One sentence per problem (at most {@link MAX_PROBLEMS}; repeats of the same kind are reported once). */
  problems: string[];
}

/** Options of {@link checkEnv}. */
export interface CheckEnvOptions {
  /** Seed of the resets and of the random actions; default 0. */
  seed?: number;
  /**
   * Random batched steps of the main run; default 300. Use enough for episodes to end (the check reports an env in
   * which none ended, since auto-reset was then not exercised).
   */
  steps?: number;
}

/** The checker stops collecting after this many problems. */
export const MAX_PROBLEMS = 20;

/** Seeds of the extra resets that estimate where fresh episodes start (the auto-reset check). */
const START_SEEDS = 16;

/** Uniform random actions (a normal draw on unbounded Box dimensions), seeded by `rng`. */
function randomActions(env: VecEnv, rng: Rng, out: Float32Array | Int32Array): Float32Array | Int32Array {
  const space = env.actionSpace;
  if (space instanceof Discrete) {
    for (let i = 0; i < env.numEnvs; i++) out[i] = space.start + rng.integer(space.n);
    return out;
  }
  const d = space.size;
  for (let i = 0; i < env.numEnvs; i++) {
    for (let j = 0; j < d; j++) {
      const lo = space.low[j], hi = space.high[j];
      out[i * d + j] = Number.isFinite(lo) && Number.isFinite(hi)
        ? lo + (hi - lo) * rng.uniform()
        : rng.normal();
    }
  }
  return out;
}

/** Everything `steps` seeded random steps after `reset(seed)` produce, as one flat list. */
function trace(env: VecEnv, seed: number, steps: number): number[] {
  const rng = new Rng(seed + 1);
  const actions = makeActions(env);
  const out = [...env.reset(seed)];
  for (let t = 0; t < steps; t++) {
    const r = env.step(randomActions(env, rng, actions));
    out.push(...r.observations, ...r.rewards, ...r.terminated, ...r.truncated, ...r.finalObservations);
  }
  return out;
}

function sameRow(a: Float32Array, b: Float32Array, from: number, d: number): boolean {
  for (let j = from; j < from + d; j++) if (!Object.is(a[j], b[j])) return false;
  return true;
}

/**
 * Per-dimension range of the observations that start an episode, from `reset` with {@link START_SEEDS} seeds,
 * widened by half its width on each side. Dimensions whose starts never varied are not constrained (NaN bounds):
 * a start drawn there later need not repeat the few we saw.
 */
function startRange(env: VecEnv, seed: number, d: number): { low: Float64Array; high: Float64Array } {
  const low = new Float64Array(d).fill(Infinity), high = new Float64Array(d).fill(-Infinity);
  for (let k = 0; k < START_SEEDS; k++) {
    const obs = env.reset(seed + 1000 + k);
    for (let i = 0; i < env.numEnvs; i++) {
      for (let j = 0; j < d; j++) {
        low[j] = Math.min(low[j], obs[i * d + j]);
        high[j] = Math.max(high[j], obs[i * d + j]);
      }
    }
  }
  for (let j = 0; j < d; j++) {
    const w = high[j] - low[j];
    if (w > 0) {
      low[j] -= w / 2;
      high[j] += w / 2;
    } else {
      low[j] = high[j] = NaN;
    }
  }
  return { low, high };
}

/**
 * Check an environment against the VecEnv contract and Gymnasium's `check_env` rules; returns every problem found
 * (up to {@link MAX_PROBLEMS}) rather than stopping at the first. It resets and steps `env`, so reset it again
 * afterwards. What it checks:
 * - spaces are `Box`/`Discrete`, a Box observation space is float32 (observations are `Float32Array`);
 * - `reset` returns `Float32Array(numEnvs·obsDim)`, the same buffer `step` returns as `observations`, and
 *   `step` returns the same buffers every time (no allocation per step) with the documented types and lengths;
 * - observations and final observations lie in the observation space; rewards are finite; `terminated` and
 *   `truncated` are 0/1 and never both 1;
 * - auto-reset: a copy that continues has `finalObservations` equal to `observations`; a copy that ended shows a
 *   fresh start (inside the range `reset` starts from), not its last observation, which is in `finalObservations`;
 *   no episode runs past `maxEpisodeSteps`; at least one episode ended;
 * - seeding: the same seed gives the identical trajectory under the same seeded random actions, another seed a
 *   different one.
 *
 * @example
 * ```ts
 * import { cartPole } from "./cartpole.ts";
 * import { checkEnv } from "./check_env.ts";
 * checkEnv(cartPole({ numEnvs: 3 })); // { ok: true, problems: [] }
 * ```
 */
export function checkEnv(env: VecEnv, opts: CheckEnvOptions = {}): EnvCheck {
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0, max: 2 ** 31 });
  const steps = checkInteger("steps", opts.steps ?? 300, { min: 1 });
  const problems: string[] = [];
  const seen = new Set<string>();
  /** Report a problem once per kind, up to MAX_PROBLEMS. */
  const report = (kind: string, message: string): void => {
    if (seen.has(kind) || problems.length >= MAX_PROBLEMS) return;
    seen.add(kind);
    problems.push(message);
  };

  // spaces and sizes
  const n = env.numEnvs;
  if (!Number.isInteger(n) || n < 1) report("numEnvs", `numEnvs must be an integer >= 1, got ${describe(n)}`);
  const space = env.observationSpace;
  if (!(space instanceof Box || space instanceof Discrete)) {
    report("obsSpace", `observationSpace must be a Box or Discrete, got ${describe(space)}`);
  } else if (space instanceof Box && space.dtype !== "float32") {
    report(
      "obsDtype",
      `observationSpace must have dtype float32 (observations are Float32Array), got ${space.dtype}`,
    );
  }
  if (!(env.actionSpace instanceof Box || env.actionSpace instanceof Discrete)) {
    report("actSpace", `actionSpace must be a Box or Discrete, got ${describe(env.actionSpace)}`);
  }
  const limit = env.maxEpisodeSteps;
  if (!(limit === Infinity || (Number.isInteger(limit) && limit >= 1))) {
    report("limit", `maxEpisodeSteps must be an integer >= 1 or Infinity, got ${describe(limit)}`);
  }
  if (problems.length) return { ok: false, problems };
  const d = obsDim(space);
  const inSpace = (a: Float32Array, i: number): boolean =>
    space instanceof Discrete ? space.contains(a[i]) : space.contains(a.subarray(i * d, (i + 1) * d));

  // where fresh episodes start, then the main run
  const starts = startRange(env, seed, d);
  const first = env.reset(seed);
  if (!(first instanceof Float32Array) || first.length !== n * d) {
    report("reset", `reset must return Float32Array(numEnvs·obsDim = ${n * d}), got ${describe(first)}`);
    return { ok: false, problems };
  }
  for (let i = 0; i < n; i++) {
    if (!inSpace(first, i)) {
      report("resetSpace", `reset: copy ${i}'s observation is outside the observation space`);
    }
  }
  const rng = new Rng(seed + 1);
  const actions = makeActions(env);
  const lengths = new Float64Array(n);
  let buffers: StepResult | null = null;
  let ended = 0, endedSame = 0;
  for (let t = 0; t < steps && problems.length < MAX_PROBLEMS; t++) {
    const r = env.step(randomActions(env, rng, actions));
    if (buffers === null) {
      buffers = { ...r };
      if (r.observations !== first) {
        report("obsBuffer", "step's observations must be the buffer reset returned (no allocation per step)");
      }
      if (!(r.observations instanceof Float32Array) || r.observations.length !== n * d) {
        report("obsType", `observations must be Float32Array(${n * d}), got ${describe(r.observations)}`);
      }
      if (!(r.finalObservations instanceof Float32Array) || r.finalObservations.length !== n * d) {
        report(
          "finType",
          `finalObservations must be Float32Array(${n * d}), got ${describe(r.finalObservations)}`,
        );
      }
      if (!(r.rewards instanceof Float64Array) || r.rewards.length !== n) {
        report("rewType", `rewards must be Float64Array(${n}), got ${describe(r.rewards)}`);
      }
      for (const k of ["terminated", "truncated"] as const) {
        if (!(r[k] instanceof Uint8Array) || r[k].length !== n) {
          report(`${k}Type`, `${k} must be Uint8Array(${n}), got ${describe(r[k])}`);
        }
      }
      if (problems.length) break;
    } else {
      for (const k of Object.keys(buffers) as (keyof StepResult)[]) {
        if (r[k] !== buffers[k]) {
          report(`alloc-${k}`, `step ${t} returned a new ${k} buffer (allocation per step)`);
        }
      }
    }
    const obs = r.observations, fin = r.finalObservations;
    for (let i = 0; i < n; i++) {
      const term = r.terminated[i], trunc = r.truncated[i];
      lengths[i]++;
      if (!Number.isFinite(r.rewards[i])) {
        report("reward", `step ${t}, copy ${i}: reward ${r.rewards[i]} is not finite`);
      }
      if ((term !== 0 && term !== 1) || (trunc !== 0 && trunc !== 1)) {
        report("flags", `step ${t}, copy ${i}: terminated/truncated must be 0 or 1, got ${term}/${trunc}`);
      }
      if (term && trunc) report("both", `step ${t}, copy ${i}: both terminated and truncated`);
      if (!inSpace(obs, i)) {
        report("obsSpace", `step ${t}, copy ${i}: observation outside the observation space`);
      }
      if (!inSpace(fin, i)) {
        report("finSpace", `step ${t}, copy ${i}: final observation outside the observation space`);
      }
      if (!term && !trunc) {
        if (!sameRow(obs, fin, i * d, d)) {
          report(
            "finCont",
            `step ${t}, copy ${i}: finalObservations differs from observations although it continues`,
          );
        }
        if (lengths[i] >= limit) {
          report(
            "limit",
            `step ${t}, copy ${i}: the episode reached maxEpisodeSteps = ${limit} without ending`,
          );
        }
        continue;
      }
      ended++;
      lengths[i] = 0;
      if (sameRow(obs, fin, i * d, d)) endedSame++;
      for (let j = 0; j < d; j++) {
        const x = obs[i * d + j];
        if (x < starts.low[j] || x > starts.high[j]) {
          report(
            "fresh",
            `step ${t}, copy ${i}: after the episode ended, observation[${j}] = ${x} is not a fresh start ` +
              `(reset starts lie in [${starts.low[j].toPrecision(4)}, ${starts.high[j].toPrecision(4)}] ` +
              `after widening): auto-reset missing?`,
          );
        }
      }
    }
  }
  if (ended === 0) {
    report(
      "noEnd",
      `no episode ended within ${steps} random steps: auto-reset was not exercised (raise steps)`,
    );
  } else if (endedSame === ended && ended >= 3) {
    report(
      "finSame",
      `in all ${ended} episode ends, observations equals finalObservations: no auto-reset, or final observations ` +
        "not kept",
    );
  }

  // seeding
  const horizon = Math.min(steps, 100);
  const a = trace(env, seed, horizon), b = trace(env, seed, horizon);
  if (a.length !== b.length || a.some((x, k) => !Object.is(x, b[k]))) {
    report("determinism", `reset(${seed}) twice gave different trajectories under the same actions`);
  }
  const c = trace(env, seed + 7, Math.min(horizon, 5));
  if (c.every((x, k) => Object.is(x, a[k]))) {
    report("seeds", `seeds ${seed} and ${seed + 7} gave identical starts and first steps`);
  }
  return { ok: problems.length === 0, problems };
}

/**
 * {@link checkEnv} that throws a RangeError listing the problems.
 *
 * @example
 * ```ts
 * import { pendulum } from "./pendulum.ts";
 * import { assertEnv } from "./check_env.ts";
 * assertEnv(pendulum({ numEnvs: 2 }), { steps: 450 }); // Pendulum only truncates, at 200 steps
 * ```
 */
export function assertEnv(env: VecEnv, opts: CheckEnvOptions = {}): void {
  const { ok, problems } = checkEnv(env, opts);
  if (!ok) throw new RangeError(`env check failed:\n- ${problems.join("\n- ")}`);
}
