/**
 * Tables as Plotly figures (for notebooks and figure lists); `tableHtml` in html.ts gives the plain-HTML form.
 *
 * @module
 */
import { checkInteger, checkLength, describe } from "../core/errors.ts";
import { checkOptionalString } from "./_layout.ts";
import { type Figure, formatNumber } from "./figure.ts";

/** One table cell: shown as text; numbers are formatted by {@link formatCell}, null/undefined as an empty cell. */
export type TableCell = string | number | boolean | null | undefined;

/** A table: column headers and rows of cells (row-major, each row as long as `columns`). */
export interface TableData {
  /** Column headers. */
  columns: string[];
  /** Rows of cells. */
  rows: TableCell[][];
  /** Significant digits of non-integer numbers. Default 4. */
  digits?: number;
}

/**
 * A cell as text: numbers through `formatNumber` (integers as they are, others to `digits` significant digits),
 * null/undefined as "".
 *
 * @example
 * ```ts
 * import { formatCell } from "./table.ts";
 * formatCell(0.87654); // "0.8765"
 * formatCell(null); // ""
 * ```
 */
export function formatCell(cell: TableCell, digits = 4): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return formatNumber(cell, digits);
  if (typeof cell === "boolean") return String(cell);
  if (typeof cell === "string") return cell;
  throw new TypeError(`cell must be a string, number, boolean or null, got ${describe(cell)}`);
}

/**
 * Check a table's shape and return its cells as text, row-major (`cells[row][column]`).
 *
 * @example
 * ```ts
 * import { tableCells } from "./table.ts";
 * tableCells({ columns: ["task", "ours"], rows: [["CartPole", 487.25]] }); // [["CartPole", "487.3"]]
 * ```
 */
export function tableCells(table: TableData): string[][] {
  if (typeof table !== "object" || table === null) {
    throw new TypeError(`table must be an object, got ${describe(table)}`);
  }
  const { columns, rows, digits = 4 } = table;
  checkLength("columns", columns);
  columns.forEach((c, j) => {
    if (typeof c !== "string") throw new TypeError(`columns[${j}] must be a string, got ${describe(c)}`);
  });
  checkLength("rows", rows);
  checkInteger("digits", digits, { min: 1, max: 21 });
  return rows.map((row, i) => {
    checkLength(`rows[${i}]`, row, columns.length);
    return Array.from(row, (cell, j) => {
      if (cell !== null && cell !== undefined && !["string", "number", "boolean"].includes(typeof cell)) {
        throw new TypeError(
          `rows[${i}][${j}] must be a string, number, boolean or null, got ${describe(cell)}`,
        );
      }
      return formatCell(cell, digits);
    });
  });
}

/** Options of {@link tableFigure}. */
export interface TableFigureOptions extends TableData {
  /** Figure title. */
  title?: string;
}

/**
 * A Plotly table trace (columns with only numbers are right-aligned, others left-aligned). The height grows with
 * the rows up to 600 px; beyond that the table scrolls.
 *
 * @example
 * ```ts
 * import { tableFigure } from "./table.ts";
 * const fig = tableFigure({ columns: ["task", "paper", "ours"], rows: [["CartPole", 500, 487.25]] });
 * fig.data[0].cells; // { values: [["CartPole"], ["500"], ["487.3"]], align: ["left", "right", "right"], ... }
 * ```
 */
export function tableFigure(opts: TableFigureOptions): Figure {
  const cells = tableCells(opts);
  checkOptionalString("title", opts.title);
  const columns = opts.columns;
  const align = columns.map((_, j) =>
    opts.rows.length > 0 &&
      opts.rows.every((r) => typeof r[j] === "number" || r[j] === null || r[j] === undefined)
      ? "right"
      : "left"
  );
  const values = columns.map((_, j) => cells.map((row) => row[j]));
  const layout: Record<string, unknown> = {
    margin: { t: opts.title === undefined ? 10 : 50, b: 10, l: 10, r: 10 },
    height: Math.min(600, (opts.title === undefined ? 30 : 70) + 28 * (cells.length + 1)),
  };
  if (opts.title !== undefined) layout.title = { text: opts.title };
  return {
    data: [{
      type: "table",
      header: {
        values: [...columns],
        align,
        fill: { color: "#f0f0f0" },
        font: { size: 13 },
        line: { color: "#cccccc" },
      },
      cells: { values, align, height: 26, line: { color: "#dddddd" } },
    }],
    layout,
  };
}
