/**
 * Helpers shared by the numpy peer comparisons: the Python to run, a probe for numpy, raw bytes of typed arrays to
 * hand over, and the median of repeated timings.
 *
 * @module
 */

import type { PeerRow } from "./types.ts";

/** Debian's Python, where python3-numpy and python3-torch install (not the pyenv python3 first on PATH). */
export const PYTHON = "/usr/bin/python3";

/**
 * The median of timings.
 *
 * @example
 * ```ts
 * import { median } from "./_common.ts";
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The little-endian bytes of a typed array (a view, no copy).
 *
 * @example
 * ```ts
 * import { bytes } from "./_common.ts";
 * bytes(new Int32Array([1])).length; // 4
 * ```
 */
export function bytes(a: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * `null` when `import numpy` works in {@link PYTHON}, else why not.
 *
 * @example
 * ```ts
 * import { numpyAvailable } from "./_common.ts";
 * const missing = await numpyAvailable();
 * ```
 */
export async function numpyAvailable(): Promise<string | null> {
  try {
    const out = await new Deno.Command(PYTHON, {
      args: ["-c", "import numpy"],
      stdout: "null",
      stderr: "piped",
    })
      .output();
    return out.success
      ? null
      : new TextDecoder().decode(out.stderr).trim().split("\n").pop() ?? "import failed";
  } catch (e) {
    return `${PYTHON} not runnable: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Run {@link PYTHON} with `args` (and `stdin` text, if given) and parse its stdout as JSON; on failure (Python
 * missing, a non-zero exit) the reason as a string: the last line of stderr.
 *
 * @example
 * ```ts ignore
 * import { runPython } from "./_common.ts";
 * const out = await runPython(["-c", "import json; print(json.dumps({'x': 1}))"]);
 * typeof out === "string" ? console.error(out) : console.log(out);
 * ```
 */
export async function runPython(args: string[], stdin?: string): Promise<Record<string, unknown> | string> {
  try {
    const child = new Deno.Command(PYTHON, {
      args,
      stdin: stdin === undefined ? "null" : "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    if (stdin !== undefined) {
      const w = child.stdin.getWriter();
      await w.write(new TextEncoder().encode(stdin));
      await w.close();
    }
    const { code, stdout, stderr } = await child.output();
    if (code !== 0) return new TextDecoder().decode(stderr).trim().split("\n").at(-1) || `exit code ${code}`;
    return JSON.parse(new TextDecoder().decode(stdout));
  } catch (e) {
    return `${PYTHON} not runnable: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Timing of {@link bestRate}: untimed warm-up seconds, measured seconds, and windows they are split into. */
export interface RateTiming {
  warmupS: number;
  measureS: number;
  windows: number;
}

/**
 * Units per second of `step` (each call does `units` units of work): warm-up, then the best of `windows` timed
 * windows (so brief load from other processes is ignored). The Python peers time the same way (`_common.py`).
 *
 * @example
 * ```ts
 * import { bestRate } from "./_common.ts";
 * const r = await bestRate(() => Promise.resolve(), 1, { warmupS: 0.01, measureS: 0.02, windows: 2 });
 * r > 0; // true
 * ```
 */
export async function bestRate(step: () => unknown, units: number, t: RateTiming): Promise<number> {
  let t0 = performance.now();
  while (performance.now() - t0 < t.warmupS * 1000) await step();
  let best = 0;
  for (let w = 0; w < t.windows; w++) {
    let steps = 0;
    t0 = performance.now();
    for (;;) {
      await step();
      steps++;
      const elapsed = (performance.now() - t0) / 1000;
      if (elapsed >= t.measureS / t.windows) {
        best = Math.max(best, (steps * units) / elapsed);
        break;
      }
    }
  }
  return best;
}

/**
 * Print peer rows as one table: ours, peer, unit and ratio = ours / peer (> 1: reprl is faster).
 *
 * @example
 * ```ts
 * import { printPeerRows } from "./_common.ts";
 * printPeerRows([{ name: "demo", ours: 2, peer: 1, unit: "steps/s", ratio: 2 }]);
 * ```
 */
export function printPeerRows(rows: readonly PeerRow[]): void {
  console.table(rows.map((r) => ({
    benchmark: r.name,
    ours: r.ours.toPrecision(4),
    peer: r.peer.toPrecision(4),
    unit: r.unit,
    ratio: r.ratio.toFixed(3),
  })));
}
