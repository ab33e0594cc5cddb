/**
 * The RAE paper's reported numbers and claims (data/games/paper.json): only its abstract was reachable, so each
 * entry quotes the abstract and says that the table/figure and page were not reachable.
 *
 * @module
 */
import paper from "../../data/games/paper.json" with { type: "json" };

/** One reported number or claim of the paper. */
export interface PaperNumber {
  /** What is measured. */
  name: string;
  /** The number (or claim); null when the text gives none. */
  value: number | string | null;
  /** Unit, when there is one. */
  unit?: string;
  /** Where in the paper. */
  where: string;
  /** Table or figure ("not reported in reachable text" when unknown). */
  table_or_figure: string;
  /** Page ("not reported in reachable text" when unknown). */
  page: string;
  /** The sentence quoted. */
  quote: string;
}

/**
 * The paper's numbers, with citation.
 *
 * @example
 * ```ts
 * import { PAPER_GAMES } from "./paper.ts";
 * PAPER_GAMES.numbers[0].value; // 7 (× fewer crashes than the best baseline)
 * ```
 */
export const PAPER_GAMES: { paper: string; source_note: string; numbers: PaperNumber[] } = paper as {
  paper: string;
  source_note: string;
  numbers: PaperNumber[];
};
