/**
 * Dec-POMFC (Cui, Hauck, Fabian, Koeppl, "Learning Decentralized Partially Observable Mean Field Control for
 * Artificial Collective Behavior", ICLR 2024, arXiv 2307.06175): swarm environments vectorised over agents and
 * copies, kernel mean-field embeddings, and decentralised partially observable mean-field control trained as a
 * single-agent MDP on the mean field.
 *
 * @module
 */
export * from "./experiments.ts";
