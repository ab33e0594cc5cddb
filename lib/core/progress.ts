/**
 * Progress display for long work, adapted to where it runs: an updating HTML bar in the Deno Jupyter kernel, a
 * single-line bar redrawn with `\r` on a terminal, and a plain line every ~10% elsewhere (CI logs stay short).
 * Long-running functions take an `onProgress` {@link ProgressCallback}; {@link progressCallback} turns one into a
 * display.
 *
 * @module
 */
import { checkFinite, checkFunction, checkInRange, checkOneOf, describe } from "./errors.ts";

/** Progress report passed to `onProgress` callbacks: `done` out of `total`, plus any named metrics. */
export type ProgressCallback = (info: { done: number; total: number; [k: string]: number | string }) => void;

/** Extra values shown beside the bar, e.g. `{ loss: 0.12, phase: "eval" }`. */
export type ProgressInfo = Record<string, number | string>;

/** Where and how progress is drawn. */
export type ProgressMode = "jupyter" | "tty" | "text" | "silent";

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Total amount of work (≥ 0) in the caller's units (steps, runs, episodes). */
  total: number;
  /** Short label shown before the bar. */
  label?: string;
  /**
   * Display mode; default: `"jupyter"` inside the Deno kernel, else `"tty"` when stderr is a terminal, else
   * `"text"`. `"silent"` draws nothing.
   */
  mode?: ProgressMode;
  /** Where `"tty"` and `"text"` output goes; default stderr. */
  write?: (s: string) => void;
  /** Minimum milliseconds between redraws in `"tty"` and `"jupyter"` modes; default 100 (≤ 10 per second). */
  minIntervalMs?: number;
  /** Clock in milliseconds; default `performance.now` (tests inject a fake one). */
  now?: () => number;
}

/** A live progress display; see {@link progress}. */
export interface Progress {
  /** Report that `done` units are complete, with optional values to show. */
  update(done: number, info?: ProgressInfo): void;
  /** Draw the final state and end the display (idempotent). */
  finish(): void;
}

interface Jupyter {
  broadcast(msgType: string, content: Record<string, unknown>): Promise<void> | void;
}

/** The Deno Jupyter API when running inside `deno jupyter`; outside the kernel, reading `Deno.jupyter` throws. */
function jupyterApi(): Jupyter | undefined {
  try {
    const api = (Deno as unknown as { jupyter?: Partial<Jupyter> }).jupyter;
    return typeof api?.broadcast === "function" ? (api as Jupyter) : undefined;
  } catch {
    return undefined;
  }
}

function stderrIsTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

function writeStderr(s: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(s));
}

/** `1234.5` → `"1.23k"`: compact rate display. */
function compact(x: number): string {
  if (!Number.isFinite(x)) return "?";
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${(x / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${(x / 1e3).toPrecision(3)}k`;
  if (a >= 100 || Number.isInteger(x)) return x.toFixed(0);
  return x.toPrecision(3);
}

/** Seconds → `"42s"`, `"3m05s"`, `"1h02m"`. */
function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

function formatInfo(info: ProgressInfo): string {
  return Object.entries(info)
    .map(([k, v]) => `${k}=${typeof v === "number" && !Number.isInteger(v) ? v.toPrecision(4) : v}`)
    .join(" ");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

let displayCounter = 0;

/**
 * Start a progress display for `total` units of work.
 *
 * In Jupyter the bar is one output that updates in place (`display_data`, then `update_display_data` with the same
 * `display_id`). Updates are sent asynchronously, so a loop that never awaits shows them only when it yields; long
 * loops should `await` now and then (e.g. once per epoch).
 *
 * @example
 * ```ts
 * import { progress } from "./progress.ts";
 * const bar = progress({ total: 1000, label: "train" });
 * for (let step = 1; step <= 1000; step++) {
 *   bar.update(step, { loss: 1 / step });
 * }
 * bar.finish();
 * ```
 */
export function progress(opts: ProgressOptions): Progress {
  if (opts === null || typeof opts !== "object") {
    throw new TypeError(`opts must be an object with a total, got ${describe(opts)}`);
  }
  const total = checkInRange("total", opts.total, { min: 0 });
  const label = opts.label ?? "";
  if (typeof label !== "string") throw new TypeError(`label must be a string, got ${describe(label)}`);
  const jupyter = opts.mode === undefined || opts.mode === "jupyter" ? jupyterApi() : undefined;
  const mode: ProgressMode = opts.mode === undefined
    ? (jupyter ? "jupyter" : opts.write === undefined && stderrIsTerminal() ? "tty" : "text")
    : checkOneOf("mode", opts.mode, ["jupyter", "tty", "text", "silent"] as const);
  if (mode === "jupyter" && !jupyter) throw new RangeError('mode "jupyter" needs the Deno Jupyter kernel');
  const write = opts.write === undefined
    ? writeStderr
    : checkFunction("write", opts.write) as (s: string) => void;
  const minInterval = checkInRange("minIntervalMs", opts.minIntervalMs ?? 100, { min: 0 });
  const now = opts.now === undefined
    ? () => performance.now()
    : checkFunction("now", opts.now) as () => number;

  const start = now();
  const displayId = `reprl-progress-${Date.now().toString(36)}-${displayCounter++}`;
  let done = 0;
  let info: ProgressInfo = {};
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let lastPrintedDone = NaN;
  let shown = false;
  let finished = false;
  let ttyWidth = 0;

  function status(): { fraction: number; text: string } {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const elapsed = (now() - start) / 1000;
    const rate = elapsed > 0 ? done / elapsed : NaN;
    const eta = done >= total ? 0 : rate > 0 ? (total - done) / rate : NaN;
    const parts = [
      `${(100 * fraction).toFixed(0).padStart(3)}%`,
      `${compact(done)}/${compact(total)}`,
      `${compact(rate)}/s`,
      finished ? `in ${duration(elapsed)}` : `ETA ${duration(eta)}`,
    ];
    const extra = formatInfo(info);
    return { fraction, text: `${parts.join(" ")}${extra ? ` ${extra}` : ""}` };
  }

  function drawTty(): void {
    const { fraction, text } = status();
    const width = 24;
    const filled = Math.round(fraction * width);
    const line = `${label ? `${label} ` : ""}[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}`;
    const pad = Math.max(0, ttyWidth - line.length);
    ttyWidth = line.length;
    write(`\r${line}${" ".repeat(pad)}${finished ? "\n" : ""}`);
  }

  function drawText(): void {
    lastPrintedDone = done;
    write(`${label ? `${label}: ` : ""}${status().text}\n`);
  }

  function drawJupyter(api: Jupyter): void {
    const { fraction, text } = status();
    const title = label ? `<b>${escapeHtml(label)}</b> ` : "";
    const value = fraction.toFixed(4);
    const bar = `<progress value="${value}" max="1" style="width:240px;vertical-align:middle"></progress>`;
    const html = `<div style="font-family:monospace">${title}${bar} ${escapeHtml(text)}</div>`;
    const content = {
      data: { "text/html": html, "text/plain": `${label ? `${label}: ` : ""}${text}` },
      metadata: {},
      transient: { display_id: displayId },
    };
    // Display is best effort: a closed channel must not break the computation. `broadcast` is typed as returning a
    // promise, but Deno 2.9 returns undefined, so handle both.
    try {
      const sent: unknown = api.broadcast(shown ? "update_display_data" : "display_data", content);
      if (sent instanceof Promise) sent.catch(() => {});
    } catch {
      // ignored, as above
    }
    shown = true;
  }

  function draw(): void {
    lastDraw = now();
    if (mode === "tty") drawTty();
    else if (mode === "text") drawText();
    else if (mode === "jupyter" && jupyter) drawJupyter(jupyter);
  }

  return {
    update(value: number, extra?: ProgressInfo): void {
      checkFinite("done", value);
      if (value < 0) throw new RangeError(`done must be >= 0, got ${value}`);
      if (finished) return;
      done = value;
      if (extra !== undefined) info = extra;
      if (mode === "text") {
        // A line each time another tenth is complete (and one at the start).
        const decile = total === 0 ? 10 : Math.min(10, Math.floor((10 * done) / total));
        if (decile > lastDecile) {
          lastDecile = decile;
          draw();
        }
      } else if (now() - lastDraw >= minInterval) {
        draw();
      }
    },
    finish(): void {
      if (finished) return;
      finished = true;
      // In text mode, skip the closing line when update() has just printed the same 100% state.
      if (mode === "text" && lastDecile === 10 && lastPrintedDone === done) return;
      draw();
    },
  };
}

/**
 * An `onProgress` callback that draws a {@link progress} display, created on the first report (which gives the
 * total) and finished when `done` reaches `total`.
 *
 * @example
 * ```ts
 * import { progressCallback } from "./progress.ts";
 * const onProgress = progressCallback("value iteration");
 * for (let k = 1; k <= 50; k++) onProgress({ done: k, total: 50, residual: 2 ** -k });
 * ```
 */
export function progressCallback(
  label: string,
  opts: Omit<ProgressOptions, "total" | "label"> = {},
): ProgressCallback {
  let bar: Progress | undefined;
  let total = NaN;
  return ({ done, total: reportedTotal, ...info }) => {
    if (bar === undefined || reportedTotal !== total) {
      bar?.finish();
      total = reportedTotal;
      bar = progress({ ...opts, total, label });
    }
    bar.update(done, info);
    if (done >= total) {
      bar.finish();
      bar = undefined;
      total = NaN;
    }
  };
}
