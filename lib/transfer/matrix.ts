/**
 * Transfer matrices: `values[i][j]` = J(π_{x_i}, x_j), the return of the policy trained on source context x_i,
 * evaluated zero-shot on target context x_j (rows are sources, columns targets, as in MBTL's
 * `<name>_transfer_result.csv`). After training sources x_1..x_k, each target uses its best trained policy,
 * V_k(y) = max_{i ≤ k} J(π_{x_i}, y), and the generalised performance is the mean of V_k over targets
 * (Cho et al. 2024, problem statement; `collect_J_matrix` in the official code).
 *
 * @module
 */
import { checkFinite, checkFiniteArray, checkInteger } from "../core/errors.ts";

/** A square transfer matrix over N contexts. */
export interface TransferMatrix {
  /** Context values x_0..x_{N−1} (increasing), e.g. pole lengths. */
  contexts: number[];
  /** values[source][target] = J(π_source, target). */
  values: number[][];
  /** Environment steps spent training each source (cost axis); default 1 per source when unknown. */
  steps?: number[];
}

/**
 * Validate a transfer matrix (square, finite, one context per row) and return it.
 *
 * @example
 * ```ts
 * import { checkTransferMatrix } from "./matrix.ts";
 * checkTransferMatrix({ contexts: [0, 1], values: [[1, 0.5], [0.4, 1]] });
 * ```
 */
export function checkTransferMatrix(m: TransferMatrix): TransferMatrix {
  if (m == null || typeof m !== "object") throw new TypeError("matrix must be a TransferMatrix object");
  const n = checkFiniteArray("matrix.contexts", m.contexts).length;
  if (!Array.isArray(m.values) || m.values.length !== n) {
    throw new RangeError(`matrix.values must have ${n} rows (one per context), got ${m.values?.length}`);
  }
  m.values.forEach((row, i) => {
    checkFiniteArray(`matrix.values[${i}]`, row);
    if (row.length !== n) {
      throw new RangeError(`matrix.values[${i}] must have ${n} columns, got ${row.length}`);
    }
  });
  if (m.steps !== undefined) {
    checkFiniteArray("matrix.steps", m.steps);
    if (m.steps.length !== n) {
      throw new RangeError(`matrix.steps must have ${n} entries, got ${m.steps.length}`);
    }
  }
  return m;
}

/**
 * Min–max normalise returns to [0, 1]-ish with fixed bounds, as MBTL's `import_data` does per domain
 * (CartPole [0, 500], Pendulum [−2200, −500]); values outside the bounds are not clipped.
 *
 * @example
 * ```ts
 * import { normalizeMatrix } from "./matrix.ts";
 * normalizeMatrix({ contexts: [0, 1], values: [[500, 250], [0, 500]] }, 0, 500).values; // [[1, 0.5], [0, 1]]
 * ```
 */
export function normalizeMatrix(m: TransferMatrix, lower: number, upper: number): TransferMatrix {
  checkTransferMatrix(m);
  checkFinite("lower", lower);
  checkFinite("upper", upper);
  if (!(upper > lower)) throw new RangeError(`upper must be > lower, got [${lower}, ${upper}]`);
  return {
    contexts: m.contexts.slice(),
    values: m.values.map((row) => row.map((v) => (v - lower) / (upper - lower))),
    ...(m.steps ? { steps: m.steps.slice() } : {}),
  };
}

/**
 * Generalised performance after each step of a source sequence: entry k−1 is mean_y max_{i ≤ k} J(π_{s_i}, y).
 *
 * @example
 * ```ts
 * import { generalizedPerformance } from "./matrix.ts";
 * generalizedPerformance({ contexts: [0, 1], values: [[1, 0.5], [0.4, 1]] }, [0, 1]); // [0.75, 1]
 * ```
 */
export function generalizedPerformance(m: TransferMatrix, sources: readonly number[]): number[] {
  const n = m.contexts.length;
  const best = new Float64Array(n).fill(-Infinity);
  return sources.map((s, k) => {
    checkInteger(`sources[${k}]`, s, { min: 0, max: n - 1 });
    let total = 0;
    for (let j = 0; j < n; j++) {
      best[j] = Math.max(best[j], m.values[s][j]);
      total += best[j];
    }
    return total / n;
  });
}

/**
 * Cumulative training cost of a source sequence (from `matrix.steps`, else 1 per source).
 *
 * @example
 * ```ts
 * import { cumulativeSteps } from "./matrix.ts";
 * cumulativeSteps({ contexts: [0, 1], values: [[1, 0], [0, 1]], steps: [10, 30] }, [1, 0]); // [30, 40]
 * ```
 */
export function cumulativeSteps(m: TransferMatrix, sources: readonly number[]): number[] {
  let total = 0;
  return sources.map((s) => (total += m.steps ? m.steps[s] : 1));
}

/**
 * Mean of the diagonal: every context trained on its own (independent training, N training runs).
 *
 * @example
 * ```ts
 * import { independentPerformance } from "./matrix.ts";
 * independentPerformance({ contexts: [0, 1], values: [[1, 0.5], [0.4, 0.8]] }); // 0.9
 * ```
 */
export function independentPerformance(m: TransferMatrix): number {
  checkTransferMatrix(m);
  return m.values.reduce((s, row, i) => s + row[i], 0) / m.contexts.length;
}

/**
 * Mean over targets of the best source in the whole matrix (oracle transfer: every source trained, the best
 * chosen per target).
 *
 * @example
 * ```ts
 * import { oracleTransferPerformance } from "./matrix.ts";
 * oracleTransferPerformance({ contexts: [0, 1], values: [[1, 0.5], [0.4, 0.8]] }); // 0.9
 * ```
 */
export function oracleTransferPerformance(m: TransferMatrix): number {
  checkTransferMatrix(m);
  const n = m.contexts.length;
  let total = 0;
  for (let j = 0; j < n; j++) {
    let best = -Infinity;
    for (let i = 0; i < n; i++) best = Math.max(best, m.values[i][j]);
    total += best;
  }
  return total / n;
}

/**
 * CSV text of a matrix, one line per source (a training run): `source,context,steps,t0,...,t{N−1}`.
 *
 * @example
 * ```ts
 * import { transferMatrixToCsv } from "./matrix.ts";
 * transferMatrixToCsv({ contexts: [0, 1], values: [[1, 0.5], [0.4, 1]] });
 * ```
 */
export function transferMatrixToCsv(m: TransferMatrix): string {
  checkTransferMatrix(m);
  const n = m.contexts.length;
  const lines = [csvHeader(n)];
  for (let i = 0; i < n; i++) lines.push(csvLine(i, m.contexts[i], m.steps ? m.steps[i] : 1, m.values[i]));
  return lines.join("\n") + "\n";
}

/**
 * Header of a transfer CSV over n targets.
 *
 * @example
 * ```ts
 * import { csvHeader } from "./matrix.ts";
 * csvHeader(2); // "source,context,steps,t0,t1"
 * ```
 */
export function csvHeader(n: number): string {
  return ["source", "context", "steps", ...Array.from({ length: n }, (_, j) => `t${j}`)].join(",");
}

/**
 * One source's line of a transfer CSV.
 *
 * @example
 * ```ts
 * import { csvLine } from "./matrix.ts";
 * csvLine(0, 0.5, 1000, [500, 31]); // "0,0.5,1000,500,31"
 * ```
 */
export function csvLine(source: number, context: number, steps: number, row: ArrayLike<number>): string {
  return [source, context, steps, ...Array.from(row)].join(",");
}

/** Rows read from a (possibly partial) transfer CSV, keyed by source index. */
export interface TransferCsvRows {
  /** Number of targets (columns t0..). */
  n: number;
  /** source index → { context, steps, row }. */
  rows: Map<number, { context: number; steps: number; row: number[] }>;
}

/**
 * Parse a transfer CSV, complete or partial (a build stopped midway); a later line for the same source wins.
 *
 * @example
 * ```ts
 * import { parseTransferCsv } from "./matrix.ts";
 * parseTransferCsv("source,context,steps,t0,t1\n0,0.5,100,1,0.5\n").rows.get(0)?.row; // [1, 0.5]
 * ```
 */
export function parseTransferCsv(text: string): TransferCsvRows {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new RangeError("transfer CSV is empty (no header)");
  const header = lines[0].split(",");
  if (header[0] !== "source" || header[1] !== "context" || header[2] !== "steps") {
    throw new RangeError(
      `transfer CSV header must start with source,context,steps, got ${lines[0].slice(0, 40)}`,
    );
  }
  const n = header.length - 3;
  const rows = new Map<number, { context: number; steps: number; row: number[] }>();
  for (let l = 1; l < lines.length; l++) {
    const cells = lines[l].split(",").map(Number);
    if (cells.length !== n + 3 || cells.some((v) => !Number.isFinite(v))) {
      throw new RangeError(`transfer CSV line ${l + 1} must hold ${n + 3} finite numbers`);
    }
    rows.set(cells[0], { context: cells[1], steps: cells[2], row: cells.slice(3) });
  }
  return { n, rows };
}

/**
 * The complete matrix from parsed CSV rows; throws naming the missing sources if the build is unfinished.
 *
 * @example
 * ```ts
 * import { matrixFromCsv, parseTransferCsv } from "./matrix.ts";
 * matrixFromCsv(parseTransferCsv("source,context,steps,t0\n0,0.5,100,1\n")).values; // [[1]]
 * ```
 */
export function matrixFromCsv(parsed: TransferCsvRows): TransferMatrix {
  const missing = Array.from({ length: parsed.n }, (_, i) => i).filter((i) => !parsed.rows.has(i));
  if (missing.length) throw new RangeError(`transfer CSV lacks sources ${missing.join(", ")}`);
  const order = Array.from({ length: parsed.n }, (_, i) => parsed.rows.get(i)!);
  return checkTransferMatrix({
    contexts: order.map((r) => r.context),
    values: order.map((r) => r.row),
    steps: order.map((r) => r.steps),
  });
}
