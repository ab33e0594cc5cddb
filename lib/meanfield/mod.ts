/**
 * Dec-POMFC (Cui, Hauck, Fabian, Koeppl, "Learning Decentralized Partially Observable Mean Field Control for
 * Artificial Collective Behavior", ICLR 2024, arXiv 2307.06175): swarm environments vectorised over agents and
 * copies, kernel mean-field embeddings, and decentralised partially observable mean-field control trained as a
 * single-agent MDP on the mean field.
 *
 * The paper's body and appendix were not readable for this reproduction: the models follow the abstract and
 * Fig. 1, and every constant is marked as reconstructed (see data/meanfield/paper.json).
 *
 * @example
 * ```ts
 * import { rolloutSwarm, swarmTask } from "./mod.ts";
 * const floor = rolloutSwarm(swarmTask("vicsek"), { kind: "uncontrolled" }, { numAgents: 50 });
 * floor.metric.at(-1); // polarisation of the uncontrolled swarm
 * ```
 *
 * @module
 */
export * from "./swarm.ts";
export * from "./kernel.ts";
export * from "./envs.ts";
export * from "./decpomfc.ts";
export * from "./figures.ts";
export * from "./experiments.ts";
