/**
 * Episode rollouts of a control policy in {@link LaserEnv}, recording the pulse after every step: what the
 * notebook plots as control trajectories and what learning curves report (FWHM and peak intensity at the end of an
 * episode).
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { act, type Policy } from "../agents/policy.ts";
import type { LaserEnv } from "./env.ts";

/** One episode of one copy. */
export interface LaserEpisode {
  /** Normalised controls ψ after each step, starting with the reset state (length steps + 1). */
  psi: number[][];
  /** FWHM (ps) after each step. */
  fwhmPs: number[];
  /** Peak-intensity ratio to TL after each step. */
  peakRatio: number[];
  /** Rewards. */
  rewards: number[];
  /** Whether the episode ended by termination (FWHM or loss threshold) rather than the step limit. */
  terminated: boolean;
}

/** Options of {@link rolloutEpisodes}. */
export interface RolloutOptions {
  /** Seed of the env reset (default 0). */
  seed?: number;
  /** Act with the policy's mode (default true). */
  deterministic?: boolean;
}

/**
 * Run one episode in every copy of `env` with `policy` (or a function from observations to actions) and record
 * the pulses. Copies that finish early stop recording (their auto-reset episodes are ignored).
 *
 * @example
 * ```ts
 * import { LaserEnv } from "./env.ts";
 * import { rolloutEpisodes } from "./rollout.ts";
 * const env = new LaserEnv({ numEnvs: 2, maxEpisodeSteps: 5 });
 * const [episode] = rolloutEpisodes(env, (obs) => new Float32Array(obs.length)); // hold still
 * episode.fwhmPs.length; // 5
 * ```
 */
export function rolloutEpisodes(
  env: LaserEnv,
  policy: Policy | ((obs: Float32Array) => Float32Array),
  opts: RolloutOptions = {},
): LaserEpisode[] {
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const deterministic = opts.deterministic ?? true;
  const rng = new Rng(seed + 1);
  const n = env.numEnvs;
  let obs = env.reset(seed);
  const episodes: LaserEpisode[] = Array.from({ length: n }, (_, i) => ({
    psi: [Array.from(obs.subarray(3 * i, 3 * i + 3))],
    fwhmPs: [],
    peakRatio: [],
    rewards: [],
    terminated: false,
  }));
  const open = new Array(n).fill(true);
  for (let t = 0; t < env.maxEpisodeSteps && open.some((o) => o); t++) {
    const actions = typeof policy === "function"
      ? policy(obs)
      : act(policy, obs, n, { deterministic, rng }) as Float32Array;
    const r = env.step(actions);
    for (let i = 0; i < n; i++) {
      if (!open[i]) continue;
      const e = episodes[i];
      e.psi.push(Array.from(r.finalObservations.subarray(3 * i, 3 * i + 3)));
      e.fwhmPs.push(env.lastFwhmPs[i]);
      e.peakRatio.push(env.lastPeakRatio[i]);
      e.rewards.push(r.rewards[i]);
      if (r.terminated[i] || r.truncated[i]) {
        open[i] = false;
        e.terminated = r.terminated[i] === 1;
      }
    }
    obs = r.observations;
  }
  return episodes;
}

/** The pulse at the end of one episode, as seen by {@link PulseRecordingEnv}. */
export interface EpisodeEnd {
  /** FWHM (ps) after the last step. */
  fwhmPs: number;
  /** Peak-intensity ratio to TL after the last step. */
  peakRatio: number;
}

/**
 * A {@link LaserEnv} wrapper for evaluations run by lib/agents (`evalEnv`): every `reset` opens a new group, and
 * the first episode each copy finishes after it is recorded with its final pulse. `groups[k]` then holds the
 * pulses of the k-th evaluation.
 *
 * @example
 * ```ts
 * import { LaserEnv } from "./env.ts";
 * import { PulseRecordingEnv } from "./rollout.ts";
 * const env = new PulseRecordingEnv(new LaserEnv({ numEnvs: 2, maxEpisodeSteps: 3 }));
 * env.reset(0);
 * for (let t = 0; t < 3; t++) env.step(new Float32Array(6));
 * env.groups[0].length; // 2
 * ```
 */
export class PulseRecordingEnv {
  /** The wrapped environment. */
  readonly inner: LaserEnv;
  /** One group per `reset`: the final pulses of the first episode each copy finished. */
  readonly groups: EpisodeEnd[][] = [];
  #done: boolean[] = [];

  /** Wrap `inner`. */
  constructor(inner: LaserEnv) {
    this.inner = inner;
  }
  /** Copies of the wrapped env. */
  get numEnvs(): number {
    return this.inner.numEnvs;
  }
  /** Observation space of the wrapped env. */
  get observationSpace(): LaserEnv["observationSpace"] {
    return this.inner.observationSpace;
  }
  /** Action space of the wrapped env. */
  get actionSpace(): LaserEnv["actionSpace"] {
    return this.inner.actionSpace;
  }
  /** Episode limit of the wrapped env. */
  get maxEpisodeSteps(): number {
    return this.inner.maxEpisodeSteps;
  }
  /** Reset the wrapped env and open a new group. */
  reset(seed: number): Float32Array {
    this.groups.push([]);
    this.#done = new Array(this.inner.numEnvs).fill(false);
    return this.inner.reset(seed);
  }
  /** Step the wrapped env, recording the first episode end of each copy since the last reset. */
  step(actions: Float32Array | Int32Array): ReturnType<LaserEnv["step"]> {
    const r = this.inner.step(actions);
    const group = this.groups.at(-1);
    for (let i = 0; i < this.inner.numEnvs; i++) {
      if ((r.terminated[i] || r.truncated[i]) && !this.#done[i] && group) {
        this.#done[i] = true;
        group.push({ fwhmPs: this.inner.lastFwhmPs[i], peakRatio: this.inner.lastPeakRatio[i] });
      }
    }
    return r;
  }
}
