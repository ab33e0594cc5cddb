/**
 * The two learning views of a swarm task, both {@link VecEnv}s that lib/agents' PPO trains on:
 *
 * - {@link DecPomfcEnv}: Dec-POMFC's **upper-level MDP** (Cui et al. 2024, the "Dec-MFC MDP" of the N → ∞ limit,
 *   approximated here by a finite swarm of N agents per copy). Its state is the kernel mean-field embedding
 *   μ̂_t of the agents' states (plus t/T, since the horizon is finite); its action ξ_t ∈ [−1, 1]^{a·K}
 *   parameterises the shared lower-level decision rule π̃_t(u | y) = N(u; m_ξ(y), σ²) clipped to [−1, 1] with
 *   m_ξ(y)_j = Σ_k ξ_{jK+k} φ̄_k(y), φ̄ the normalised RBF features of the local observation y (K centres).
 *   One upper-level step: every agent samples its own action from π̃_t with its own observation, the swarm moves,
 *   the reward is the swarm's order metric.
 * - {@link SwarmAgentsEnv}: the N agents of each copy as N copies of a VecEnv (parameter sharing), each observing
 *   its local y_i and t/T and rewarded with the shared team reward: IPPO. With `globalInfo` the kernel embedding
 *   μ̂_t is appended to every agent's observation: our MAPPO-style baseline (see decpomfc.ts for why).
 *
 * **Reconstructed**: kernel sizes and bandwidths ({@link defaultStateKernel}, {@link defaultRuleKernel}), the rule's
 * form (normalised-RBF mean, σ = `ruleNoise`) and the t/T input are our choices.
 *
 * @module
 */
import { createStepResult, type StepResult, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkLength } from "../core/errors.ts";
import { Box } from "../core/spaces.ts";
import { kernelEmbedding, kernelSize, type KernelSpec, kernelSpec, normalizedFeatures } from "./kernel.ts";
import {
  controlDim,
  createSwarm,
  LOCAL_OBS_DIM,
  observeLocal,
  resetCopy,
  resetSwarm,
  stepSwarm,
  swarmMetric,
  type SwarmState,
  type SwarmTask,
} from "./swarm.ts";

/**
 * The kernel over agent states whose mean embeds the mean field (reconstructed): Kuramoto and Vicsek, the angle (12
 * periodic centres, h = 0.5 rad; the reward depends on angles only, and a position × heading grid of 72 centres
 * was too noisy at N = 50 to learn from); Aggregation, position (4 × 4, h = 0.15).
 *
 * @example
 * ```ts
 * import { defaultStateKernel } from "./envs.ts";
 * import { kernelSize } from "./kernel.ts";
 * kernelSize(defaultStateKernel("vicsek")); // 12
 * ```
 */
export function defaultStateKernel(task: SwarmTask["name"]): KernelSpec {
  const angle = (centres: number, bandwidth: number) => ({
    low: -Math.PI,
    high: Math.PI,
    centres,
    bandwidth,
    periodic: true,
  });
  const pos = (centres: number, bandwidth: number) => ({
    low: 0,
    high: 1,
    centres,
    bandwidth,
    periodic: true,
  });
  switch (task) {
    case "kuramoto":
      return kernelSpec([angle(12, 0.5)]);
    case "vicsek":
      return kernelSpec([angle(12, 0.5)]);
    case "aggregation":
      return kernelSpec([pos(4, 0.15), pos(4, 0.15)]);
  }
}

/**
 * The kernel over local observations (the unit disc) that the lower-level rule uses: 2 × 2 Gaussians on
 * {−1, 1}², h = 0.8 (reconstructed; a 3 × 3 grid learned too slowly at quick budgets).
 *
 * @example
 * ```ts
 * import { defaultRuleKernel } from "./envs.ts";
 * import { kernelSize } from "./kernel.ts";
 * kernelSize(defaultRuleKernel()); // 4
 * ```
 */
export function defaultRuleKernel(): KernelSpec {
  const d = { low: -1, high: 1, centres: 2, bandwidth: 0.8, periodic: false };
  return kernelSpec([d, { ...d }]);
}

/** The state coordinates the state kernel reads, per task. */
function stateWidth(task: SwarmTask["name"]): number {
  return task === "aggregation" ? 2 : 1;
}

/**
 * Kernel mean-field embedding of copy `e` of a swarm into `out[offset..)`: μ̂_k = (1/N) Σ_i κ(x_i, b_k).
 *
 * @example
 * ```ts
 * import { defaultStateKernel, embedSwarm } from "./envs.ts";
 * import { createSwarm, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("kuramoto"), { numAgents: 50 });
 * resetSwarm(s, 0);
 * const mu = embedSwarm(s, defaultStateKernel("kuramoto"), 0, new Float32Array(12));
 * ```
 */
export function embedSwarm(
  state: SwarmState,
  spec: KernelSpec,
  e: number,
  out: Float32Array | Float64Array,
  offset = 0,
): Float32Array | Float64Array {
  const w = stateWidth(state.task.name);
  if (spec.dims.length !== w) {
    throw new RangeError(`spec must have ${w} dims for ${state.task.name}, got ${spec.dims.length}`);
  }
  const n = state.numAgents;
  const pts = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    const g = e * n + i;
    if (w === 1) pts[i] = state.theta[g];
    else {
      pts[i * w] = state.x[g];
      pts[i * w + 1] = state.y[g];
    }
  }
  return kernelEmbedding(spec, pts, n, out, offset);
}

/**
 * The lower-level decision rule, applied by every agent of every copy with its own observation: u_i =
 * clip(m_ξ(y_i) + σ·ε_i, −1, 1) with m_ξ(y)_j = Σ_k clip(ξ_{jK+k}, −1, 1)·φ̄_k(y) (see the module doc).
 * `xi` holds one parameter vector per copy (`E × a·K`); `obs` the local observations (`E·N × 2`); noise comes
 * from each copy's stream of `state`. Writes the normalised controls into `out` (`E·N × a`).
 *
 * @example
 * ```ts
 * import { applyDecisionRule, defaultRuleKernel } from "./envs.ts";
 * import { createSwarm, observeLocal, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("vicsek"), { numAgents: 10 });
 * resetSwarm(s, 0);
 * const obs = observeLocal(s, new Float32Array(20));
 * const u = applyDecisionRule(defaultRuleKernel(), new Float32Array(9).fill(0.5), obs, s, 0, new Float64Array(10));
 * ```
 */
export function applyDecisionRule(
  rule: KernelSpec,
  xi: ArrayLike<number>,
  obs: Float32Array,
  state: SwarmState,
  noise: number,
  out: Float64Array,
): Float64Array {
  const K = kernelSize(rule);
  const a = controlDim(state.task);
  const { numAgents: n, numCopies: E } = state;
  checkLength("xi", xi, E * a * K);
  checkLength("obs", obs, E * n * LOCAL_OBS_DIM);
  checkLength("out", out, E * n * a);
  checkInRange("noise", noise, { min: 0 });
  const phi = new Float64Array(K);
  for (let e = 0; e < E; e++) {
    const rng = state.rngs[e];
    for (let i = 0; i < n; i++) {
      const g = e * n + i;
      normalizedFeatures(rule, obs, phi, g * LOCAL_OBS_DIM);
      for (let j = 0; j < a; j++) {
        let m = 0;
        const off = e * a * K + j * K;
        for (let k = 0; k < K; k++) {
          const w = xi[off + k];
          m += (w < -1 ? -1 : w > 1 ? 1 : w) * phi[k];
        }
        const v = noise > 0 ? m + noise * rng.normal() : m;
        out[g * a + j] = v < -1 ? -1 : v > 1 ? 1 : v;
      }
    }
  }
  return out;
}

/** Options of {@link DecPomfcEnv}. */
export interface DecPomfcEnvOptions {
  /** Agents per copy N (the finite-swarm stand-in for the mean field). */
  numAgents: number;
  /** Copies stepped together (default 1). */
  numEnvs?: number;
  /** Kernel over agent states (default {@link defaultStateKernel}). */
  stateKernel?: KernelSpec;
  /** Kernel over local observations for the rule (default {@link defaultRuleKernel}). */
  ruleKernel?: KernelSpec;
  /** Std σ of the rule's Gaussian action noise, in normalised units (default 0.1; reconstructed). */
  ruleNoise?: number;
  /**
   * ξ = actionScale · (PPO's action), then clipped to [−1, 1] by the rule (default 0.5): PPO's Gaussian starts at
   * std 1, and a smaller scale makes its first rules less saturated (an optimisation choice, not the paper's).
   */
  actionScale?: number;
  /**
   * Swarm steps per upper-level step k (default 1; must divide the horizon): ξ is held for k steps and the reward
   * is the metric summed over them, so an episode has T/k decisions and the same return scale.
   */
  decisionInterval?: number;
}

/**
 * Dec-POMFC's upper-level MDP as a VecEnv (see the module doc). Observation `[μ̂_t (M), t/T]`, action ξ_t in
 * [−1, 1]^{a·K} (PPO's action times `actionScale`), reward = the swarm's order metric, episodes of `task.horizon` steps (truncated).
 *
 * @example
 * ```ts
 * import { DecPomfcEnv } from "./envs.ts";
 * import { swarmTask } from "./swarm.ts";
 * const env = new DecPomfcEnv(swarmTask("kuramoto"), { numAgents: 50, numEnvs: 2 });
 * env.reset(0);
 * const r = env.step(new Float32Array(2 * env.actionSpace.size));
 * ```
 */
export class DecPomfcEnv implements VecEnv {
  readonly numEnvs: number;
  readonly observationSpace: Box;
  readonly actionSpace: Box;
  readonly maxEpisodeSteps: number;
  /** The swarm (N agents × numEnvs copies). */
  readonly swarm: SwarmState;
  /** Kernel over agent states. */
  readonly stateKernel: KernelSpec;
  /** Kernel over local observations. */
  readonly ruleKernel: KernelSpec;
  /** Rule noise σ. */
  readonly ruleNoise: number;
  /** Scale from PPO's action to ξ. */
  readonly actionScale: number;
  /** Swarm steps per upper-level step. */
  readonly decisionInterval: number;
  /** The rule parameters ξ of the last step, one row of a·K per copy. */
  readonly lastXi: Float32Array;
  readonly #result: StepResult;
  readonly #obs: Float32Array;
  readonly #u: Float64Array;
  readonly #metric: Float64Array;
  readonly #m: number;

  constructor(task: SwarmTask, opts: DecPomfcEnvOptions) {
    this.numEnvs = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
    this.swarm = createSwarm(task, { numAgents: opts.numAgents, numCopies: this.numEnvs });
    this.stateKernel = opts.stateKernel ?? defaultStateKernel(task.name);
    this.ruleKernel = opts.ruleKernel ?? defaultRuleKernel();
    this.ruleNoise = checkInRange("ruleNoise", opts.ruleNoise ?? 0.1, { min: 0 });
    this.actionScale = checkInRange("actionScale", opts.actionScale ?? 0.5, { min: 0, minOpen: true });
    this.#m = kernelSize(this.stateKernel);
    this.observationSpace = new Box(0, 1, { shape: [this.#m + 1] });
    this.actionSpace = new Box(-1, 1, { shape: [controlDim(task) * kernelSize(this.ruleKernel)] });
    this.decisionInterval = checkInteger("decisionInterval", opts.decisionInterval ?? 1, { min: 1 });
    if (this.swarm.task.horizon % this.decisionInterval !== 0) {
      throw new RangeError(
        `decisionInterval must divide the horizon ${this.swarm.task.horizon}, got ${this.decisionInterval}`,
      );
    }
    this.maxEpisodeSteps = this.swarm.task.horizon / this.decisionInterval;
    this.lastXi = new Float32Array(this.numEnvs * this.actionSpace.size);
    this.#result = createStepResult(this.numEnvs, this.#m + 1);
    const n = this.swarm.numAgents * this.numEnvs;
    this.#obs = new Float32Array(n * LOCAL_OBS_DIM);
    this.#u = new Float64Array(n * controlDim(task));
    this.#metric = new Float64Array(this.numEnvs);
  }

  #observe(e: number, out: Float32Array): void {
    const d = this.#m + 1;
    embedSwarm(this.swarm, this.stateKernel, e, out, e * d);
    out[e * d + this.#m] = this.swarm.t[e] / this.swarm.task.horizon;
  }

  reset(seed: number): Float32Array {
    resetSwarm(this.swarm, seed);
    for (let e = 0; e < this.numEnvs; e++) this.#observe(e, this.#result.observations);
    return this.#result.observations;
  }

  step(actions: Float32Array | Int32Array): StepResult {
    checkLength("actions", actions, this.numEnvs * this.actionSpace.size);
    const s = this.swarm;
    observeLocal(s, this.#obs);
    for (let k = 0; k < actions.length; k++) {
      const v = this.actionScale * actions[k];
      this.lastXi[k] = v < -1 ? -1 : v > 1 ? 1 : v;
    }
    const r = this.#result;
    r.rewards.fill(0);
    for (let k = 0; k < this.decisionInterval; k++) {
      if (k > 0) observeLocal(s, this.#obs);
      applyDecisionRule(this.ruleKernel, this.lastXi, this.#obs, s, this.ruleNoise, this.#u);
      stepSwarm(s, this.#u);
      swarmMetric(s, this.#metric);
      for (let e = 0; e < this.numEnvs; e++) r.rewards[e] += this.#metric[e];
    }
    for (let e = 0; e < this.numEnvs; e++) {
      r.terminated[e] = 0;
      this.#observe(e, r.finalObservations);
      const done = s.t[e] >= s.task.horizon;
      r.truncated[e] = done ? 1 : 0;
      if (done) resetCopy(s, e);
      this.#observe(e, r.observations);
    }
    return r;
  }
}

/**
 * Per-agent observations `[y_i (2), t/T, μ̂_t (if stateKernel)]` of every agent of every copy into `out`
 * (`E·N × (3 + M)`), the input of IPPO (`stateKernel` null) and MAPPO-style policies. `local` (`E·N·2`) and `mu`
 * (M) are scratch buffers.
 *
 * @example
 * ```ts
 * import { agentObservations } from "./envs.ts";
 * import { createSwarm, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("vicsek"), { numAgents: 10 });
 * resetSwarm(s, 0);
 * const obs = agentObservations(s, null, new Float32Array(30));
 * ```
 */
export function agentObservations(
  state: SwarmState,
  stateKernel: KernelSpec | null,
  out: Float32Array,
  local: Float32Array = new Float32Array(state.numAgents * state.numCopies * LOCAL_OBS_DIM),
  mu: Float32Array = new Float32Array(stateKernel ? kernelSize(stateKernel) : 0),
): Float32Array {
  const n = state.numAgents;
  const m = stateKernel ? kernelSize(stateKernel) : 0;
  const d = LOCAL_OBS_DIM + 1 + m;
  checkLength("out", out, n * state.numCopies * d);
  observeLocal(state, local);
  for (let e = 0; e < state.numCopies; e++) {
    if (stateKernel) embedSwarm(state, stateKernel, e, mu);
    const time = state.t[e] / state.task.horizon;
    for (let i = 0; i < n; i++) {
      const g = e * n + i;
      out[g * d] = local[2 * g];
      out[g * d + 1] = local[2 * g + 1];
      out[g * d + 2] = time;
      if (stateKernel) out.set(mu.subarray(0, m), g * d + 3);
    }
  }
  return out;
}

/** Options of {@link SwarmAgentsEnv}. */
export interface SwarmAgentsEnvOptions {
  /** Agents per swarm N. */
  numAgents: number;
  /** Independent swarms (default 1); `numEnvs = numSwarms · N`. */
  numSwarms?: number;
  /** Append the kernel mean-field embedding to every agent's observation (MAPPO-style; default false). */
  globalInfo?: boolean;
  /** Kernel over agent states for `globalInfo` (default {@link defaultStateKernel}). */
  stateKernel?: KernelSpec;
}

/**
 * Every agent of `numSwarms` swarms as one copy of a VecEnv (parameter-shared independent learners): observation
 * `[y_i (2), t/T]` (+ μ̂_t with `globalInfo`), action the agent's normalised control in [−1, 1]^a, reward the
 * shared team reward (the swarm's order metric); all agents of a swarm end their episode together.
 *
 * @example
 * ```ts
 * import { SwarmAgentsEnv } from "./envs.ts";
 * import { swarmTask } from "./swarm.ts";
 * const env = new SwarmAgentsEnv(swarmTask("vicsek"), { numAgents: 20 });
 * env.reset(0).length; // 20 · 3
 * ```
 */
export class SwarmAgentsEnv implements VecEnv {
  readonly numEnvs: number;
  readonly observationSpace: Box;
  readonly actionSpace: Box;
  readonly maxEpisodeSteps: number;
  /** The swarms. */
  readonly swarm: SwarmState;
  /** Kernel over agent states (used when `globalInfo`). */
  readonly stateKernel: KernelSpec | null;
  readonly #result: StepResult;
  readonly #obs: Float32Array;
  readonly #u: Float64Array;
  readonly #metric: Float64Array;
  readonly #mu: Float32Array;

  constructor(task: SwarmTask, opts: SwarmAgentsEnvOptions) {
    const swarms = checkInteger("numSwarms", opts.numSwarms ?? 1, { min: 1 });
    this.swarm = createSwarm(task, { numAgents: opts.numAgents, numCopies: swarms });
    this.numEnvs = this.swarm.numAgents * swarms;
    this.stateKernel = opts.globalInfo ? opts.stateKernel ?? defaultStateKernel(task.name) : null;
    const m = this.stateKernel ? kernelSize(this.stateKernel) : 0;
    const d = LOCAL_OBS_DIM + 1 + m;
    this.observationSpace = new Box(-1, 1, { shape: [d] });
    this.actionSpace = new Box(-1, 1, { shape: [controlDim(task)] });
    this.maxEpisodeSteps = this.swarm.task.horizon;
    this.#result = createStepResult(this.numEnvs, d);
    this.#obs = new Float32Array(this.numEnvs * LOCAL_OBS_DIM);
    this.#u = new Float64Array(this.numEnvs * controlDim(task));
    this.#metric = new Float64Array(swarms);
    this.#mu = new Float32Array(Math.max(1, m));
  }

  #observe(out: Float32Array): void {
    agentObservations(this.swarm, this.stateKernel, out, this.#obs, this.#mu);
  }

  reset(seed: number): Float32Array {
    resetSwarm(this.swarm, seed);
    this.#observe(this.#result.observations);
    return this.#result.observations;
  }

  step(actions: Float32Array | Int32Array): StepResult {
    checkLength("actions", actions, this.#u.length);
    this.#u.set(actions);
    const s = this.swarm;
    stepSwarm(s, this.#u);
    swarmMetric(s, this.#metric);
    const r = this.#result;
    this.#observe(r.finalObservations);
    const n = s.numAgents;
    let anyDone = false;
    for (let e = 0; e < s.numCopies; e++) {
      const done = s.t[e] >= this.maxEpisodeSteps;
      if (done) {
        resetCopy(s, e);
        anyDone = true;
      }
      for (let i = e * n; i < (e + 1) * n; i++) {
        r.rewards[i] = this.#metric[e];
        r.terminated[i] = 0;
        r.truncated[i] = done ? 1 : 0;
      }
    }
    if (anyDone) this.#observe(r.observations);
    else r.observations.set(r.finalObservations);
    return r;
  }
}
