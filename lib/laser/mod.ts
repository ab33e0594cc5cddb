/**
 * TempoRL (Capuano et al., "TempoRL: laser pulse temporal shape optimization with deep reinforcement
 * learning", arXiv 2304.12187): pulse physics, the stretcher-control environment and baselines.
 *
 * Work in progress: the module's functions land here.
 *
 * @module
 */
export * from "./experiments.ts";
