/**
 * Dec-POMFC training and decentralised execution (Cui et al. 2024), and the baselines on the same swarms.
 *
 * - {@link trainDecPomfc}: centralised training — PPO (lib/agents) on the upper-level MDP {@link DecPomfcEnv},
 *   whose state is the kernel mean field and whose action is the lower-level rule's parameter ξ (the paper's
 *   Dec-POMFPPO in spirit; its exact update was not readable, so this is PPO on the upper-level MDP as written in
 *   the abstract and Fig. 1C).
 * - {@link meanFieldSchedule}: the upper-level policy run (mean actions) on a large swarm standing in for the
 *   deterministic mean-field flow, recording ξ_0, …, ξ_{T−1}. In the N → ∞ limit the mean field evolves
 *   deterministically, so this sequence is all an agent needs: decentralised execution ({@link rolloutSwarm} with
 *   `kind: "decpomfc"`) has every agent sample u_i ∼ π̃_{ξ_t}(· | y_i) from its own observation, with no access to
 *   the mean field (open loop in μ, as the paper's executed policies are).
 * - {@link trainIppo}: parameter-shared PPO over agents' local observations (each agent one copy of
 *   {@link SwarmAgentsEnv}), the paper's baseline.
 * - {@link trainMappo}: MAPPO-style. **Simplification**: lib/agents' PPO gives actor and critic the same input, so
 *   the global kernel embedding μ̂_t is appended to every agent's observation for both. Unlike MAPPO, the actor
 *   then uses global information at execution; read it as an upper reference for what centralised information
 *   buys a per-agent policy, not as a decentralised method.
 *
 * @module
 */
import {
  act,
  type Policy,
  type PpoConfig,
  type TrainOptions,
  trainPpo,
  type TrainResult,
} from "../agents/mod.ts";
import { checkInteger, checkOneOf } from "../core/errors.ts";
import {
  agentObservations,
  applyDecisionRule,
  DecPomfcEnv,
  defaultRuleKernel,
  defaultStateKernel,
  SwarmAgentsEnv,
} from "./envs.ts";
import { kernelSize } from "./kernel.ts";
import {
  controlDim,
  createSwarm,
  LOCAL_OBS_DIM,
  observeLocal,
  resetSwarm,
  stepSwarm,
  swarmMetric,
  type SwarmTask,
} from "./swarm.ts";

/**
 * PPO settings shared by the three learners at quick scale (reconstructed; the paper's were not readable):
 * γ = 0.99, learning rate 1e-3, 64-64 tanh networks, 10 epochs of 4 minibatches, no entropy bonus.
 *
 * @example
 * ```ts
 * import { MEANFIELD_PPO } from "./decpomfc.ts";
 * MEANFIELD_PPO.lr; // 1e-3
 * ```
 */
export const MEANFIELD_PPO: Readonly<PpoConfig> = Object.freeze({
  gamma: 0.99,
  lr: 1e-3,
  hiddenSizes: [64, 64],
  updateEpochs: 10,
  numMinibatches: 4,
  entCoef: 0,
});

/** Settings of {@link trainDecPomfc}. */
export interface DecPomfcConfig {
  /** Agents per training swarm N (default 50). */
  numAgents?: number;
  /** Swarm copies stepped together (default 8). */
  numEnvs?: number;
  /** Rule noise σ (default 0.1). */
  ruleNoise?: number;
  /** Scale from PPO's action to ξ (default 0.5; see {@link DecPomfcEnvOptions}). */
  actionScale?: number;
  /** Swarm steps per upper-level decision (default 5; see {@link DecPomfcEnvOptions}). */
  decisionInterval?: number;
  /** Swarm steps summed over copies (default 4000); PPO takes totalSteps / decisionInterval upper-level steps. */
  totalSteps?: number;
  /** PPO config (defaults {@link DECPOMFC_PPO}, `numSteps` = one episode per copy). */
  ppo?: PpoConfig;
}

/**
 * PPO on the upper-level MDP: {@link MEANFIELD_PPO} with learning rate 3e-3 and γ = 0.9 per decision (tuned on
 * three seeds of Kuramoto and Vicsek at N = 50, 6000 swarm steps; the defaults 1e-3 / 0.99 without decision
 * intervals did not beat the uncontrolled swarm in that budget).
 *
 * @example
 * ```ts
 * import { DECPOMFC_PPO } from "./decpomfc.ts";
 * DECPOMFC_PPO.gamma; // 0.9
 * ```
 */
export const DECPOMFC_PPO: Readonly<PpoConfig> = Object.freeze({ ...MEANFIELD_PPO, lr: 3e-3, gamma: 0.9 });

/**
 * Centralised training of Dec-POMFC: PPO on the upper-level MDP. Records carry `episodic_return` (sum of the order
 * metric over an episode) against `step` = swarm steps.
 *
 * @example
 * ```ts ignore
 * import { trainDecPomfc } from "./decpomfc.ts";
 * import { swarmTask } from "./swarm.ts";
 * const { policy } = await trainDecPomfc(swarmTask("kuramoto"), { totalSteps: 2000 }, { seed: 0 });
 * ```
 */
export async function trainDecPomfc(
  task: SwarmTask,
  config: DecPomfcConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const env = new DecPomfcEnv(task, {
    numAgents: config.numAgents ?? 50,
    numEnvs: config.numEnvs ?? 8,
    ruleNoise: config.ruleNoise ?? 0.1,
    actionScale: config.actionScale ?? 0.5,
    decisionInterval: config.decisionInterval ?? 5,
  });
  const k = env.decisionInterval;
  const result = await trainPpo(env, {
    ...DECPOMFC_PPO,
    numSteps: env.maxEpisodeSteps,
    totalSteps: Math.max(1, Math.round((config.totalSteps ?? 4000) / k)),
    ...config.ppo,
  }, { run: `decpomfc/s${opts.seed ?? 0}`, ...opts });
  // Report steps in swarm steps, as the baselines do.
  const records = result.records.map((r) => ({ ...r, step: r.step * k }));
  return { ...result, records, steps: result.steps * k };
}

/** Settings of {@link trainIppo} and {@link trainMappo}. */
export interface SwarmAgentsConfig {
  /** Agents per swarm N (default 50). */
  numAgents?: number;
  /** Swarms stepped together (default 2). */
  numSwarms?: number;
  /** Swarm steps summed over swarms (default 4000); PPO sees N times as many agent steps. */
  totalSteps?: number;
  /** PPO config (defaults {@link MEANFIELD_PPO}, `numSteps` = 2 episodes). */
  ppo?: PpoConfig;
}

async function trainAgents(
  name: "ippo" | "mappo",
  task: SwarmTask,
  config: SwarmAgentsConfig,
  opts: TrainOptions,
): Promise<TrainResult> {
  const n = config.numAgents ?? 50;
  const env = new SwarmAgentsEnv(task, {
    numAgents: n,
    numSwarms: config.numSwarms ?? 2,
    globalInfo: name === "mappo",
  });
  const result = await trainPpo(env, {
    ...MEANFIELD_PPO,
    numSteps: 2 * env.maxEpisodeSteps,
    totalSteps: n * (config.totalSteps ?? 4000),
    ...config.ppo,
  }, { run: `${name}/s${opts.seed ?? 0}`, ...opts });
  // One episodic_return per agent per episode: keep step in swarm steps and average the agents' (equal) returns.
  const records = result.records.map((r) => ({ ...r, step: Math.round(r.step / n) }));
  return { ...result, records, steps: Math.round(result.steps / n) };
}

/**
 * IPPO: parameter-shared PPO whose copies are the agents (local observation and t/T in, own action out, team
 * reward). Records' `step` is converted to swarm steps (agent steps / N).
 *
 * @example
 * ```ts ignore
 * import { trainIppo } from "./decpomfc.ts";
 * import { swarmTask } from "./swarm.ts";
 * const { policy } = await trainIppo(swarmTask("vicsek"), { totalSteps: 2000 }, { seed: 0 });
 * ```
 */
export function trainIppo(
  task: SwarmTask,
  config: SwarmAgentsConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  return trainAgents("ippo", task, config, opts);
}

/**
 * MAPPO-style baseline: as {@link trainIppo} with the kernel mean-field embedding appended to each agent's
 * observation (simplification documented in the module doc).
 *
 * @example
 * ```ts ignore
 * import { trainMappo } from "./decpomfc.ts";
 * import { swarmTask } from "./swarm.ts";
 * const { policy } = await trainMappo(swarmTask("vicsek"), { totalSteps: 2000 }, { seed: 0 });
 * ```
 */
export function trainMappo(
  task: SwarmTask,
  config: SwarmAgentsConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  return trainAgents("mappo", task, config, opts);
}

/** What {@link meanFieldSchedule} returns. */
export interface MeanFieldSchedule {
  /** ξ_t for t = 0..T−1 (each of length a·K). */
  schedule: Float32Array[];
  /** Return of the large-swarm rollout (sum of the order metric over T steps). */
  return: number;
  /** Order metric averaged over each decision interval. */
  metric: number[];
  /** Rule noise σ the schedule was computed with. */
  ruleNoise: number;
}

/**
 * Run the upper-level policy (mean actions) on one swarm of `numAgents` (default 1000) agents standing in for the
 * mean field, and record its decision-rule parameters ξ_t: the open-loop schedule of decentralised execution.
 *
 * @example
 * ```ts ignore
 * import { meanFieldSchedule, trainDecPomfc } from "./decpomfc.ts";
 * import { swarmTask } from "./swarm.ts";
 * const task = swarmTask("kuramoto");
 * const { policy } = await trainDecPomfc(task, { totalSteps: 2000 });
 * const mf = meanFieldSchedule(policy, task, { seed: 1 });
 * ```
 */
export function meanFieldSchedule(
  policy: Policy,
  task: SwarmTask,
  opts: {
    numAgents?: number;
    seed?: number;
    ruleNoise?: number;
    actionScale?: number;
    decisionInterval?: number;
  } = {},
): MeanFieldSchedule {
  const ruleNoise = opts.ruleNoise ?? 0.1;
  const env = new DecPomfcEnv(task, {
    numAgents: opts.numAgents ?? 1000,
    ruleNoise,
    actionScale: opts.actionScale ?? 0.5,
    decisionInterval: opts.decisionInterval ?? 5,
  });
  let obs = env.reset(checkInteger("seed", opts.seed ?? 0, { min: 0 }));
  const schedule: Float32Array[] = [];
  const metric: number[] = [];
  let total = 0;
  for (let t = 0; t < env.maxEpisodeSteps; t++) {
    const r = env.step(act(policy, obs, 1, { deterministic: true }));
    for (let k = 0; k < env.decisionInterval; k++) schedule.push(Float32Array.from(env.lastXi));
    total += r.rewards[0];
    metric.push(r.rewards[0] / env.decisionInterval);
    obs = r.observations;
  }
  return { schedule, return: total, metric, ruleNoise };
}

/** How the agents of a rollout choose their controls. */
export type SwarmController =
  | { kind: "uncontrolled" }
  | { kind: "decpomfc"; schedule: readonly Float32Array[]; ruleNoise: number }
  | { kind: "agents"; policy: Policy; globalInfo: boolean };

/** Options of {@link rolloutSwarm}. */
export interface RolloutOptions {
  /** Agents per swarm N. */
  numAgents: number;
  /** Swarms (default 4). */
  numCopies?: number;
  /** Seed of the swarms' initial states and noise (default 0). */
  seed?: number;
  /** Record positions and angles of swarm 0 at every step (default false). */
  frames?: boolean;
}

/** A swarm snapshot for animation. */
export interface SwarmFrame {
  /** Positions. */
  x: number[];
  /** See {@link SwarmFrame.x}. */
  y: number[];
  /** Angles (rad). */
  theta: number[];
}

/** What {@link rolloutSwarm} returns. */
export interface RolloutResult {
  /** Return of each swarm (sum of the order metric over the horizon). */
  returns: number[];
  /** Order metric averaged over swarms, at t = 0..T. */
  metric: number[];
  /** Swarm 0 at t = 0..T, when asked. */
  frames?: SwarmFrame[];
}

/**
 * Decentralised execution of one horizon on fresh swarms of N agents: each agent acts on its own observation,
 * by the Dec-POMFC rule ξ_t of a precomputed schedule, by an IPPO/MAPPO policy (mean action), or not at all.
 *
 * @example
 * ```ts
 * import { rolloutSwarm } from "./decpomfc.ts";
 * import { swarmTask } from "./swarm.ts";
 * const floor = rolloutSwarm(swarmTask("kuramoto"), { kind: "uncontrolled" }, { numAgents: 50 });
 * floor.metric.length; // 51
 * ```
 */
export function rolloutSwarm(
  task: SwarmTask,
  controller: SwarmController,
  opts: RolloutOptions,
): RolloutResult {
  checkOneOf("controller.kind", controller.kind, ["uncontrolled", "decpomfc", "agents"] as const);
  const copies = checkInteger("numCopies", opts.numCopies ?? 4, { min: 1 });
  const s = createSwarm(task, { numAgents: opts.numAgents, numCopies: copies });
  resetSwarm(s, checkInteger("seed", opts.seed ?? 0, { min: 0 }));
  const n = s.numAgents;
  const T = s.task.horizon;
  const a = controlDim(task);
  const rule = defaultRuleKernel();
  const P = a * kernelSize(rule);
  const kernel = controller.kind === "agents" && controller.globalInfo ? defaultStateKernel(task.name) : null;
  const d = LOCAL_OBS_DIM + 1 + (kernel ? kernelSize(kernel) : 0);
  const local = new Float32Array(copies * n * LOCAL_OBS_DIM);
  const obs = new Float32Array(copies * n * d);
  const u = new Float64Array(copies * n * a);
  const xi = new Float32Array(copies * P);
  const m = new Float64Array(copies);
  const returns = new Array<number>(copies).fill(0);
  const metric: number[] = [];
  const frames: SwarmFrame[] = [];
  const record = () => {
    swarmMetric(s, m);
    metric.push(m.reduce((x, y) => x + y, 0) / copies);
    if (opts.frames) {
      frames.push({
        x: Array.from(s.x.subarray(0, n)),
        y: Array.from(s.y.subarray(0, n)),
        theta: Array.from(s.theta.subarray(0, n)),
      });
    }
  };
  record();
  for (let t = 0; t < T; t++) {
    if (controller.kind === "uncontrolled") u.fill(0);
    else if (controller.kind === "decpomfc") {
      const sched = controller.schedule[t];
      if (sched === undefined || sched.length !== P) {
        throw new RangeError(`controller.schedule[${t}] must hold ${P} values`);
      }
      for (let e = 0; e < copies; e++) xi.set(sched, e * P);
      observeLocal(s, local);
      applyDecisionRule(rule, xi, local, s, controller.ruleNoise, u);
    } else {
      agentObservations(s, kernel, obs, local);
      const out = act(controller.policy, obs, copies * n, { deterministic: true });
      for (let k = 0; k < u.length; k++) u[k] = Math.max(-1, Math.min(1, out[k]));
    }
    stepSwarm(s, u);
    record();
    for (let e = 0; e < copies; e++) returns[e] += m[e];
  }
  return { returns, metric, ...(opts.frames ? { frames } : {}) };
}

/**
 * Mean return per step (return / T): the time-averaged order metric, comparable across tasks and horizons.
 *
 * @example
 * ```ts
 * import { perStep } from "./decpomfc.ts";
 * perStep([25, 30], 50); // 0.55
 * ```
 */
export function perStep(returns: readonly number[], horizon: number): number {
  return returns.reduce((a, b) => a + b, 0) / (returns.length * horizon);
}
