/**
 * TempoRL (Capuano, Peceli, Tiboni, Camoriano, Rus, "TempoRL: laser pulse temporal shape optimization with deep
 * reinforcement learning", arXiv 2304.12187; official code github.com/fracapuano/TempoRL): the semi-physical
 * model of the ELI Beamlines L1 pump laser (stretcher → gain narrowing → self-phase modulation → compressor),
 * the stretcher-control environment, and the baselines (differential evolution, gradient ascent through the
 * model, Bayesian optimisation).
 *
 * @example
 * ```ts
 * import { createLaserModel, fwhm, syntheticSpectrum, transformLimited } from "./mod.ts";
 * const model = createLaserModel(syntheticSpectrum());
 * const tlPs = fwhm(transformLimited(model), model.dt) * 1e12; // ≈ 1.58 ps
 * ```
 *
 * @module
 */
export * from "./spectrum.ts";
export * from "./physics.ts";
export * from "./controls.ts";
export * from "./env.ts";
export * from "./rollout.ts";
export * from "./baselines.ts";
export * from "./gradient.ts";
export * from "./experiments.ts";
