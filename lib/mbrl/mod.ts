/**
 * Model-based RL: dynamics-model ensembles, PETS and MBPO, the VaGraM model loss (Voelcker, Liao, Garg,
 * Farahmand, ICLR 2022) and objective-mismatch reweighting (Lambert, Amos, Yadan, Calandra, L4DC 2020).
 *
 * @module
 */
export * from "./experiments.ts";
