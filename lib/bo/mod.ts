/**
 * Gaussian processes and Bayesian optimisation shared by paper modules (MBTL's model, the laser module's baseline).
 *
 * Work in progress: the module's functions land here.
 *
 * @module
 */
export {};
