/**
 * Model-based RL: dynamics-model ensembles, PETS and MBPO, the VaGraM model loss (Voelcker, Liao, Garg,
 * Farahmand, "Value Gradient weighted Model-Based Reinforcement Learning", ICLR 2022) and objective-mismatch
 * reweighting (Lambert, Amos, Yadan, Calandra, "Objective Mismatch in Model-based Reinforcement Learning", L4DC
 * 2020).
 *
 * - models.ts: probabilistic (Gaussian, soft-bounded log-variance) or deterministic ensembles predicting
 *   standardised state deltas, trained with NLL, MSE, VaGraM or IterVAML, optionally weighted per transition;
 * - losses.ts: the losses as pure functions, value gradients, VaGraM's gradient stabilisation, expert-proximity
 *   weights;
 * - pets.ts: CEM-MPC with TS∞ particles over a learned ensemble or the true dynamics, and the PETS loop;
 * - mbpo.ts: MBPO on lib/agents' SAC learner (known or learned reward, optional elites);
 * - elites.ts: held-out split, per-member held-out error and elite selection (MBPO's 5 of 7);
 * - locomotion.ts: the MuJoCo locomotion termination rules for model rollouts;
 * - envs.ts: a continuous-action CartPole and VaGraM's distractor dimensions;
 * - experiments.ts: the notebook's and `repro mbrl`'s experiments.
 *
 * @example
 * ```ts
 * import { mbrl } from "../../mod.ts";
 * import { pendulum } from "../envs/pendulum.ts";
 * import { Box } from "../core/spaces.ts";
 * const planner = mbrl.createPlanner(mbrl.pendulumTrueModel(), mbrl.pendulumTask(), new Box([-2], [2]), {
 *   population: 100, horizon: 30, iterations: 3, elites: 10,
 * });
 * const ep = mbrl.runEpisode(pendulum(), (o, rng) => planner.act(o, rng), { seed: 1, rng: mbrl.rngOf(1) });
 * console.log(ep.return); // about −120 (swung up and held)
 * ```
 *
 * @module
 */
export * from "./envs.ts";
export * from "./losses.ts";
export * from "./models.ts";
export * from "./pets.ts";
export * from "./mbpo.ts";
export * from "./elites.ts";
export * from "./locomotion.ts";
export * from "./experiments.ts";
