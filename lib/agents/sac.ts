/**
 * Soft Actor-Critic (Haarnoja et al. 2018) trained on a Box-action VecEnv: the environment loop around the
 * {@link createSacLearner} learner (losses and update schedule documented there), following CleanRL's
 * `sac_continuous_action.py` — uniformly random actions (or an Ornstein–Uhlenbeck process, `warmupNoise`) for the
 * first `learningStarts` steps, then one learner update per vectorised env step (`gradientSteps` of them, as SB3's
 * `gradient_steps`) on minibatches drawn uniformly from the replay buffer.
 *
 * @module
 */
import { actionDim, checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { describe } from "../core/errors.ts";
import { Box } from "../core/spaces.ts";
import { episodeMetrics, prepareBackend, TrainLog, type TrainOptions, type TrainResult } from "./_train.ts";
import { act, type Policy } from "./policy.ts";
import { ornsteinUhlenbeck } from "./noise.ts";
import { replayBuffer } from "./replay.ts";
import { createSacLearner, resolveSacConfig, type SacConfig } from "./sac_learner.ts";

export { type ResolvedSacConfig, resolveSacConfig, type SacConfig } from "./sac_learner.ts";

/**
 * Train SAC on a Box-action `env`. Logs `episodic_return`, `qf_loss`, `actor_loss`, `alpha`, `alpha_loss`, and
 * `eval_return` when `opts.evalEnv` or `opts.evaluate` is given.
 *
 * @example
 * ```ts
 * import { trainSac } from "./sac.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const { policy } = await trainSac(makeEnv("Pendulum-v1"), { totalSteps: 600, learningStarts: 300, hiddenSizes: [32, 32] });
 * ```
 */
export async function trainSac(
  env: VecEnv,
  config: SacConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  checkVecEnv("env", env);
  if (!(env.actionSpace instanceof Box)) {
    throw new RangeError(`SAC needs a Box action space, got ${describe(env.actionSpace)}`);
  }
  const cfg = resolveSacConfig(config);
  await prepareBackend(opts.backend);
  const log = new TrainLog("sac", cfg.totalSteps, opts);
  const space = env.actionSpace;
  const N = env.numEnvs;
  const d = obsDim(env.observationSpace);
  const a = actionDim(space);

  const root = log.rng;
  const learnerRng = root.split();
  const actRng = root.split();
  const sampleRng = root.split();
  const envSeed = root.nextUint32();
  const learner = await createSacLearner(d, space, config, learnerRng);
  const buffer = replayBuffer({ capacity: cfg.bufferSize, obsSize: d, discrete: false, actionSize: a });
  const tracker = episodeTracker(N);
  const warmupOu = cfg.warmupNoise === "ou"
    ? ornsteinUhlenbeck(space, N, { theta: cfg.ouTheta, sigma: cfg.ouSigma })
    : null;

  try {
    let policy: Policy = await learner.policy();
    let policyVersion = learner.actorUpdates;
    let obs = Float32Array.from(env.reset(envSeed));
    let globalStep = 0;
    let stepIndex = 0;
    let metrics: Record<string, number> = {};
    while (globalStep < cfg.totalSteps) {
      if (log.aborted) break;
      let actions: Float32Array;
      if (globalStep < cfg.learningStarts && warmupOu !== null) {
        actions = warmupOu(actRng);
      } else if (globalStep < cfg.learningStarts) {
        actions = new Float32Array(N * a);
        for (let i = 0; i < N; i++) space.sample(actRng, actions.subarray(i * a, (i + 1) * a));
      } else {
        actions = act(policy, obs, N, { rng: actRng }) as Float32Array;
      }
      const result = env.step(actions);
      globalStep += N;
      stepIndex++;
      const ep = episodeMetrics(tracker.record(result));
      if (ep) log.log(globalStep, ep);
      buffer.add(obs, actions, result.rewards, result.finalObservations, result.terminated, N);
      obs = Float32Array.from(result.observations);

      if (globalStep > cfg.learningStarts) {
        for (let g = 0; g < cfg.gradientSteps; g++) {
          metrics = { ...metrics, ...await learner.update(buffer.sample(cfg.batchSize, sampleRng)) };
        }
        if (learner.actorUpdates !== policyVersion) {
          policy = await learner.policy();
          policyVersion = learner.actorUpdates;
        }
        if (stepIndex % 100 === 0) log.log(globalStep, metrics);
      }
      if (stepIndex % 100 === 0) log.progress(globalStep);
      if (await log.maybeEvaluate(globalStep, () => learner.policy(), globalStep >= cfg.totalSteps)) break;
    }
    return log.result(await learner.policy(), globalStep);
  } finally {
    learner.dispose();
  }
}
