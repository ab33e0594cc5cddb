/**
 * Acquisition functions of Bayesian optimisation, written for maximisation of the objective (a minimiser passes
 * −y): expected improvement (Močkus 1978; Jones et al. 1998, eq. 15) and the upper confidence bound
 * (Srinivas et al. 2010, GP-UCB).
 *
 * @module
 */

/**
 * Standard normal density φ(z).
 *
 * @example
 * ```ts
 * import { normalPdf } from "./acquisition.ts";
 * normalPdf(0); // 0.3989422804014327
 * ```
 */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal distribution function Φ(z), from the complementary error function (W. J. Cody's rational
 * approximation as in Numerical Recipes `erfc`, relative error < 1.2e-7).
 *
 * @example
 * ```ts
 * import { normalCdf } from "./acquisition.ts";
 * normalCdf(0); // 0.5
 * ```
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
                      t *
                        (0.27886807 +
                          t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
  );
  return x >= 0 ? r : 2 - r;
}

/**
 * Expected improvement over `best` of a Gaussian N(mean, std²) when maximising, with exploration margin `xi`:
 * (μ − best − ξ)Φ(z) + σφ(z), z = (μ − best − ξ)/σ; max(μ − best − ξ, 0) when σ = 0.
 *
 * @example
 * ```ts
 * import { expectedImprovement } from "./acquisition.ts";
 * expectedImprovement(0, 1, 0); // φ(0) ≈ 0.3989
 * ```
 */
export function expectedImprovement(mean: number, std: number, best: number, xi = 0): number {
  const diff = mean - best - xi;
  if (!(std > 0)) return Math.max(diff, 0);
  const z = diff / std;
  return diff * normalCdf(z) + std * normalPdf(z);
}

/**
 * Upper confidence bound μ + β σ (maximisation).
 *
 * @example
 * ```ts
 * import { upperConfidenceBound } from "./acquisition.ts";
 * upperConfidenceBound(1, 0.5, 2); // 2
 * ```
 */
export function upperConfidenceBound(mean: number, std: number, beta: number): number {
  return mean + beta * std;
}
