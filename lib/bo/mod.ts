/**
 * Gaussian processes and Bayesian optimisation shared by paper modules (MBTL's model, the laser module's baseline).
 *
 * - {@link fitGp} / {@link gpPredict} / {@link gpLogMarginalLikelihood}: exact GP regression with
 *   `amplitude × RBF` or `amplitude × Matérn 5/2` kernels (isotropic or ARD), fixed or fitted noise, optional y
 *   normalisation; equal to scikit-learn's `GaussianProcessRegressor` to 1e-8 on the same data and hyperparameters.
 * - {@link bayesOpt} / {@link suggestNext}: generic Bayesian optimisation over a box (GP + EI or UCB, acquisition
 *   maximised by dense random candidates refined by multi-start local search).
 *
 * @example
 * ```ts
 * import { fitGp, gpPredict } from "./mod.ts";
 * const gp = fitGp([0, 1, 2, 3], [0, 0.8, 0.9, 0.1], { kernel: "matern52", restarts: 2 });
 * const { mean, std } = gpPredict(gp, [0.5, 1.5, 2.5]);
 * ```
 *
 * @module
 */
export * from "./kernels.ts";
export * from "./gp.ts";
export * from "./optimize.ts";
export * from "./acquisition.ts";
export * from "./bayes_opt.ts";
