/**
 * The effective-horizon papers' reported numbers and claims, with their sources (data/horizon/paper.json): what the
 * notebook and the report put beside ours. Numbers we could not find in text are the string "not reported in text".
 *
 * @module
 */
import paper from "../../data/horizon/paper.json" with { type: "json" };

/** A claim quoted from a paper, with where it is. */
export interface PaperClaim {
  /** The claim, quoted. */
  quote: string;
  /** Paper and place (abstract, table, page). */
  source: string;
  /** The number, or "not reported in text". */
  value: string;
}

/** An official analysis row: horizon T, min k, effective planning window and the Theorem 5.4 bound. */
export interface OfficialAnalysis {
  /** Horizon T. */
  horizon: number;
  /** Smallest k making the MDP k-QVI-solvable. */
  minK: number;
  /** Effective planning window. */
  epw: number;
  /** Theorem 5.4 bound (effective_horizon_simple). */
  bound: number;
}

/**
 * The effective-horizon papers' claims and official numbers.
 *
 * @example
 * ```ts
 * import { PAPER_HORIZON } from "./paper.ts";
 * PAPER_HORIZON.officialAnalysis["freeway_10_fs30"].bound; // 8
 * PAPER_HORIZON.shapingClaim.value; // "not reported in text"
 * ```
 */
export const PAPER_HORIZON: {
  correlationClaim: PaperClaim;
  shapingClaim: PaperClaim;
  sqirlClaim: PaperClaim;
  oneQviFraction: PaperClaim;
  officialAnalysis: Record<string, OfficialAnalysis>;
  raw: typeof paper;
} = {
  ...paper.claims,
  officialAnalysis: paper.officialAnalysis.mdps,
  raw: paper,
};
