/**
 * Sample complexity of deep RL on a tabular MDP, as the effective-horizon paper measures it on BRIDGE: train PPO or
 * DQN on the MDP itself (lib/envs `tabularEnv`, one-hot states), evaluate the greedy policy every `evalEvery` env
 * steps, and report the first step at which it is optimal (its return within the reward precision 1e-4 of the
 * optimum). Hyperparameters follow the paper's Stable-Baselines3 setting where it states them (γ = 1; DQN learning
 * from step 0) and CleanRL's defaults otherwise.
 *
 * @module
 */
import { checkInteger, checkOneOf } from "../core/errors.ts";
import { tabularEnv } from "../envs/tabular_env.ts";
import { isDeterministic, type TabularMdp } from "../tabular/mdp.ts";
import { evaluatePolicy as evaluateTabular } from "../tabular/policy_evaluation.ts";
import { act, type Policy } from "../agents/policy.ts";
import { valueIteration } from "../tabular/value_iteration.ts";
import { trainDqn } from "../agents/dqn.ts";
import { trainPpo } from "../agents/ppo.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { REWARD_PRECISION } from "./analysis.ts";

/** Deep RL algorithms compared with the effective horizon. */
export type DeepRlAlgorithm = "ppo" | "dqn";

/** Options of {@link deepRlSampleComplexity}. */
export interface DeepRlOptions {
  /** Env steps allowed (summed over copies). */
  budget: number;
  /** Seed of the run (default 0). */
  seed?: number;
  /** Env steps between greedy evaluations (default budget / 50). */
  evalEvery?: number;
  /** Evaluation episodes (default 1: exact for a deterministic MDP with one start state). */
  evalEpisodes?: number;
  /**
   * Evaluate the greedy policy exactly (its action in every state, then tabular policy evaluation) instead of by
   * episodes. Default: exact when the MDP is stochastic (sticky actions, slip), where a few episodes cannot tell an
   * optimal policy from a near-optimal one; episodes when it is deterministic.
   */
  exactEvaluation?: boolean;
  /** Progress in env steps. */
  onProgress?: ProgressCallback;
  /** Stop request. */
  signal?: AbortSignal;
}

/** What {@link deepRlSampleComplexity} returns. */
export interface DeepRlResult {
  /** First env step at which the greedy policy was optimal; `null` when it never was within the budget. */
  solvedAt: number | null;
  /** The optimal return (value iteration). */
  optimalReturn: number;
  /** Greedy evaluation return at the end. */
  lastEvalReturn: number | null;
  /** Env steps taken. */
  steps: number;
}

/**
 * Train `algorithm` on `mdp` until its greedy policy is optimal or the budget runs out.
 *
 * @example
 * ```ts
 * import { deepRlSampleComplexity } from "./deep_rl.ts";
 * import { gridworld } from "../tabular/gridworld.ts";
 * const grid = gridworld(["S..", "..G"], { horizon: 6 });
 * const { solvedAt } = await deepRlSampleComplexity(grid.mdp, "ppo", { budget: 5000, seed: 0 });
 * ```
 */
export async function deepRlSampleComplexity(
  mdp: TabularMdp,
  algorithm: DeepRlAlgorithm,
  opts: DeepRlOptions,
): Promise<DeepRlResult> {
  checkOneOf("algorithm", algorithm, ["ppo", "dqn"] as const);
  const budget = checkInteger("budget", opts.budget, { min: 1 });
  const evalEvery = checkInteger("evalEvery", opts.evalEvery ?? Math.max(1, Math.floor(budget / 50)), {
    min: 1,
  });
  const optimalReturn = valueIteration(mdp, { keep: "first" }).initialValue;
  const exact = opts.exactEvaluation ?? !isDeterministic(mdp);
  const train = {
    seed: opts.seed ?? 0,
    ...(exact ? { evaluate: exactGreedyReturn(mdp) } : { evalEnv: tabularEnv(mdp) }),
    evalEvery,
    evalEpisodes: opts.evalEpisodes ?? 1,
    targetReturn: optimalReturn - REWARD_PRECISION,
    onProgress: opts.onProgress,
    signal: opts.signal,
  };
  const result = algorithm === "ppo"
    ? await trainPpo(tabularEnv(mdp, { numEnvs: 4 }), { totalSteps: budget, gamma: 1 }, train)
    : await trainDqn(
      tabularEnv(mdp),
      {
        totalSteps: budget,
        gamma: 1,
        learningStarts: 0,
        explorationFraction: 0.1,
        bufferSize: Math.min(budget, 100_000),
        targetNetworkFrequency: 250,
        trainFrequency: 4,
        batchSize: 64,
        lr: 1e-3,
        hiddenSizes: [64, 64],
      },
      train,
    );
  const evals = result.records.flatMap((r) => typeof r.eval_return === "number" ? [r.eval_return] : []);
  return {
    solvedAt: result.solvedAt,
    optimalReturn,
    lastEvalReturn: evals.at(-1) ?? null,
    steps: result.steps,
  };
}

/**
 * The exact return of a policy acting greedily on one-hot states of `mdp` (as {@link tabularEnv} observes them):
 * its deterministic action in every state, evaluated by backward induction.
 *
 * @example
 * ```ts
 * import { exactGreedyReturn } from "./deep_rl.ts";
 * import { gridworld } from "../tabular/gridworld.ts";
 * const evaluate = exactGreedyReturn(gridworld(["S.G"], { horizon: 4, slip: 0.2 }).mdp);
 * // evaluate(policy) → V^π(s₀) for a policy trained on tabularEnv(mdp)
 * ```
 */
export function exactGreedyReturn(mdp: TabularMdp): (policy: Policy) => number {
  const S = mdp.numStates;
  const obs = new Float32Array(S * S);
  for (let s = 0; s < S; s++) obs[s * S + s] = 1;
  return (policy) => {
    const actions = act(policy, obs, S, { deterministic: true });
    if (!(actions instanceof Int32Array)) throw new TypeError("policy must have discrete actions");
    return evaluateTabular(mdp, actions, { keep: "first" }).initialValue;
  };
}
