/**
 * Display names of the dual module's algorithms, for tables and legends.
 *
 * @module
 */

/**
 * Display name of each offline-RL and imitation algorithm id.
 *
 * @example
 * ```ts
 * import { ALGO_LABEL } from "./labels.ts";
 * ALGO_LABEL["fdvl-chi2"]; // "f-DVL χ²"
 * ```
 */
export const ALGO_LABEL: Readonly<Record<string, string>> = Object.freeze({
  "fdvl-chi2": "f-DVL χ²",
  "fdvl-tv": "f-DVL TV",
  iql: "IQL",
  xql: "XQL",
  "xql-raw": "XQL (no clip/rescale)",
  cql: "CQL",
  bc: "BC",
  recoil: "ReCOIL",
  "recoil-chi2": "ReCOIL χ² dual-Q",
  iqlearn: "IQ-Learn (offline)",
  smodice: "SMODICE-style",
  "bc-expert": "BC (expert only)",
  "bc-all": "BC (all data)",
});
