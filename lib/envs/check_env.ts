/**
 * An environment checker in the spirit of Gymnasium's `check_env`: spaces, buffer types and sizes, seeded
 * determinism, auto-reset semantics, finite rewards and no new buffers per step.
 *
 * @module
 */
import { makeActions, obsDim } from "../core/env.ts";
import type { VecEnv } from "../core/env.ts";
import { checkInteger, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";

/** Result of {@link checkEnv}. */
export interface EnvCheck {
  /** True when no problem was found. */
  ok: boolean;
  /** One sentence per problem. */
  problems: string[];
}

function randomActions(env: VecEnv, rng: Rng, out: Float32Array | Int32Array): Float32Array | Int32Array {
  if (env.actionSpace instanceof Discrete) {
    for (let i = 0; i < env.numEnvs; i++) out[i] = env.actionSpace.start + rng.integer(env.actionSpace.n);
  } else {
    const box = env.actionSpace as Box;
    const d = box.size;
    for (let i = 0; i < env.numEnvs; i++) {
      for (let j = 0; j < d; j++) {
        const lo = box.low[j], hi = box.high[j];
        out[i * d + j] = Number.isFinite(lo) && Number.isFinite(hi)
          ? lo + (hi - lo) * rng.uniform()
          : rng.normal();
      }
    }
  }
  return out;
}

/** Roll `steps` seeded random steps and return a flat copy of everything observed. */
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

/**
 * Check an environment; returns every problem found rather than stopping at the first.
 *
 * @example
 * ```ts
 * import { cartPole } from "./cartpole.ts";
 * import { checkEnv } from "./check_env.ts";
 * checkEnv(cartPole({ numEnvs: 3 })); // { ok: true, problems: [] }
 * ```
 */
export function checkEnv(env: VecEnv, opts: { seed?: number; steps?: number } = {}): EnvCheck {
  const seed = checkInteger("seed", opts.seed ?? 0, {});
  const steps = checkInteger("steps", opts.steps ?? 300, { min: 1 });
  const problems: string[] = [];
  const n = env.numEnvs;
  if (!Number.isInteger(n) || n < 1) problems.push(`numEnvs must be an integer >= 1, got ${describe(n)}`);
  if (!(env.observationSpace instanceof Box || env.observationSpace instanceof Discrete)) {
    problems.push(`observationSpace must be a Box or Discrete, got ${describe(env.observationSpace)}`);
  }
  if (!(env.actionSpace instanceof Box || env.actionSpace instanceof Discrete)) {
    problems.push(`actionSpace must be a Box or Discrete, got ${describe(env.actionSpace)}`);
  }
  if (!(env.maxEpisodeSteps >= 1)) problems.push(`maxEpisodeSteps must be >= 1, got ${env.maxEpisodeSteps}`);
  if (problems.length) return { ok: false, problems };
  const d = obsDim(env.observationSpace);

  const first = env.reset(seed);
  if (!(first instanceof Float32Array)) {
    problems.push(`reset must return a Float32Array, got ${describe(first)}`);
  } else if (first.length !== n * d) {
    problems.push(`reset returned ${first.length} values, expected numEnvs·obsDim = ${n * d}`);
  }

  const rng = new Rng(seed + 1);
  const actions = makeActions(env);
  let buffers: unknown[] | null = null;
  let ended = 0;
  const row = (a: Float32Array, i: number) => a.subarray(i * d, (i + 1) * d);
  const space = env.observationSpace;
  for (let t = 0; t < steps && problems.length < 20; t++) {
    const r = env.step(randomActions(env, rng, actions));
    const now = [r.observations, r.rewards, r.terminated, r.truncated, r.finalObservations];
    if (buffers === null) buffers = now;
    else if (now.some((b, k) => b !== buffers![k])) {
      problems.push(`step ${t} returned new buffers (allocation per step)`);
    }
    if (!(r.rewards instanceof Float64Array) || r.rewards.length !== n) {
      problems.push("rewards must be Float64Array(numEnvs)");
    }
    if (!(r.terminated instanceof Uint8Array) || !(r.truncated instanceof Uint8Array)) {
      problems.push("terminated and truncated must be Uint8Array(numEnvs)");
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(r.rewards[i])) {
        problems.push(`step ${t}, copy ${i}: reward ${r.rewards[i]} is not finite`);
      }
      if (r.terminated[i] && r.truncated[i]) {
        problems.push(`step ${t}, copy ${i}: both terminated and truncated`);
      }
      const inside = space instanceof Discrete
        ? space.contains(r.observations[i])
        : space.contains(row(r.observations, i));
      if (!inside) problems.push(`step ${t}, copy ${i}: observation outside the space`);
      const endedNow = r.terminated[i] || r.truncated[i];
      const same = row(r.observations, i).every((x, j) => Object.is(x, r.finalObservations[i * d + j]));
      if (!endedNow && !same) {
        problems.push(`step ${t}, copy ${i}: finalObservations differs although it continues`);
      }
      if (endedNow) ended++;
    }
  }
  if (ended === 0) {
    problems.push(`no episode ended within ${steps} random steps: auto-reset was not exercised`);
  }
  const a = trace(env, seed, Math.min(steps, 100));
  const b = trace(env, seed, Math.min(steps, 100));
  if (a.length !== b.length || a.some((x, k) => !Object.is(x, b[k]))) {
    problems.push("the same seed gave different trajectories");
  }
  const c = trace(env, seed + 7, 5);
  if (c.every((x, k) => Object.is(x, a[k]))) problems.push("different seeds gave identical starts and steps");
  return { ok: problems.length === 0, problems };
}

/**
 * {@link checkEnv} that throws a RangeError listing the problems.
 *
 * @example
 * ```ts
 * import { pendulum } from "./pendulum.ts";
 * import { assertEnv } from "./check_env.ts";
 * assertEnv(pendulum({ numEnvs: 2 }));
 * ```
 */
export function assertEnv(env: VecEnv, opts: { seed?: number; steps?: number } = {}): void {
  const { ok, problems } = checkEnv(env, opts);
  if (!ok) throw new RangeError(`env check failed:\n- ${problems.join("\n- ")}`);
}
