/**
 * Model-based transfer learning (Cho, Jayawardana, Li, Wu, "Model-Based Transfer Learning for Contextual
 * Reinforcement Learning", NeurIPS 2024): MBTL's source-task selection and transfer matrices.
 *
 * Work in progress: the module's functions land here.
 *
 * @module
 */
export * from "./experiments.ts";
