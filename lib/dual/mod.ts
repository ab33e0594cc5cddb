/**
 * Dual RL (Sikchi, Zheng, Zhang, Niekum, "Dual RL: Unification and New Methods for Reinforcement and Imitation
 * Learning", ICLR 2024): f-DVL for offline RL, ReCOIL for offline imitation, and the baselines they are compared
 * with, on D4RL-layout datasets.
 *
 * @module
 */
export * from "./experiments.ts";
